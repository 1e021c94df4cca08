#include "transformer/ops.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ap::transformer::ops {

void normalize(const Matrix& x, const Norm& norm, float eps, Matrix& out, int threads) {
    const int rows = int(x.rows()), n = int(x.cols());
    out.resize(rows, n);
    const bool rms = norm.bias.size() == 0;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int r = 0; r < rows; ++r) {
        const float* in = x.row(r).data();
        float* o = out.row(r).data();
        double mean = 0.0;
        if (!rms) {
            for (int i = 0; i < n; ++i) mean += in[i];
            mean /= n;
        }
        double var = 0.0;
        for (int i = 0; i < n; ++i) var += (in[i] - mean) * (in[i] - mean);
        var /= n;
        const float inv = float(1.0 / std::sqrt(var + double(eps)));
        const float m = float(mean);
        if (rms)
            for (int i = 0; i < n; ++i) o[i] = in[i] * inv * norm.weight[i];
        else
            for (int i = 0; i < n; ++i) o[i] = (in[i] - m) * inv * norm.weight[i] + norm.bias[i];
    }
}

void activate(Matrix& x, Activation a, int threads) {
    const int rows = int(x.rows()), n = int(x.cols());
    const float k = float(std::sqrt(2.0 / std::numbers::pi));
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int r = 0; r < rows; ++r) {
        float* p = x.row(r).data();
        switch (a) {
        case Activation::GeluErf:
            for (int i = 0; i < n; ++i) p[i] = 0.5f * p[i] * (1.0f + std::erf(p[i] * float(std::numbers::sqrt2 / 2)));
            break;
        case Activation::GeluTanh: {
            // Eigen's array functions are vectorised; std::tanh is not.
            Eigen::Map<Eigen::ArrayXf> a(p, n);
            a = 0.5f * a * (1.0f + (k * (a + 0.044715f * a.cube())).tanh());
            break;
        }
        case Activation::Relu:
            for (int i = 0; i < n; ++i) p[i] = std::max(p[i], 0.0f);
            break;
        case Activation::Silu: {
            Eigen::Map<Eigen::ArrayXf> a(p, n);
            a = a / (1.0f + (-a).exp());
            break;
        }
        }
    }
}

void swiglu(Matrix& gate, const Matrix& up, int threads) {
    const int rows = int(gate.rows()), n = int(gate.cols());
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int r = 0; r < rows; ++r) {
        Eigen::Map<Eigen::ArrayXf> g(gate.row(r).data(), n);
        const Eigen::Map<const Eigen::ArrayXf> u(up.row(r).data(), n);
        g = g / (1.0f + (-g).exp()) * u;
    }
}

void rotaryTables(const ModelConfig& c, int tokens, Matrix& cos, Matrix& sin) {
    const int half = c.headDim / 2;
    cos.resize(tokens, half);
    sin.resize(tokens, half);
    std::vector<double> inv(half);
    for (int i = 0; i < half; ++i) {
        double f = 1.0 / std::pow(c.ropeTheta, 2.0 * i / c.headDim);
        if (c.ropeScaling == "linear") {
            f /= c.ropeFactor;
        } else if (c.ropeScaling == "llama3") {
            // Llama 3.1: long wavelengths slowed by `factor`, short ones
            // kept, a smooth blend between (transformers' _compute_llama3_parameters).
            const double lowWave = c.ropeOriginalMax / c.ropeLowFreq;
            const double highWave = c.ropeOriginalMax / c.ropeHighFreq;
            const double wave = 2.0 * std::numbers::pi / f;
            if (wave > lowWave) {
                f /= c.ropeFactor;
            } else if (wave >= highWave) {
                const double smooth = (c.ropeOriginalMax / wave - c.ropeLowFreq) / (c.ropeHighFreq - c.ropeLowFreq);
                f = (1.0 - smooth) * f / c.ropeFactor + smooth * f;
            }
        }
        inv[i] = f;
    }
    for (int t = 0; t < tokens; ++t)
        for (int i = 0; i < half; ++i) {
            cos(t, i) = float(std::cos(t * inv[i]));
            sin(t, i) = float(std::sin(t * inv[i]));
        }
}

void rotate(Matrix& x, int heads, int headDim, const Matrix& cos, const Matrix& sin, int firstPosition, int threads) {
    const int rows = int(x.rows()), half = headDim / 2;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int r = 0; r < rows; ++r) {
        const float* c = cos.row(firstPosition + r).data();
        const float* s = sin.row(firstPosition + r).data();
        for (int h = 0; h < heads; ++h) {
            float* p = x.row(r).data() + std::size_t(h) * headDim;
            for (int i = 0; i < half; ++i) {
                const float a = p[i], b = p[i + half];
                p[i] = a * c[i] - b * s[i];
                p[i + half] = b * c[i] + a * s[i];
            }
        }
    }
}

void maskedSoftmax(float* scores, int rows, int tokens, int firstQuery, bool causal, int window) {
    for (int r = 0; r < rows; ++r) {
        const int q = firstQuery + r;
        float* row = scores + std::size_t(r) * tokens;
        const int hi = causal ? q : tokens - 1;
        const int lo = window > 0 ? std::max(0, q - window + 1) : 0;
        float m = row[lo];
        for (int k = lo + 1; k <= hi; ++k) m = std::max(m, row[k]);
        Eigen::Map<Eigen::ArrayXf> kept(row + lo, hi - lo + 1);
        kept = (kept - m).exp();
        const float inv = 1.0f / kept.sum();
        for (int k = 0; k < lo; ++k) row[k] = 0.0f;
        kept *= inv;
        for (int k = hi + 1; k < tokens; ++k) row[k] = 0.0f;
    }
}

}  // namespace ap::transformer::ops
