// Per-head statistics of imported attention, after the measures used to
// survey BERT's heads (Clark et al. 2019, "What Does BERT Look At?";
// Vig & Belinkov 2019). Each is an average over the query rows of one
// (layer, head) slice A, whose rows are distributions over the keys.
#pragma once

#include "core/scene.h"
#include "core/status.h"
#include "import/attention_tensor.h"

#include <atomic>
#include <string>
#include <vector>

namespace ap::analysis {

struct HeadStats {
    int layer = 0, head = 0;
    // Mean over rows of -sum_j a_ij ln a_ij (nats; terms with a_ij <= 0 are 0).
    double entropy = 0;
    // Mean over rows of sum_j a_ij |i - j|, in tokens.
    double meanDistance = 0;
    // Mean over rows of a_i0: the share of attention on the first key.
    double firstTokenShare = 0;
    // Mean over rows of the weight on separator-like keys (isSeparatorToken).
    double separatorShare = 0;
    // The largest weight in the slice.
    double maxWeight = 0;
};

// The separator rule: after dropping a leading subword marker ("Ġ", "▁",
// "##") and surrounding spaces, a token is separator-like when it is one of
// [SEP], [CLS], <s>, </s>, <eos>, <bos>, <|endoftext|> (any case), or is
// non-empty and made only of punctuation (ASCII punctuation, or one of
// 。，、！？；：…–—·). Empty tokens are not.
bool isSeparatorToken(const std::string& token);

// The statistics of one slice; `separatorKeys` marks the keys counted as
// separators (empty: none).
HeadStats headStats(const Matrix& a, const std::vector<bool>& separatorKeys);

// The same sums taken a block of rows at a time, so that a slice too big to
// hold (65,536 x 65,536 floats are 16 GiB) is measured in bounded memory.
class HeadStatsAccumulator {
public:
    // Rows of the slice starting at row `row0` (row-major, as many columns
    // as the slice has keys).
    void add(const Matrix& rows, Eigen::Index row0, const std::vector<bool>& separatorKeys);
    HeadStats result() const;

private:
    double entropy_ = 0, distance_ = 0, first_ = 0, separator_ = 0;
    float maxWeight_ = 0;
    Eigen::Index rows_ = 0;
};

struct HeadStatsOptions {
    // When set and true, the computation stops early and fails with an
    // empty message.
    const std::atomic<bool>* cancel = nullptr;
};

// Every head of the tensor, one slice at a time (OpenMP over slices), each
// read a block of rows at a time. Layer-major: index = layer * heads + head.
// Fails with a slice's message (NaN, for instance).
Result<std::vector<HeadStats>> computeHeadStats(const import::AttentionTensor& t, const HeadStatsOptions& options = {});

}  // namespace ap::analysis
