// Attention rollout and attention flow (Abnar & Zuidema 2020, "Quantifying
// Attention Flow in Transformers", section 3).
//
// Per layer l, the heads are fused into one matrix A_l (mean, max or min
// over heads), the residual connection is added as
//     Â_l = (1 - r) A_l + r I            (r = `residual`, 0.5 in the paper)
// and each row of Â_l is divided by its sum. Rollout is the product from
// the first layer to the last,
//     R = Â_L · ... · Â_2 · Â_1,
// so R[i][j] is how much output token i at the top draws on input token j.
// Attention flow treats the same Â_l as capacities of a layered graph and
// takes, for each (i, j), the maximum flow from token i above the last layer
// down to input token j.
#pragma once

#include "core/limits.h"
#include "core/scene.h"
#include "core/status.h"
#include "import/attention_tensor.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ap::analysis {

enum class HeadFusion { Mean, Max, Min };
const char* toString(HeadFusion f);  // "mean", "max", "min"
std::optional<HeadFusion> headFusionFromString(std::string_view s);

// Fails with the message refusing a whole matrix of the tensor's size
// ("what" names the use: "rollout", "a picture").
Status checkMatrixSize(const import::AttentionTensor& t, const std::string& what);

struct RolloutOptions {
    double residual = 0.5;  // r above, in [0, 1]
    HeadFusion fusion = HeadFusion::Mean;
    const std::atomic<bool>* cancel = nullptr;  // stops early when true
    int lastLayer = -1;                         // the rollout stops after this layer; -1: the last one
};

// Heads of one layer fused into one queries x keys matrix (rows read a
// block at a time, so no second matrix is held).
Status fuseLayer(const import::AttentionTensor& t, int layer, HeadFusion fusion, Matrix& out);

// Â = (1 - r) A + r I, rows divided by their sums (a zero row stays zero).
// A must be square.
Matrix addResidual(const Matrix& a, double residual);

// R = Â_L ... Â_1 over `layers` (already fused, square, equal sizes).
Matrix rolloutProduct(const std::vector<Matrix>& layers, double residual);

// Rollout through layers 0..lastLayer (every layer by default); needs
// queries == keys (self-attention) and at most kMaxMatrixCells cells. The
// matrix is queries x keys; a cancelled run fails with an empty message.
Result<Matrix> attentionRollout(const import::AttentionTensor& t, const RolloutOptions& options = {});

// Attention flow over `layers` (fused, square): flow[i][j] = max flow from
// token i above the last layer to input token j.
Matrix flowFromLayers(const std::vector<Matrix>& layers, double residual);
Result<Matrix> attentionFlow(const import::AttentionTensor& t, const RolloutOptions& options = {});

}  // namespace ap::analysis
