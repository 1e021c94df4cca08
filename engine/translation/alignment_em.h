// EM training of one alignment direction (IBM Models 1 and 2, fast_align),
// the internals of alignCorpus() (aligner.h). Each direction's translation
// table is stored sparsely: only word pairs that meet in some sentence pair
// get a cell, and every sentence pair keeps the cell index of each of its
// (target, source) positions, so that an EM iteration is two flat passes
// without hashing.
#pragma once

#include "translation/aligner.h"
#include "translation/trained_aligner.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>
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
    // IBM Model 2's a(i | j, m, n) per length pair, as AlignerDirectionParameters.
    std::unordered_map<std::uint64_t, std::vector<double>> distortion;
    double tension = 0.0;
    std::vector<double> logLikelihood;
    Status status;  // Status::cancelledByUser() when `progress` stopped it
};

// Trains the direction with o.model (after the IBM Model 1 warm-up), then
// keeps each pair's posteriors. `done` counts the iterations of both
// directions for `progress`, out of `total`.
DirectionResult train(const Direction& d, const AlignerOptions& o, int& done, int total,
                      const AlignerProgress& progress);

// The best from position of each to position; NULL (index m) only when it
// is strictly the most probable, ties to the lowest position.
std::vector<int> viterbi(const std::vector<double>& post, int m, int n);

// One pair's to x (from + NULL) posteriors under fixed trained parameters,
// words and lengths never met in training handled as trained_aligner.h says.
std::vector<double> fixedPosteriors(const AlignerDirectionParameters& params, const AlignerOptions& o,
                                    const std::vector<std::string>& from, const std::vector<std::string>& to);

// Shared by alignCorpus and alignWithTrained (defined in aligner.cpp).
// The pairs' words, case-folded when the options say so; an error naming
// the corpus on failure (a side empty, too many word pairs).
Status prepareSides(const Corpus& corpus, const AlignerOptions& o, std::vector<std::vector<std::string>>& source,
                    std::vector<std::vector<std::string>>& target);
// s.pairs from each direction's posteriors (forward: target x (source +
// NULL), reverse: source x (target + NULL), per pair), and the counts
// against `corpus`'s gold links.
void collectAlignments(const Corpus& corpus, const std::vector<std::vector<double>>& forwardPosteriors,
                       const std::vector<std::vector<double>>& reversePosteriors, const AlignerOptions& o,
                       AlignerSummary& s);

}  // namespace ap::alignment_em
