// The statistical aligner (aligner.h) trained on one corpus and applied,
// with its parameters held fixed, to the pairs of another: how a held-out
// set is aligned by a model that never saw it, the way the translator's
// attention is evaluated. alignCorpus() instead runs EM on the very pairs
// it aligns, as word aligners are normally run.
//
// Aligning with fixed parameters is one E-step without an M-step: each
// generated word's posterior over the positions of its pair (and NULL) is
//
//   P(a_j = i | pair) = a(i | j, m, n) t(w_j | v_i) / Σ_i' a(i' | j, m, n) t(w_j | v_i')
//
// (Brown et al. 1993, IBM Model 2, where Model 1 has a = 1 / (m + 1); for
// fast_align, a is the diagonal prior δ(a_j = i | j, m, n) of Dyer,
// Chahuneau & Smith 2013, equation 2, with the trained tension). Words
// and sentence lengths never met in training have no trained parameter;
// they get the values EM starts from (alignment_em.cpp), so that nothing
// is learned from the aligned pairs themselves:
//
// - a generating word never seen in training generates every word with the
//   uniform t = 1 / |V| (V: the generated side's training vocabulary), the
//   probability every cell of the table starts from;
// - a trained generating word (and NULL) keeps its trained distribution,
//   which gives a word it never met in training, seen or not, the
//   probability floor (AlignerOptions::probabilityFloor), as EM's
//   M-step gives a pair that never co-occurs;
// - IBM Model 2 on a sentence-length pair never met in training uses
//   Model 1's uniform positions, which Model 2 starts from.
//
// So an unseen word aligns to an unseen word of its pair when there is one
// (1 / |V| against the floor), and otherwise by the alignment prior alone.
#pragma once

#include "core/status.h"
#include "translation/aligner.h"
#include "translation/corpus.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ap {

// One direction's trained parameters.
struct AlignerDirectionParameters {
    // p(to | from) of the word pairs that met in training, p(to | NULL).
    TranslationTable table;
    // IBM Model 2: a(i | j, m, n) of each sentence-length pair met in
    // training (m from words, n to words), keyed m << 32 | n: n rows of
    // m + 1 entries, the m positions then NULL. Empty for other models.
    std::unordered_map<std::uint64_t, std::vector<double>> distortion;
    double tension = 0.0;  // fast_align's λ after training; 0 for IBM models
};

struct TrainedAligner {
    AlignerOptions options;                    // as trained; lowercase applies to the aligned pairs too
    AlignerDirectionParameters forward;        // p(target | source)
    AlignerDirectionParameters reverse;        // p(source | target)
    std::vector<double> forwardLogLikelihood;  // per EM iteration of training, as AlignerSummary's
    std::vector<double> reverseLogLikelihood;
    std::string trainingCorpus;  // the training corpus's name
    int trainingPairs = 0;
};

// Trains both directions with EM on every pair of `training` (the same
// training as alignCorpus: the same options give the same parameters).
// Fails with validate()'s message for bad options, "cancelled" when the
// progress callback says so, or a message naming the corpus (no pairs, an
// empty side, too many word pairs).
Result<TrainedAligner> trainAligner(const Corpus& training, const AlignerOptions& options,
                                    const AlignerProgress& progress = {});

// Aligns every pair of `corpus` with the trained parameters held fixed,
// and scores the links against `corpus`'s gold links (the training
// corpus's gold links are never read). The summary's tables are the
// trained ones; its log-likelihoods are empty (no EM ran on `corpus`);
// `seconds` is the alignment's time.
AlignerSummary alignWithTrained(const TrainedAligner& aligner, const Corpus& corpus);

// trainAligner(training) then alignWithTrained(corpus); `seconds` counts both.
AlignerSummary alignHeldOut(const Corpus& training, const Corpus& corpus, const AlignerOptions& options,
                            const AlignerProgress& progress = {});

}  // namespace ap
