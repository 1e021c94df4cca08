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
AlignmentCounts alignmentCounts(const std::vector<AlignmentLink>& predicted,
                                const std::vector<AlignmentLink>& gold);
double alignmentErrorRate(const std::vector<AlignmentLink>& predicted,
                          const std::vector<AlignmentLink>& gold);

// The argmax-attention alignment: for each of the first `rows` rows of
// weights (target steps x source tokens), the link (source = argmax column,
// target = row); ties go to the lowest column. The model's weights have one
// row more than the target has tokens (the <eos> step): pass rows = target
// length to leave it out. A row of all zeros gives no link.
std::vector<AlignmentLink> argmaxAlignment(const Matrix& weights, int rows);

// How many positions i < reference.size() have predicted[i] == reference[i].
int matchingTokens(const std::vector<std::string>& predicted,
                   const std::vector<std::string>& reference);

// Matched / total, 0 when total is 0.
double tokenAccuracy(long long matched, long long total);

// The whole sequence, with its length, equals the reference.
bool exactMatch(const std::vector<std::string>& predicted,
                const std::vector<std::string>& reference);

}  // namespace ap
