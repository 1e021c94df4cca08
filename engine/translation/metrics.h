// Metrics of the translation playground: token
// accuracy, exact match and the alignment error rate of Och & Ney (2003).
// Pure C++, no Qt.
#pragma once

#include "translation/corpus.h"
#include "core/scene.h"

#include <string>
#include <vector>

namespace ap {

// The four counts behind the alignment error rate. Summing them over the
// pairs and taking aer() once gives the corpus AER (Och & Ney's
// definition), which is not the mean of the per-pair rates.
struct AlignmentCounts {
    long long predicted = 0;          // |A|
    long long sure = 0;               // |S|
    long long predictedSure = 0;      // |A ∩ S|
    long long predictedPossible = 0;  // |A ∩ P|, P = sure ∪ possible links
    AlignmentCounts& operator+=(const AlignmentCounts& o);
    // AER = 1 - (|A ∩ S| + |A ∩ P|) / (|A| + |S|); 0 when |A| + |S| = 0
    // (nothing predicted and nothing to find).
    double aer() const;
};

// Counts for one pair. Links are sets: repeated links count once, and a
// link given both as sure and as possible is sure. `sure` of the predicted
// links is ignored.
AlignmentCounts alignmentCounts(const std::vector<AlignmentLink>& predicted, const std::vector<AlignmentLink>& gold);
double alignmentErrorRate(const std::vector<AlignmentLink>& predicted, const std::vector<AlignmentLink>& gold);

// The argmax-attention alignment: for each of the first `rows` rows of
// weights (target steps x source tokens), the link (source = argmax column,
// target = row); ties go to the lowest column. The model's weights have one
// row more than the target has tokens (the <eos> step): pass rows = target
// length to leave it out. A row of all zeros gives no link.
std::vector<AlignmentLink> argmaxAlignment(const Matrix& weights, int rows);

// How many positions i < reference.size() have predicted[i] == reference[i].
int matchingTokens(const std::vector<std::string>& predicted, const std::vector<std::string>& reference);

// Matched / total, 0 when total is 0.
double tokenAccuracy(long long matched, long long total);

// The whole sequence, with its length, equals the reference.
bool exactMatch(const std::vector<std::string>& predicted, const std::vector<std::string>& reference);

// Corpus BLEU-4 (Papineni et al. 2002) with one reference per sentence,
// smoothed as in Lin & Och (2004, "BLEU+1") for short sentences: the
// n-gram precisions for n = 2..4 add one to both the matched and the total
// counts, p_n = (m_n + 1) / (c_n + 1); the unigram precision is not
// smoothed, p_1 = m_1 / c_1. The counts are summed over the corpus first:
//   BLEU = BP * exp(1/4 * sum_{n=1..4} log p_n),
//   BP = 1 if c > r, else exp(1 - r / c)
// with c and r the candidate and reference lengths summed over the corpus.
// Matches are clipped: an n-gram counts at most as often as it appears in
// the reference. BLEU is 0 when no unigram matches (or nothing was output).
struct BleuCounts {
    long long matched[4] = {0, 0, 0, 0};  // clipped n-gram matches, n = 1..4
    long long total[4] = {0, 0, 0, 0};    // candidate n-grams, n = 1..4
    long long candidateLength = 0;
    long long referenceLength = 0;
    BleuCounts& operator+=(const BleuCounts& o);
    double bleu() const;
};
BleuCounts bleuCounts(const std::vector<std::string>& candidate, const std::vector<std::string>& reference);

}  // namespace ap
