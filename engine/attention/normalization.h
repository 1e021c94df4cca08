// Row normalizers (docs/math.md): softmax, hard, top-k and sparsemax over
// the unmasked keys of one query row. Kept apart from the attention loop so
// that each normalizer can be tested on a single row.
#pragma once

#include "core/scene.h"

#include <cstdint>
#include <vector>

namespace ap {

struct NormalizationParams {
    Normalization kind = Normalization::Softmax;
    float temperature = 1.0f;  // > 0
    int topK = 2;              // >= 1, read for TopK only
    int samples = 1;           // >= 1, read for Sample only
    std::uint64_t seed = 0;    // read for Sample only
};

// Which row is being normalized. The sample normalizer draws from a stream
// of its own for each (head, row), so that the weights do not depend on the
// order in which rows are normalized or on the number of threads.
struct RowId {
    int head = 0;
    int row = 0;
};

// Working memory of one thread. It only grows, so once it has seen the
// longest row, normalizing allocates nothing.
class RowScratch {
public:
    float* floats(int n) {
        if (int(values_.size()) < n) values_.resize(std::size_t(n));
        return values_.data();
    }
    double* doubles(int n) {
        if (int(doubles_.size()) < n) doubles_.resize(std::size_t(n));
        return doubles_.data();
    }

private:
    std::vector<float> values_;
    std::vector<double> doubles_;
};

// Where the unmasked keys of a row lie: all of them in [0, end), and when
// `dense` is true none of [0, end) is masked. Causal and trailing padding
// masks give dense rows, which take the vectorised path.
struct RowExtent {
    int end = 0;
    bool dense = true;
};

// mask may be null (no key masked); mask[j] == true means key j is masked.
RowExtent rowExtent(const bool* mask, int n);

// Writes the weights of one row of n raw scores (before temperature).
// Masked weights are exactly 0. Returns false when every key is masked, in
// which case all weights are 0. scores and weights must not overlap.
bool normalizeRow(const NormalizationParams& params, const float* scores, const bool* mask, float* weights, int n,
                  RowScratch& scratch, RowId id = {});

// As above with the row's extent already known (see rowExtent()).
bool normalizeRow(const NormalizationParams& params, const float* scores, const bool* mask, float* weights, int n,
                  RowExtent extent, RowScratch& scratch, RowId id = {});

}  // namespace ap
