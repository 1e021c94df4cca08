// One matrix to look at from imported attention: a (layer, head) slice, an
// aggregate over heads and/or layers (mean or max, elementwise), or the
// rollout.
#pragma once

#include "analysis/rollout.h"
#include "core/scene.h"
#include "import/attention_tensor.h"

#include <atomic>
#include <string>

namespace ap::analysis {

struct AttentionChoice {
    static constexpr int kAll = -1;
    int layer = 0;                         // a layer, or kAll: aggregate over layers
    int head = 0;                          // a head, or kAll: aggregate over heads
    HeadFusion fusion = HeadFusion::Mean;  // how kAll aggregates
    bool rollout = false;                  // rollout through `layer` (kAll: every layer); head unused
    bool operator==(const AttentionChoice& o) const {
        return layer == o.layer && head == o.head && fusion == o.fusion && rollout == o.rollout;
    }
};

// Fills `out` (queries x keys). Fails with the message of a bad slice, an
// out-of-range choice or a matrix beyond limits::kMaxMatrixCells (refused
// before allocating); succeeds with an empty matrix when cancelled.
Status attentionMatrix(const import::AttentionTensor& t, const AttentionChoice& choice, Matrix& out,
                       const std::atomic<bool>* cancel = nullptr);

// Rows [row0, row0 + rowCount) of a choice that is not a rollout, into `out`
// (rowCount x keys), at any size of the tensor: what streams a huge head.
Status attentionRows(const import::AttentionTensor& t, const AttentionChoice& choice, int row0, int rowCount,
                     Matrix& out, const std::atomic<bool>* cancel = nullptr);

// "layer 3 · head 5", "layer 3 · mean of 12 heads", "rollout (mean of heads, residual 0.5)" ...
std::string describe(const import::AttentionTensor& t, const AttentionChoice& choice);

}  // namespace ap::analysis
