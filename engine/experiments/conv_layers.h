// The layers of a small convolutional network, forward and backward by hand,
// on a batch stored channel-major: x[((c*B + b)*H + y)*W + x] ("CNHW"). In
// that layout a valid, stride-1 convolution is one matrix product between
// the im2col matrix and the kernel, and its output comes out in the same
// layout, so layers chain without copies. Weights follow PyTorch's layout
// (conv [out][in][ky][kx], dense [out][in]) so that they read the same.
#pragma once

#include "experiments/matrix_types.h"

#include <vector>

namespace ap {

class Random;

// A valid (unpadded), stride-1 convolution of `in` channels of H x W to
// `out` channels of (H-k+1) x (W-k+1).
struct ConvShape {
    int in = 1, out = 1, k = 1, h = 1, w = 1;
    int outH() const { return h - k + 1; }
    int outW() const { return w - k + 1; }
    int weights() const { return out * in * k * k; }
    int parameters() const { return weights() + out; }
};

template <typename Scalar>
struct ConvCache {
    MatrixX<Scalar> columns;   // (B*outH*outW) x (in*k*k): im2col, transposed
    MatrixX<Scalar> dColumns;  // the same shape, for the backward pass
};

// y = W * x + b; params holds W then b.
template <typename Scalar>
void convForward(const ConvShape& s, const Scalar* params, const Scalar* x, int batch, Scalar* y,
                 ConvCache<Scalar>& cache);
// Adds dW and db to grad; writes dx (when not null) from dy.
template <typename Scalar>
void convBackward(const ConvShape& s, const Scalar* params, const Scalar* dy, int batch, Scalar* grad, Scalar* dx,
                  ConvCache<Scalar>& cache);

// 2 x 2 max pooling with stride 2 of `planes` planes of H x W (odd edges
// dropped, as PyTorch's floor mode). `argmax` keeps each output's source.
template <typename Scalar>
void maxPoolForward(const Scalar* x, int planes, int h, int w, Scalar* y, std::vector<int>& argmax);
// dx (planes x H x W, zeroed here) from dy.
template <typename Scalar>
void maxPoolBackward(const Scalar* dy, int planes, int h, int w, const std::vector<int>& argmax, Scalar* dx);

// In place; the backward pass reads the output (relu(x) > 0 iff x > 0, so
// the derivative at 0 is taken as 0, as the frameworks do).
template <typename Scalar>
void reluForward(Scalar* x, Eigen::Index n);
template <typename Scalar>
void reluBackward(const Scalar* y, Scalar* dy, Eigen::Index n);

// From CNHW to one column of C*H*W features per sample (feature
// (c*H + y)*W + x, PyTorch's flatten order), and back.
template <typename Scalar>
void flattenCnhw(const Scalar* x, int channels, int batch, int plane, MatrixX<Scalar>& features);
template <typename Scalar>
void unflattenCnhw(const MatrixX<Scalar>& features, int channels, int batch, int plane, Scalar* x);

// Y = W X + b, X is in x B; params holds W (out x in, row-major) then b.
template <typename Scalar>
void denseForward(const Scalar* params, int in, int out, const MatrixX<Scalar>& x, MatrixX<Scalar>& y);
// Adds dW and db to grad; writes dX when dx is not null.
template <typename Scalar>
void denseBackward(const Scalar* params, int in, int out, const MatrixX<Scalar>& x, const MatrixX<Scalar>& dy,
                   Scalar* grad, MatrixX<Scalar>* dx);

// The sum over the batch of the cross-entropies of softmax(logits) (classes
// x B) against the labels; dLogits = scale * (softmax - onehot).
template <typename Scalar>
Scalar softmaxCrossEntropy(const MatrixX<Scalar>& logits, const int* labels, Scalar scale, MatrixX<Scalar>& dLogits);

// PyTorch's default initialisation of conv and dense layers (He et al.
// 2015's uniform with a = sqrt(5)): weights and biases U(-1/sqrt(fanIn),
// 1/sqrt(fanIn)).
template <typename Scalar>
void initializeLayer(Scalar* params, int weights, int biases, int fanIn, Random& random);

}  // namespace ap
