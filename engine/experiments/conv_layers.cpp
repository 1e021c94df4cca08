#include "experiments/conv_layers.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>

namespace ap {

template <typename Scalar>
void convForward(const ConvShape& s, const Scalar* params, const Scalar* x, int batch, Scalar* y,
                 ConvCache<Scalar>& cache) {
    const int oh = s.outH(), ow = s.outW();
    const Eigen::Index n = Eigen::Index(batch) * oh * ow;
    const int rows = s.in * s.k * s.k;
    cache.columns.resize(n, rows);
    // Column r = (c*k + ky)*k + kx of the transposed im2col matrix holds,
    // for every output position, the input pixel under kernel tap r; each
    // output row is one contiguous run of the input row.
    for (int c = 0; c < s.in; ++c)
        for (int ky = 0; ky < s.k; ++ky)
            for (int kx = 0; kx < s.k; ++kx) {
                Scalar* col = cache.columns.data() + Eigen::Index((c * s.k + ky) * s.k + kx) * n;
                for (int b = 0; b < batch; ++b)
                    for (int oy = 0; oy < oh; ++oy) {
                        const Scalar* src = x + ((Eigen::Index(c) * batch + b) * s.h + oy + ky) * s.w + kx;
                        std::copy_n(src, ow, col + (Eigen::Index(b) * oh + oy) * ow);
                    }
            }
    const Eigen::Map<const MatrixX<Scalar>> kernel(params, rows, s.out);
    const Eigen::Map<const VectorX<Scalar>> bias(params + s.weights(), s.out);
    Eigen::Map<MatrixX<Scalar>> out(y, n, s.out);
    out.noalias() = cache.columns * kernel;
    out.rowwise() += bias.transpose();
}

template <typename Scalar>
void convBackward(const ConvShape& s, const Scalar* params, const Scalar* dy, int batch, Scalar* grad, Scalar* dx,
                  ConvCache<Scalar>& cache) {
    const int oh = s.outH(), ow = s.outW();
    const Eigen::Index n = Eigen::Index(batch) * oh * ow;
    const int rows = s.in * s.k * s.k;
    const Eigen::Map<const MatrixX<Scalar>> kernel(params, rows, s.out);
    const Eigen::Map<const MatrixX<Scalar>> dOut(dy, n, s.out);
    Eigen::Map<MatrixX<Scalar>> dKernel(grad, rows, s.out);
    Eigen::Map<VectorX<Scalar>> dBias(grad + s.weights(), s.out);
    dKernel.noalias() += cache.columns.transpose() * dOut;
    dBias += dOut.colwise().sum().transpose();
    if (!dx) return;
    cache.dColumns.noalias() = dOut * kernel.transpose();
    std::fill_n(dx, Eigen::Index(s.in) * batch * s.h * s.w, Scalar(0));
    // col2im: every tap adds its column back where im2col took it from.
    for (int c = 0; c < s.in; ++c)
        for (int ky = 0; ky < s.k; ++ky)
            for (int kx = 0; kx < s.k; ++kx) {
                const Scalar* col = cache.dColumns.data() + Eigen::Index((c * s.k + ky) * s.k + kx) * n;
                for (int b = 0; b < batch; ++b)
                    for (int oy = 0; oy < oh; ++oy) {
                        Scalar* dst = dx + ((Eigen::Index(c) * batch + b) * s.h + oy + ky) * s.w + kx;
                        const Scalar* src = col + (Eigen::Index(b) * oh + oy) * ow;
                        for (int ox = 0; ox < ow; ++ox) dst[ox] += src[ox];
                    }
            }
}

template <typename Scalar>
void maxPoolForward(const Scalar* x, int planes, int h, int w, Scalar* y, std::vector<int>& argmax) {
    const int ph = h / 2, pw = w / 2;
    argmax.resize(std::size_t(planes) * ph * pw);
    for (int p = 0; p < planes; ++p) {
        const Scalar* in = x + Eigen::Index(p) * h * w;
        for (int i = 0; i < ph; ++i)
            for (int j = 0; j < pw; ++j) {
                // Ties go to the first of the window in row order, as PyTorch's.
                int best = (2 * i) * w + 2 * j;
                for (int k : {best + 1, best + w, best + w + 1})
                    if (in[k] > in[best]) best = k;
                const Eigen::Index o = (Eigen::Index(p) * ph + i) * pw + j;
                y[o] = in[best];
                argmax[std::size_t(o)] = best;
            }
    }
}

template <typename Scalar>
void maxPoolBackward(const Scalar* dy, int planes, int h, int w, const std::vector<int>& argmax, Scalar* dx) {
    const int ph = h / 2, pw = w / 2;
    std::fill_n(dx, Eigen::Index(planes) * h * w, Scalar(0));
    for (int p = 0; p < planes; ++p)
        for (int o = 0; o < ph * pw; ++o) {
            const Eigen::Index index = Eigen::Index(p) * ph * pw + o;
            dx[Eigen::Index(p) * h * w + argmax[std::size_t(index)]] += dy[index];
        }
}

template <typename Scalar>
void reluForward(Scalar* x, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i) x[i] = std::max(x[i], Scalar(0));
}

template <typename Scalar>
void reluBackward(const Scalar* y, Scalar* dy, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i)
        if (!(y[i] > Scalar(0))) dy[i] = Scalar(0);
}

template <typename Scalar>
void flattenCnhw(const Scalar* x, int channels, int batch, int plane, MatrixX<Scalar>& features) {
    features.resize(Eigen::Index(channels) * plane, batch);
    for (int c = 0; c < channels; ++c)
        for (int b = 0; b < batch; ++b)
            std::copy_n(x + (Eigen::Index(c) * batch + b) * plane, plane,
                        features.data() + Eigen::Index(b) * features.rows() + Eigen::Index(c) * plane);
}

template <typename Scalar>
void unflattenCnhw(const MatrixX<Scalar>& features, int channels, int batch, int plane, Scalar* x) {
    for (int c = 0; c < channels; ++c)
        for (int b = 0; b < batch; ++b)
            std::copy_n(features.data() + Eigen::Index(b) * features.rows() + Eigen::Index(c) * plane, plane,
                        x + (Eigen::Index(c) * batch + b) * plane);
}

template <typename Scalar>
void denseForward(const Scalar* params, int in, int out, const MatrixX<Scalar>& x, MatrixX<Scalar>& y) {
    const Eigen::Map<const MatrixX<Scalar>> weightsT(params, in, out);
    const Eigen::Map<const VectorX<Scalar>> bias(params + Eigen::Index(in) * out, out);
    y.noalias() = weightsT.transpose() * x;
    y.colwise() += bias;
}

template <typename Scalar>
void denseBackward(const Scalar* params, int in, int out, const MatrixX<Scalar>& x, const MatrixX<Scalar>& dy,
                   Scalar* grad, MatrixX<Scalar>* dx) {
    const Eigen::Map<const MatrixX<Scalar>> weightsT(params, in, out);
    Eigen::Map<MatrixX<Scalar>> dWeightsT(grad, in, out);
    Eigen::Map<VectorX<Scalar>> dBias(grad + Eigen::Index(in) * out, out);
    dWeightsT.noalias() += x * dy.transpose();
    dBias += dy.rowwise().sum();
    if (dx) dx->noalias() = weightsT * dy;
}

template <typename Scalar>
Scalar softmaxCrossEntropy(const MatrixX<Scalar>& logits, const int* labels, Scalar scale, MatrixX<Scalar>& dLogits) {
    dLogits.resize(logits.rows(), logits.cols());
    Scalar loss = 0;
    for (Eigen::Index b = 0; b < logits.cols(); ++b) {
        // Shifted by the maximum so that exp never overflows.
        const Scalar top = logits.col(b).maxCoeff();
        const auto e = (logits.col(b).array() - top).exp();
        const Scalar sum = e.sum();
        loss += std::log(sum) + top - logits(labels[b], b);
        dLogits.col(b) = scale * (e / sum).matrix();
        dLogits(labels[b], b) -= scale;
    }
    return loss;
}

template <typename Scalar>
void initializeLayer(Scalar* params, int weights, int biases, int fanIn, Random& random) {
    const double bound = 1.0 / std::sqrt(double(fanIn));
    for (int i = 0; i < weights + biases; ++i) params[i] = Scalar(random.symmetric(bound));
}

#define AP_CONV_LAYERS(S)                                                                                      \
    template void convForward<S>(const ConvShape&, const S*, const S*, int, S*, ConvCache<S>&);                \
    template void convBackward<S>(const ConvShape&, const S*, const S*, int, S*, S*, ConvCache<S>&);           \
    template void maxPoolForward<S>(const S*, int, int, int, S*, std::vector<int>&);                           \
    template void maxPoolBackward<S>(const S*, int, int, int, const std::vector<int>&, S*);                    \
    template void reluForward<S>(S*, Eigen::Index);                                                            \
    template void reluBackward<S>(const S*, S*, Eigen::Index);                                                 \
    template void flattenCnhw<S>(const S*, int, int, int, MatrixX<S>&);                                        \
    template void unflattenCnhw<S>(const MatrixX<S>&, int, int, int, S*);                                      \
    template void denseForward<S>(const S*, int, int, const MatrixX<S>&, MatrixX<S>&);                         \
    template void denseBackward<S>(const S*, int, int, const MatrixX<S>&, const MatrixX<S>&, S*, MatrixX<S>*); \
    template S softmaxCrossEntropy<S>(const MatrixX<S>&, const int*, S, MatrixX<S>&);                          \
    template void initializeLayer<S>(S*, int, int, int, Random&);
AP_CONV_LAYERS(float)
AP_CONV_LAYERS(double)
#undef AP_CONV_LAYERS

}  // namespace ap
