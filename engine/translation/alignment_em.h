// EM training of one alignment direction (IBM Models 1 and 2, fast_align),
// the internals of alignCorpus() (aligner.h). Each direction's translation
// table is stored sparsely: only word pairs that meet in some sentence pair
// get a cell, and every sentence pair keeps the cell index of each of its
// (target, source) positions, so that an EM iteration is two flat passes
// without hashing.
#pragma once

#include "translation/aligner.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ap::alignment_em {

// One direction's data: each pair as word ids of the generating ("from")
// side and the generated ("to") side, and the translation-table cell of
// every (to position, from position).
struct Direction {
    std::vector<std::vector<int>> from, to;
    std::vector<std::vector<int>> cells;  // per pair, to-major: cells[j * |from| + i]
    std::vector<int> cellFrom;            // cell -> from id
    // IBM Model 2: where each pair's rows of a(i | j, m, n) start; pairs of
    // equal lengths share them, and the first of them is marked.
    std::vector<std::size_t> distortionOffset;
    std::vector<char> firstOfLengths;
    std::size_t distortionSize = 0;
    std::vector<std::string> fromWords, toWords;
    int fromVocabulary = 0, toVocabulary = 0;
};

// Word ids and cells of the pairs, generating `to` from `from`.
Direction buildDirection(const std::vector<std::vector<std::string>>& fromSide,
                         const std::vector<std::vector<std::string>>& toSide);

struct DirectionResult {
    std::vector<std::vector<double>> posteriors;  // per pair, to x (from + NULL)
    TranslationTable table;
    double tension = 0.0;
    std::vector<double> logLikelihood;
    bool cancelled = false;
};

// Trains the direction with o.model (after the IBM Model 1 warm-up), then
// keeps each pair's posteriors. `done` counts the iterations of both
// directions for `progress`, out of `total`.
DirectionResult train(const Direction& d, const AlignerOptions& o, int& done, int total,
                      const AlignerProgress& progress);

// The best from position of each to position; NULL (index m) only when it
// is strictly the most probable, ties to the lowest position.
std::vector<int> viterbi(const std::vector<double>& post, int m, int n);

}  // namespace ap::alignment_em
