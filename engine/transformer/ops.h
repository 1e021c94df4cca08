// The forward pass's building blocks, each on a tokens x width row-major
// matrix, one row (token) at a time. Internal to engine/transformer.
#pragma once

#include "core/scene.h"
#include "transformer/config.h"
#include "transformer/model.h"

#include <vector>

namespace ap::transformer::ops {

// LayerNorm (Ba et al., 2016): (x - mean) / sqrt(var + eps) * w + b, the
// variance biased, as torch.nn.LayerNorm. With `norm.bias` empty, RMSNorm
// (Zhang & Sennrich, 2019): x / sqrt(mean(x²) + eps) * w.
void normalize(const Matrix& x, const Norm& norm, float eps, Matrix& out, int threads);

// In place: GELU (Hendrycks & Gimpel, 2016) exact with erf or with the tanh
// approximation, ReLU, or SiLU.
void activate(Matrix& x, Activation a, int threads);
// In place: gate = silu(gate) * up (SwiGLU, Shazeer, 2020).
void swiglu(Matrix& gate, const Matrix& up, int threads);

// Rotary embedding (Su et al., 2021) in the rotate-half convention of the
// Hugging Face Llama code: for i < d/2, (x_i, x_{i+d/2}) rotated by
// position * theta^(-2i/d). `cos` and `sin` are tokens x d/2; row r of `x`
// is the token at position firstPosition + r.
void rotaryTables(const ModelConfig& c, int tokens, Matrix& cos, Matrix& sin);
void rotate(Matrix& x, int heads, int headDim, const Matrix& cos, const Matrix& sin, int firstPosition, int threads);

// Softmax of each row of scores over the keys the mask allows (causal:
// key <= query; sliding window: query - key < window); masked weights are 0.
// `scores` holds `rows` rows of `keys` scores, the queries firstQuery,
// firstQuery + 1, ...
void maskedSoftmax(float* scores, int rows, int keys, int firstQuery, bool causal, int window);

}  // namespace ap::transformer::ops
