// The attention computation of docs/math.md, in the style of Ceres'
// tiny_solver: an Options struct with documented defaults, a Result whose
// buffers are reused across calls, and errors returned as a message.
#pragma once

#include "core/scene.h"
#include "core/status.h"

#include <atomic>
#include <string>
#include <vector>

namespace ap {

struct AttentionOptions {
    // Worker threads for one computation; 0 = all hardware threads. Heads and
    // blocks of query rows are spread over them.
    int threads = 0;
    // When non-null and set to true by another thread, compute() stops at the
    // next block of rows and returns Status{false, "cancelled"}.
    const std::atomic<bool>* cancel = nullptr;
};

struct HeadResult {
    Matrix scores;   // Lq x Lk, raw scores (before temperature and mask)
    Matrix weights;  // Lq x Lk, exactly 0 where masked
    Matrix context;  // Lq x dv/h
};

// One weight of a result: row `query`, column `key` of head `head`'s
// weights (and the scores, mask and context rows around it).
struct CellIndex {
    int query = 0;
    int key = 0;
    int head = 0;
};

struct AttentionResult {
    MaskMatrix mask;  // Lq x Lk, true = masked
    std::vector<HeadResult> heads;
    Matrix weightsMean;                // Lq x Lk
    Matrix output;                     // Lq x dv, or Lq x dout with Wo
    std::vector<int> fullyMaskedRows;  // ascending
};

// Computes `scene` into `result`. Reuses result's buffers when the sizes
// match, so calling it again on a scene of the same shape allocates nothing
// for the result. The scene is validated first (see validate()); an invalid
// scene returns its message and leaves `result` unspecified.
Status computeAttention(const Scene& scene, const AttentionOptions& options, AttentionResult& result);

}  // namespace ap
