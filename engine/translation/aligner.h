// Statistical word alignment: IBM Models 1 and 2 (Brown et al. 1993) and
// fast_align's diagonal prior (Dyer, Chahuneau & Smith 2013), trained with
// EM in both directions and symmetrised (Och & Ney 2003; Koehn et al. 2003).
// Pure C++, no Qt. Deterministic: the same corpus and options give the same
// tables, posteriors and links bit for bit.
//
// Conventions. The "forward" direction generates each target word from one
// source word or from NULL, p(target | source): its posteriors are a
// target x source matrix, like the decoder's attention. The "reverse"
// direction swaps the sides and generates each source word from one target
// word or NULL. Links are AlignmentLink {source, target}, 0-based, as in the
// corpus gold column.
#pragma once

#include "core/status.h"
#include "core/scene.h"
#include "translation/case_folding.h"
#include "translation/corpus.h"
#include "translation/metrics.h"
#include "translation/symmetrization.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ap {

enum class AlignmentModel { Ibm1, Ibm2, FastAlign };

// "ibm1", "ibm2", "fastalign".
const char* toString(AlignmentModel m);
std::optional<AlignmentModel> alignmentModelFromString(std::string_view s);

struct AlignerOptions {
    AlignmentModel model = AlignmentModel::Ibm2;
    // EM iterations of the chosen model, 1 to 1000.
    int iterations = 10;
    // IBM Model 2 and fast_align start from the translation table of this
    // many IBM Model 1 iterations (Brown et al. train Model 2 from Model 1's
    // output; fast_align itself starts from a uniform table, which on small
    // corpora lets its diagonal prior win over the words), 0 to 1000.
    // Ignored by IBM Model 1.
    int ibm1WarmupIterations = 10;
    // Which links `links` holds; None keeps the forward direction's.
    Symmetrization symmetrize = Symmetrization::GrowDiagFinalAnd;
    // Fold case on both sides before counting (foldCase below), for corpora
    // whose casing differs from the text to align.
    bool lowercase = false;
    // Generate words from an empty (NULL) word, position 0 of IBM models.
    bool nullWord = true;
    // IBM Model 2 learns the full distortion table a(i | j, m, n) of Brown
    // et al., one distribution per target position and sentence lengths.
    // fast_align: probability of the NULL word (its p0) and the tension λ
    // of the diagonal prior exp(-λ |i/m - j/n|). λ stays at fast_align's
    // starting value 4 unless optimizeTension is set; then, as fast_align
    // does, it is re-estimated after each EM iteration by gradient steps on
    // the expected feature, kept in [0.1, 14]. On corpora of a hundred
    // pairs that re-estimation feeds on its own diagonal posteriors and
    // drives λ to 9-14, which costs alignment quality: off by default.
    double fastAlignNullProbability = 0.08;
    double fastAlignTension = 4.0;
    bool optimizeTension = false;
    // Translation probabilities are floored here so that a pair whose words
    // never met in training still has an alignment.
    double probabilityFloor = 1e-12;
};

// Whether the options are usable; if not, what is wrong.
Status validate(const AlignerOptions& options);

// One direction's translation table, after training.
struct TranslationTable {
    std::unordered_map<std::string, int> from;  // word -> id (after case folding)
    std::unordered_map<std::string, int> to;
    std::unordered_map<std::uint64_t, double> t;  // (from id << 32 | to id) -> p(to | from)
    std::vector<double> tNull;                    // to id -> p(to | NULL)
    // p(to | from); `from` empty means NULL. 0 for pairs never seen together.
    double probability(const std::string& fromWord, const std::string& toWord) const;
};

struct PairAlignment {
    // Forward: target x source posteriors P(a_j = i | pair); with the NULL
    // word each row plus forwardNull sums to 1, else each row sums to 1.
    Matrix forward;
    std::vector<float> forwardNull;  // one per target word
    // Reverse, transposed to the same shape (target x source): column i
    // holds source word i's posteriors over the target words, and sums to 1
    // with reverseNull[i].
    Matrix reverse;
    std::vector<float> reverseNull;  // one per source word
    // (forward + reverse) / 2: the soft alignment to show beside attention.
    Matrix soft;
    // Hard links: the best source word of each target word (forward), the
    // best target word of each source word (reverse), both as {source,
    // target}; NULL gives no link. `links` is the symmetrised alignment of
    // AlignerOptions::symmetrize. Each list is sorted by (source, target).
    std::vector<AlignmentLink> forwardLinks;
    std::vector<AlignmentLink> reverseLinks;
    std::vector<AlignmentLink> links;
};

struct AlignerSummary {
    Status status;                     // what is wrong, naming the corpus; "cancelled"
    std::vector<PairAlignment> pairs;  // one per corpus pair, in order
    TranslationTable forwardTable;     // p(target word | source word)
    TranslationTable reverseTable;     // p(source word | target word)
    // fast_align's final tension per direction (0 for the IBM models).
    double forwardTension = 0.0, reverseTension = 0.0;
    // Per EM iteration (the warm-up included), both directions: the
    // corpus log-likelihood per generated word under the parameters the
    // iteration started from; EM never decreases it within one model
    // (fast_align's tension steps aside).
    std::vector<double> forwardLogLikelihood, reverseLogLikelihood;
    // Against the gold links of the pairs that have them, with `links`.
    AlignmentCounts counts;
    int pairsWithGold = 0;
    double seconds = 0.0;
    double precision() const;  // |A ∩ P| / |A|, 0 when nothing is predicted
    double recall() const;     // |A ∩ S| / |S|, 0 when there are no sure links
    double aer() const { return counts.aer(); }
};

// Called after each EM iteration with (done, total) iterations over both
// directions; return false to cancel (the summary then says "cancelled").
using AlignerProgress = std::function<bool(int done, int total)>;

// Trains on every pair of the corpus and aligns them.
AlignerSummary alignCorpus(const Corpus& corpus, const AlignerOptions& options, const AlignerProgress& progress = {});

}  // namespace ap
