#include "experiments/spatial_model.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ap {
namespace {

// gain z, or, with a bound, bound tanh(gain z / bound), which has the same
// slope at 0 but never leaves (-bound, bound): the value and its slope.
template <typename Scalar>
std::pair<Scalar, Scalar> squash(Scalar z, double gain, double bound) {
    if (!(bound > 0.0)) return {Scalar(gain) * z, Scalar(gain)};
    const Scalar t = std::tanh(Scalar(gain / bound) * z);
    return {Scalar(bound) * t, Scalar(gain) * (1 - t * t)};
}

}  // namespace

template <typename Scalar>
void ConvBlock<Scalar>::forward(const Scalar* params, const Scalar* x, int batch) {
    const Eigen::Index planes = Eigen::Index(shape.out) * batch;
    conv.resize(planes * shape.outH() * shape.outW());
    convForward(shape, params, x, batch, conv.data(), cache);
    pooled.resize(planes * pooledH() * pooledW());
    maxPoolForward(conv.data(), int(planes), shape.outH(), shape.outW(), pooled.data(), argmax);
    reluForward(pooled.data(), pooled.size());
}

template <typename Scalar>
void ConvBlock<Scalar>::backward(const Scalar* params, int batch, Scalar* grad, Scalar* dx) {
    const Eigen::Index planes = Eigen::Index(shape.out) * batch;
    reluBackward(pooled.data(), dPooled.data(), pooled.size());
    dConv.resize(conv.size());
    maxPoolBackward(dPooled.data(), int(planes), shape.outH(), shape.outW(), argmax, dConv.data());
    convBackward(shape, params, dConv.data(), batch, grad, dx, cache);
}

template <typename Scalar>
SpatialNet<Scalar>::SpatialNet(const SpatialShape& shape) : shape_(shape) {
    const int locSide = shape.canvas / shape.locDownsample;
    loc1_ = {1, shape.locChannels1, shape.locKernel1, locSide, locSide};
    const int loc1Pooled = loc1_.outH() / 2;
    loc2_ = {shape.locChannels1, shape.locChannels2, shape.locKernel2, loc1Pooled, loc1Pooled};
    const int loc2Pooled = loc2_.outH() / 2;
    locFlat_ = shape.locChannels2 * loc2Pooled * loc2Pooled;
    cls1_ = {1, shape.channels1, 5, shape.sample, shape.sample};
    const int cls1Pooled = cls1_.outH() / 2;
    cls2_ = {shape.channels1, shape.channels2, 5, cls1Pooled, cls1Pooled};
    const int cls2Pooled = cls2_.outH() / 2;
    flat_ = shape.channels2 * cls2Pooled * cls2Pooled;
    locOutputs_ = shape.transform.kind == Transform::Similarity   ? 4
                  : shape.transform.kind == Transform::ScaleAngle ? 5
                                                                  : 6;
    if (shape.transformer) {
        oLoc2_ = oLoc1_ + loc1_.parameters();
        oLocDense1_ = oLoc2_ + loc2_.parameters();
        oLocDense2_ = oLocDense1_ + Eigen::Index(locFlat_ + 1) * shape.locHidden;
        classifierOffset_ = oLocDense2_ + Eigen::Index(shape.locHidden + 1) * locOutputs_;
    }
    oCls2_ = classifierOffset_ + cls1_.parameters();
    oDense1_ = oCls2_ + cls2_.parameters();
    oDense2_ = oDense1_ + Eigen::Index(flat_ + 1) * shape.hidden;
    count_ = oDense2_ + Eigen::Index(shape.hidden + 1) * SpatialShape::kClasses;
}

template <typename Scalar>
void SpatialNet<Scalar>::initialize(Scalar* p, Random& random) const {
    const SpatialShape& s = shape_;
    if (s.transformer) {
        initializeLayer(p + oLoc1_, loc1_.weights(), loc1_.out, loc1_.in * loc1_.k * loc1_.k, random);
        initializeLayer(p + oLoc2_, loc2_.weights(), loc2_.out, loc2_.in * loc2_.k * loc2_.k, random);
        initializeLayer(p + oLocDense1_, locFlat_ * s.locHidden, s.locHidden, locFlat_, random);
        // The transformer starts as the identity, so the classifier first
        // sees the canvas as the baseline does.
        std::fill(p + oLocDense2_, p + classifierOffset_, Scalar(0));
        Scalar* bias = p + oLocDense2_ + Eigen::Index(s.locHidden) * locOutputs_;
        if (s.transform.kind == Transform::Similarity)
            bias[0] = 1;  // a = 1, b = tx = ty = 0
        else if (s.transform.kind == Transform::Affine)
            identityTheta(bias);  // ScaleAngle: all zero is the identity
    }
    initializeLayer(p + classifierOffset_, cls1_.weights(), cls1_.out, cls1_.in * 25, random);
    initializeLayer(p + oCls2_, cls2_.weights(), cls2_.out, cls2_.in * 25, random);
    initializeLayer(p + oDense1_, flat_ * s.hidden, s.hidden, flat_, random);
    initializeLayer(p + oDense2_, s.hidden * SpatialShape::kClasses, SpatialShape::kClasses, s.hidden, random);
}

template <typename Scalar>
void SpatialNet<Scalar>::forward(const Scalar* p, const Scalar* images, int batch, SpatialWorkspace<Scalar>& ws) const {
    const SpatialShape& s = shape_;
    ws.theta.resize(6, batch);
    if (s.transformer) {
        const int side = s.canvas / s.locDownsample;
        ws.locInput.resize(Eigen::Index(batch) * side * side);
        if (s.locDownsample == 2)
            maxPoolForward(images, batch, s.canvas, s.canvas, ws.locInput.data(), ws.locArgmax);
        else
            ws.locInput = Eigen::Map<const VectorX<Scalar>>(images, ws.locInput.size());
        ws.locInput.array() = (ws.locInput.array() - Scalar(s.inputMean)) / Scalar(s.inputDeviation);
        ws.loc1.shape = loc1_;
        ws.loc2.shape = loc2_;
        ws.loc1.forward(p + oLoc1_, ws.locInput.data(), batch);
        ws.loc2.forward(p + oLoc2_, ws.loc1.pooled.data(), batch);
        flattenCnhw(ws.loc2.pooled.data(), loc2_.out, batch, ws.loc2.pooledH() * ws.loc2.pooledW(), ws.locFeatures);
        denseForward(p + oLocDense1_, locFlat_, s.locHidden, ws.locFeatures, ws.locHidden);
        reluForward(ws.locHidden.data(), ws.locHidden.size());
        if (s.transform.kind == Transform::Affine) {
            denseForward(p + oLocDense2_, s.locHidden, 6, ws.locHidden, ws.theta);
        } else {
            denseForward(p + oLocDense2_, s.locHidden, locOutputs_, ws.locHidden, ws.locOut);
            thetaFromOutput(batch, ws);
        }
    } else {
        for (int b = 0; b < batch; ++b) identityTheta(ws.theta.data() + Eigen::Index(b) * 6);
    }
    const SamplerShape sampler{s.canvas, s.canvas, s.sample};
    ws.sampled.resize(Eigen::Index(batch) * s.sample * s.sample);
    gridSampleForward(sampler, images, ws.theta.data(), batch, ws.sampled.data());
    ws.cls1.shape = cls1_;
    ws.cls2.shape = cls2_;
    ws.normalised = (ws.sampled.array() - Scalar(s.inputMean)) / Scalar(s.inputDeviation);
    ws.cls1.forward(p + classifierOffset_, ws.normalised.data(), batch);
    ws.cls2.forward(p + oCls2_, ws.cls1.pooled.data(), batch);
    flattenCnhw(ws.cls2.pooled.data(), cls2_.out, batch, ws.cls2.pooledH() * ws.cls2.pooledW(), ws.features);
    denseForward(p + oDense1_, flat_, s.hidden, ws.features, ws.hidden);
    reluForward(ws.hidden.data(), ws.hidden.size());
    denseForward(p + oDense2_, s.hidden, SpatialShape::kClasses, ws.hidden, ws.logits);
}

template <typename Scalar>
void SpatialNet<Scalar>::thetaFromOutput(int batch, SpatialWorkspace<Scalar>& ws) const {
    const SpatialShape& s = shape_;
    for (int b = 0; b < batch; ++b) {
        const auto out = ws.locOut.col(b);
        if (s.transform.kind == Transform::Similarity) {
            ws.theta.col(b) << out(0), -out(1), out(2), out(1), out(0), out(3);
            continue;
        }
        // theta's linear part R(phi) diag(ex, ey): the output's x axis
        // scaled by ex, its y axis by ey, then turned by phi.
        const Scalar logScale = squash(out(0), s.transform.scaleGain, s.transform.scaleBound).first;
        const Scalar logAspect = squash(out(1), s.transform.aspectGain, s.transform.aspectBound).first;
        const Scalar phi = Scalar(s.transform.angleGain) * out(2);
        const Scalar ex = std::exp(logScale + logAspect), ey = std::exp(logScale - logAspect);
        const Scalar c = std::cos(phi), sn = std::sin(phi);
        ws.theta.col(b) << c * ex, -sn * ey, squash(out(3), s.transform.shiftGain, s.transform.shiftBound).first,
            sn * ex, c * ey, squash(out(4), s.transform.shiftGain, s.transform.shiftBound).first;
    }
}

template <typename Scalar>
Scalar SpatialNet<Scalar>::outputGradient(int batch, Scalar scale, SpatialWorkspace<Scalar>& ws) const {
    const SpatialShape& s = shape_;
    if (s.transform.kind == Transform::Affine) return Scalar(0);
    ws.dLocOut.resize(locOutputs_, batch);
    if (s.transform.kind == Transform::Similarity) {
        // theta = [a -b tx; b a ty]: a enters theta_0 and theta_4, b
        // theta_3 and -theta_1.
        ws.dLocOut.row(0) = ws.dTheta.row(0) + ws.dTheta.row(4);
        ws.dLocOut.row(1) = ws.dTheta.row(3) - ws.dTheta.row(1);
        ws.dLocOut.row(2) = ws.dTheta.row(2);
        ws.dLocOut.row(3) = ws.dTheta.row(5);
        return Scalar(0);
    }
    // theta_0 = c ex, theta_1 = -sn ey, theta_3 = sn ex, theta_4 = c ey:
    // d/ds scales all four, d/dalpha theta_0 and theta_3 up and theta_1
    // and theta_4 down, d/dphi turns (theta_0, theta_3) and (theta_1,
    // theta_4) a quarter turn.
    const Scalar penalty = Scalar(s.transform.zoomPenalty);
    Scalar areas = 0;
    for (int b = 0; b < batch; ++b) {
        const auto t = ws.theta.col(b);
        const auto g = ws.dTheta.col(b);
        const Scalar a = g(0) * t(0) + g(3) * t(3), e = g(1) * t(1) + g(4) * t(4);
        const Scalar turn = g(3) * t(0) - g(0) * t(3) + g(4) * t(1) - g(1) * t(4);
        // The sampled area relative to the canvas, |det theta| = e^(2s).
        const Scalar area = t(0) * t(4) - t(1) * t(3);
        areas += area;
        const auto out = ws.locOut.col(b);
        ws.dLocOut.col(b) << squash(out(0), s.transform.scaleGain, s.transform.scaleBound).second *
                                 (a + e + 2 * penalty * scale * area),
            squash(out(1), s.transform.aspectGain, s.transform.aspectBound).second * (a - e),
            Scalar(s.transform.angleGain) * turn,
            squash(out(3), s.transform.shiftGain, s.transform.shiftBound).second * g(2),
            squash(out(4), s.transform.shiftGain, s.transform.shiftBound).second * g(5);
    }
    return penalty * areas;
}

template <typename Scalar>
Scalar SpatialNet<Scalar>::lossAndGradient(const Scalar* p, const Scalar* images, const int* labels, int batch,
                                           Scalar scale, Scalar* grad, SpatialWorkspace<Scalar>& ws) const {
    const SpatialShape& s = shape_;
    forward(p, images, batch, ws);
    const Scalar loss = softmaxCrossEntropy(ws.logits, labels, scale, ws.dLogits);

    denseBackward(p + oDense2_, s.hidden, SpatialShape::kClasses, ws.hidden, ws.dLogits, grad + oDense2_, &ws.dHidden);
    reluBackward(ws.hidden.data(), ws.dHidden.data(), ws.hidden.size());
    denseBackward(p + oDense1_, flat_, s.hidden, ws.features, ws.dHidden, grad + oDense1_, &ws.dFeatures);
    ws.cls2.dPooled.resize(ws.cls2.pooled.size());
    unflattenCnhw(ws.dFeatures, cls2_.out, batch, ws.cls2.pooledH() * ws.cls2.pooledW(), ws.cls2.dPooled.data());
    ws.cls1.dPooled.resize(ws.cls1.pooled.size());
    ws.cls2.backward(p + oCls2_, batch, grad + oCls2_, ws.cls1.dPooled.data());
    if (!s.transformer) {
        ws.cls1.backward(p + classifierOffset_, batch, grad + classifierOffset_, nullptr);
        return loss;
    }
    ws.dSampled.resize(ws.sampled.size());
    ws.cls1.backward(p + classifierOffset_, batch, grad + classifierOffset_, ws.dSampled.data());
    ws.dSampled /= Scalar(s.inputDeviation);

    // Through the sampler to theta (the images are data, not parameters),
    // then back through the localisation network.
    const SamplerShape sampler{s.canvas, s.canvas, s.sample};
    ws.dTheta.setZero(6, batch);
    gridSampleBackward(sampler, images, ws.theta.data(), ws.dSampled.data(), batch, ws.dTheta.data(),
                       static_cast<Scalar*>(nullptr));
    const Scalar penalty = outputGradient(batch, scale, ws);
    denseBackward(p + oLocDense2_, s.locHidden, locOutputs_, ws.locHidden,
                  s.transform.kind == Transform::Affine ? ws.dTheta : ws.dLocOut, grad + oLocDense2_, &ws.dLocHidden);
    reluBackward(ws.locHidden.data(), ws.dLocHidden.data(), ws.locHidden.size());
    denseBackward(p + oLocDense1_, locFlat_, s.locHidden, ws.locFeatures, ws.dLocHidden, grad + oLocDense1_,
                  &ws.dLocFeatures);
    ws.loc2.dPooled.resize(ws.loc2.pooled.size());
    unflattenCnhw(ws.dLocFeatures, loc2_.out, batch, ws.loc2.pooledH() * ws.loc2.pooledW(), ws.loc2.dPooled.data());
    ws.loc1.dPooled.resize(ws.loc1.pooled.size());
    ws.loc2.backward(p + oLoc2_, batch, grad + oLoc2_, ws.loc1.dPooled.data());
    ws.loc1.backward(p + oLoc1_, batch, grad + oLoc1_, nullptr);
    return loss + penalty;
}

template struct ConvBlock<float>;
template struct ConvBlock<double>;
template class SpatialNet<float>;
template class SpatialNet<double>;

}  // namespace ap
