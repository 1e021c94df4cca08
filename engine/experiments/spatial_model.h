// The spatial transformer network of the spatial attention experiment
// (Jaderberg et al. 2015), forward and backward by hand, and its baseline:
// the same classifier looking at the whole canvas through a fixed identity
// transform.
//
//   localisation (transformer only), on the canvas (optionally max-pooled):
//     conv 5x5 (L1) -> max pool 2 -> relu -> conv 3x3 (L2) -> max pool 2 ->
//     relu -> dense (hidden) -> relu -> dense 6 = theta (or 4 or 5 numbers
//     theta is computed from, TransformHead), which starts as the
//     identity (zero weights, bias [1 0 0 0 1 0] as PyTorch's tutorial, or
//     the equivalent for the others)
//   sampler: the S x S grid of grid_sampler.h through theta
//   classifier, on the S x S sample (the PyTorch tutorial's for S = 28; S
//   is smaller than the canvas so that zooming in keeps detail, as in the
//   paper's cluttered MNIST):
//     conv 5x5 (C1) -> max pool 2 -> relu -> conv 5x5 (C2) -> max pool 2 ->
//     relu -> dense (hidden) -> relu -> dense 10
// The loss is the softmax cross-entropy, summed over the samples.
#pragma once

#include "experiments/conv_layers.h"
#include "experiments/grid_sampler.h"

#include <vector>

namespace ap {

enum class Transform { Affine, Similarity, ScaleAngle };

// What the localisation network's last layer outputs and how theta follows
// from it; the spatial experiment's options hold one too. The kind:
struct TransformHead {
    // - Affine: theta itself, 6 numbers (bias the identity);
    // - Similarity: (a, b, tx, ty), theta = [a -b tx; b a ty], an isotropic
    //   scale, a rotation and a translation (the constrained transforms of
    //   Jaderberg et al. 2015, section 3.1; bias a = 1);
    // - ScaleAngle: (s, alpha, phi, tx, ty), each times its gain below, and
    //   theta = [R(phi) diag(e^(s+alpha), e^(s-alpha)) | t]: a log scale, a
    //   log aspect (the sampled rectangle's width over height is
    //   e^(2 alpha)), an angle and a translation, all zero (weights and
    //   bias) at the identity. The scale cannot change sign or vanish, and
    //   Adam moves the log scale by a similar step whether the crop is
    //   large or small.
    Transform kind = Transform::Affine;
    double scaleGain = 1.0, aspectGain = 1.0, angleGain = 1.0, shiftGain = 1.0;
    // ScaleAngle only, when positive: s, alpha and each of tx and ty stay
    // within these bounds (bound tanh(gain z / bound) in place of gain z), so
    // that the sampled region can neither shrink to nothing nor leave the
    // canvas, where the sampler's gradient vanishes and it cannot return.
    double scaleBound = 0.0, aspectBound = 0.0, shiftBound = 0.0;
    // ScaleAngle only: adds zoomPenalty times the log of the sampled area
    // (2 s, relative to the canvas) to each sample's loss, a prior for the
    // smallest region that still classifies; 0: labels only.
    double zoomPenalty = 0.0;
};

struct SpatialShape {
    int canvas = 40;  // input images are canvas x canvas
    int sample = 24;  // S, the classifier's input
    bool transformer = true;
    // The localisation network reads the canvas max-pooled by locDownsample
    // (1: full resolution, 2: half), with kernels locKernel1 and locKernel2.
    // Half resolution and 8/10/32 units were faster but learned less of the
    // rotation (docs/experiments.md).
    int locDownsample = 1;
    int locKernel1 = 5, locKernel2 = 3;
    int locChannels1 = 16, locChannels2 = 20, locHidden = 64;
    int channels1 = 10, channels2 = 20, hidden = 50;
    TransformHead transform;
    // Both networks see (pixel - mean) / deviation (pixels in 0..1), the
    // sampler the raw pixels, so that its zero padding is background.
    double inputMean = 0.1, inputDeviation = 0.3;
    static constexpr int kClasses = 10;
};

// A conv layer, 2 x 2 max pooling and a relu, with what its backward pass needs.
template <typename Scalar>
struct ConvBlock {
    ConvShape shape;
    VectorX<Scalar> conv, pooled, dConv, dPooled;
    std::vector<int> argmax;
    ConvCache<Scalar> cache;

    int pooledH() const { return shape.outH() / 2; }
    int pooledW() const { return shape.outW() / 2; }
    void forward(const Scalar* params, const Scalar* x, int batch);
    // From dPooled (overwritten); dx may be null.
    void backward(const Scalar* params, int batch, Scalar* grad, Scalar* dx);
};

template <typename Scalar>
struct SpatialWorkspace {
    VectorX<Scalar> locInput, dSampled;
    std::vector<int> locArgmax;
    ConvBlock<Scalar> loc1, loc2, cls1, cls2;
    MatrixX<Scalar> locFeatures, locHidden, theta;  // theta: 6 x B, column b = sample b's theta
    MatrixX<Scalar> locOut, dLocOut;                // the localisation's last layer (SpatialShape::transform)
    MatrixX<Scalar> features, hidden, logits;
    VectorX<Scalar> sampled;     // B x S x S
    VectorX<Scalar> normalised;  // the classifier's input
    MatrixX<Scalar> dLogits, dHidden, dFeatures, dLocHidden, dLocFeatures, dTheta;
};

// Parameters are one flat array, the localisation network's layers first
// (absent in the baseline), each layer's weights then its bias.
template <typename Scalar>
class SpatialNet {
public:
    SpatialNet() = default;
    explicit SpatialNet(const SpatialShape& shape);

    const SpatialShape& shape() const { return shape_; }
    Eigen::Index parameterCount() const { return count_; }
    // The localisation network's parameters come first: [0, localisationCount()).
    Eigen::Index localisationCount() const { return classifierOffset_; }

    void initialize(Scalar* params, Random& random) const;
    // SpatialShape::zoomPenalty, for a schedule.
    void setZoomPenalty(double penalty) { shape_.transform.zoomPenalty = penalty; }

    // images: B x canvas x canvas. Leaves logits (10 x B), theta (6 x B)
    // and the sampled images in ws.
    void forward(const Scalar* params, const Scalar* images, int batch, SpatialWorkspace<Scalar>& ws) const;
    // Sum of the cross-entropies; adds `scale` times its gradient to grad.
    Scalar lossAndGradient(const Scalar* params, const Scalar* images, const int* labels, int batch, Scalar scale,
                           Scalar* grad, SpatialWorkspace<Scalar>& ws) const;

private:
    SpatialShape shape_;
    ConvShape loc1_, loc2_, cls1_, cls2_;
    int locFlat_ = 0, flat_ = 0;
    // Offsets of the layers in the parameter array.
    int locOutputs_ = 6;  // 6, 4 (similarity) or 5 (scale and angle)
    void thetaFromOutput(int batch, SpatialWorkspace<Scalar>& ws) const;
    // dLocOut from dTheta; returns the zoom penalty's part of the loss.
    Scalar outputGradient(int batch, Scalar scale, SpatialWorkspace<Scalar>& ws) const;
    Eigen::Index oLoc1_ = 0, oLoc2_ = 0, oLocDense1_ = 0, oLocDense2_ = 0;
    Eigen::Index classifierOffset_ = 0, oCls2_ = 0, oDense1_ = 0, oDense2_ = 0, count_ = 0;
};

}  // namespace ap
