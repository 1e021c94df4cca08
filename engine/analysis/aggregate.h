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
    bool rollout = false;                  // rollout of every layer (layer and head unused)
    bool operator==(const AttentionChoice& o) const {
        return layer == o.layer && head == o.head && fusion == o.fusion && rollout == o.rollout;
    }
};

// Fills `out` (queries x keys). Returns "" or the message of a bad slice or
// an out-of-range choice; "" with an empty matrix when cancelled.
std::string attentionMatrix(const import::AttentionTensor& t, const AttentionChoice& choice, Matrix& out,
                            const std::atomic<bool>* cancel = nullptr);

// "layer 3 · head 5", "layer 3 · mean of 12 heads", "rollout (mean of heads, residual 0.5)" ...
std::string describe(const import::AttentionTensor& t, const AttentionChoice& choice);

}  // namespace ap::analysis
