#include "translation/attention_layer.h"
#include "core/softmax.h"

#include "core/eigen_maps.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace ap {
namespace {

// Each head block of each column of m scaled to length 1 (0 stays 0, which
// gives cosine's score 0), and the lengths.
void unitColumns(const Eigen::MatrixXd& m, int heads, Eigen::MatrixXd& unit, Eigen::MatrixXd& norms) {
    const Eigen::Index dh = m.rows() / heads;
    unit.resize(m.rows(), m.cols());
    norms.resize(heads, m.cols());
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        for (int h = 0; h < heads; ++h) {
            const auto block = m.col(c).segment(h * dh, dh);
            const double norm = block.norm();
            norms(h, c) = norm;
            if (norm > 0.0)
                unit.col(c).segment(h * dh, dh) = block / norm;
            else
                unit.col(c).segment(h * dh, dh).setZero();
        }
}

// d(x/|x|) = (I - u u^T) / |x| dx, so dL/dx = (g - (g.u) u) / |x|; the
// score is the constant 0 at x = 0, so there the gradient is 0.
void unitBackward(const Eigen::MatrixXd& unit, const Eigen::MatrixXd& norms, int head, int dh,
                  const Eigen::MatrixXd& dUnit, Eigen::MatrixXd& dOut) {
    for (Eigen::Index c = 0; c < dUnit.cols(); ++c) {
        const double norm = norms(head, c);
        auto out = dOut.col(c).segment(head * dh, dh);
        if (!(norm > 0.0)) continue;
        const auto u = unit.col(c).segment(head * dh, dh);
        const auto g = dUnit.col(c);
        out += (g - g.dot(u) * u) / norm;
    }
}

}  // namespace

void normalizeScores(Normalization kind, double invT, const double* s, double* w, int n) {
    if (n <= 0) return;
    const double m = *std::max_element(s, s + n);
    if (kind != Normalization::Sparsemax) {
        Eigen::Map<Eigen::ArrayXd> weights(w, n);
        // Scores that are not finite give NaN weights, so that the loss
        // shows them and Adam skips the step.
        if (!softmax(Eigen::Map<const Eigen::ArrayXd>(s, n), invT, weights))
            weights.setConstant(std::numeric_limits<double>::quiet_NaN());
        return;
    }
    // Sparsemax on z = (s - max) / T, w = max(z - tau, 0).
    thread_local std::vector<double> z;
    z.resize(std::size_t(n));
    for (int j = 0; j < n; ++j) z[std::size_t(j)] = (s[j] - m) * invT;
    const double tau = sparsemaxThreshold(z.data(), n).tau;
    for (int j = 0; j < n; ++j) w[j] = std::max((s[j] - m) * invT - tau, 0.0);
}

void normalizeScoresBackward(Normalization kind, double invT, const double* w, const double* g, double* ds, int n) {
    if (n <= 0) return;
    if (kind != Normalization::Sparsemax) {
        double wg = 0.0;
        for (int j = 0; j < n; ++j) wg += w[j] * g[j];
        for (int j = 0; j < n; ++j) ds[j] = w[j] * (g[j] - wg) * invT;
        return;
    }
    double sum = 0.0;
    int support = 0;
    for (int j = 0; j < n; ++j)
        if (w[j] > 0.0) {
            sum += g[j];
            ++support;
        }
    const double mean = support > 0 ? sum / support : 0.0;
    for (int j = 0; j < n; ++j) ds[j] = w[j] > 0.0 ? (g[j] - mean) * invT : 0.0;
}

AttentionLayer::AttentionLayer(Scoring scoring, Normalization normalization, int width, int heads, double temperature)
    : scoring_(scoring), normalization_(normalization), width_(width), heads_(heads), temperature_(temperature) {}

Eigen::Index AttentionLayer::headParameterCount() const {
    const Eigen::Index dh = headWidth();
    if (scoring_ == Scoring::General) return dh * dh;
    if (scoring_ == Scoring::Additive) return 2 * additiveWidth() * dh + additiveWidth();
    return 0;
}

Eigen::Index AttentionLayer::offsetW(int head) const {
    return scoring_ == Scoring::General ? head * headParameterCount() : -1;
}

Eigen::Index AttentionLayer::offsetWq(int head) const {
    return scoring_ == Scoring::Additive ? head * headParameterCount() : -1;
}

Eigen::Index AttentionLayer::offsetWk(int head) const {
    return scoring_ == Scoring::Additive ? head * headParameterCount() + Eigen::Index(additiveWidth()) * headWidth()
                                         : -1;
}

Eigen::Index AttentionLayer::offsetV(int head) const {
    return scoring_ == Scoring::Additive ? head * headParameterCount() + 2 * Eigen::Index(additiveWidth()) * headWidth()
                                         : -1;
}

Eigen::Index AttentionLayer::offsetLogScale() const {
    return scoring_ == Scoring::Cosine ? Eigen::Index(heads_) * headParameterCount() : -1;
}

double AttentionLayer::effectiveTemperature(const double* params) const {
    if (scoring_ != Scoring::Cosine) return temperature_;
    return temperature_ * std::exp(-params[offsetLogScale()]);
}

void AttentionLayer::forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& queries,
                             const Eigen::Ref<const Eigen::MatrixXd>& keys, Eigen::MatrixXd& context,
                             AttentionLayerCache& cache) const {
    const int dh = headWidth();
    const int da = additiveWidth();
    const Eigen::Index T = queries.cols();
    const Eigen::Index n = keys.cols();
    const double invT = 1.0 / effectiveTemperature(params);
    cache.queries = queries;
    cache.keys = keys;
    cache.scores.resize(std::size_t(heads_));
    cache.weights.resize(std::size_t(heads_));
    cache.mapped.resize(std::size_t(heads_));
    context.setZero(width_, T);
    if (scoring_ == Scoring::Cosine) {
        unitColumns(cache.queries, heads_, cache.unitQueries, cache.queryNorms);
        unitColumns(cache.keys, heads_, cache.unitKeys, cache.keyNorms);
    }
    for (int h = 0; h < heads_; ++h) {
        const std::size_t hi = std::size_t(h);
        const auto q = cache.queries.middleRows(h * dh, dh);
        const auto k = cache.keys.middleRows(h * dh, dh);
        Eigen::MatrixXd& s = cache.scores[hi];
        switch (scoring_) {
        case Scoring::Dot: s.noalias() = k.transpose() * q; break;
        case Scoring::ScaledDot:
            s.noalias() = k.transpose() * q;
            s *= 1.0 / std::sqrt(double(dh));
            break;
        case Scoring::General: {
            // q^T W k for every pair, as (W K_h)^T Q_h.
            const ConstMap W(params + offsetW(h), dh, dh);
            cache.mapped[hi].noalias() = W * k;
            s.noalias() = cache.mapped[hi].transpose() * q;
            break;
        }
        case Scoring::Additive: {
            const ConstMap Wq(params + offsetWq(h), da, dh);
            const ConstMap Wk(params + offsetWk(h), da, dh);
            const ConstVecMap v(params + offsetV(h), da);
            const Eigen::MatrixXd a = Wq * q;  // da x T
            const Eigen::MatrixXd b = Wk * k;  // da x n
            Eigen::MatrixXd& e = cache.mapped[hi];
            e.resize(da, n * T);
            s.resize(n, T);
            for (Eigen::Index t = 0; t < T; ++t) {
                auto et = e.middleCols(t * n, n);
                et = (b.colwise() + a.col(t)).array().tanh().matrix();
                s.col(t).noalias() = et.transpose() * v;
            }
            break;
        }
        case Scoring::Cosine:
            s.noalias() = cache.unitKeys.middleRows(h * dh, dh).transpose() * cache.unitQueries.middleRows(h * dh, dh);
            break;
        }
        Eigen::MatrixXd& w = cache.weights[hi];
        w.resize(n, T);
        for (Eigen::Index t = 0; t < T; ++t)
            normalizeScores(normalization_, invT, s.col(t).data(), w.col(t).data(), int(n));
        if (n > 0) context.middleRows(h * dh, dh).noalias() = k * w;
    }
}

void AttentionLayer::backward(const double* params, const AttentionLayerCache& cache,
                              const Eigen::Ref<const Eigen::MatrixXd>& dContext, double* grad,
                              Eigen::MatrixXd& dQueries, Eigen::MatrixXd& dKeys,
                              const std::vector<Eigen::MatrixXd>* dWeights) const {
    const int dh = headWidth();
    const int da = additiveWidth();
    const Eigen::Index T = cache.queries.cols();
    const Eigen::Index n = cache.keys.cols();
    const double invT = 1.0 / effectiveTemperature(params);
    dQueries.setZero(width_, T);
    dKeys.setZero(width_, n);
    if (n == 0) return;
    Eigen::MatrixXd dW(n, T), dS(n, T);
    for (int h = 0; h < heads_; ++h) {
        const std::size_t hi = std::size_t(h);
        const auto q = cache.queries.middleRows(h * dh, dh);
        const auto k = cache.keys.middleRows(h * dh, dh);
        const auto dc = dContext.middleRows(h * dh, dh);
        const Eigen::MatrixXd& w = cache.weights[hi];
        auto dq = dQueries.middleRows(h * dh, dh);
        auto dk = dKeys.middleRows(h * dh, dh);
        // context_h = K_h W: the value path.
        dW.noalias() = k.transpose() * dc;
        // A loss on the weights themselves (guided alignment) adds its own
        // dL/dweights to the value path's.
        if (dWeights != nullptr) dW += (*dWeights)[hi];
        dk.noalias() += dc * w.transpose();
        for (Eigen::Index t = 0; t < T; ++t)
            normalizeScoresBackward(normalization_, invT, w.col(t).data(), dW.col(t).data(), dS.col(t).data(), int(n));
        switch (scoring_) {
        case Scoring::Dot:
            dq.noalias() += k * dS;
            dk.noalias() += q * dS.transpose();
            break;
        case Scoring::ScaledDot: {
            const double scale = 1.0 / std::sqrt(double(dh));
            dq.noalias() += scale * (k * dS);
            dk.noalias() += scale * (q * dS.transpose());
            break;
        }
        case Scoring::General: {
            // S = M^T Q with M = W K: dQ = M dS, dM = Q dS^T,
            // dW = dM K^T, dK = W^T dM.
            const ConstMap W(params + offsetW(h), dh, dh);
            Map gW(grad + offsetW(h), dh, dh);
            dq.noalias() += cache.mapped[hi] * dS;
            const Eigen::MatrixXd dM = q * dS.transpose();
            gW.noalias() += dM * k.transpose();
            dk.noalias() += W.transpose() * dM;
            break;
        }
        case Scoring::Additive: {
            // s_tj = v^T e_tj, e_tj = tanh(a_t + b_j), a = Wq Q, b = Wk K.
            const ConstMap Wq(params + offsetWq(h), da, dh);
            const ConstMap Wk(params + offsetWk(h), da, dh);
            const ConstVecMap v(params + offsetV(h), da);
            Map gWq(grad + offsetWq(h), da, dh);
            Map gWk(grad + offsetWk(h), da, dh);
            VecMap gv(grad + offsetV(h), da);
            const Eigen::MatrixXd& e = cache.mapped[hi];
            Eigen::MatrixXd da_(da, T), db = Eigen::MatrixXd::Zero(da, n), g(da, n);
            for (Eigen::Index t = 0; t < T; ++t) {
                const auto et = e.middleCols(t * n, n);
                gv.noalias() += et * dS.col(t);
                g = (v * dS.col(t).transpose()).cwiseProduct((1.0 - et.array().square()).matrix());
                da_.col(t) = g.rowwise().sum();
                db += g;
            }
            gWq.noalias() += da_ * q.transpose();
            gWk.noalias() += db * k.transpose();
            dq.noalias() += Wq.transpose() * da_;
            dk.noalias() += Wk.transpose() * db;
            break;
        }
        case Scoring::Cosine: {
            const auto uq = cache.unitQueries.middleRows(h * dh, dh);
            const auto uk = cache.unitKeys.middleRows(h * dh, dh);
            const Eigen::MatrixXd dUq = uk * dS;
            const Eigen::MatrixXd dUk = uq * dS.transpose();
            unitBackward(cache.unitQueries, cache.queryNorms, h, dh, dUq, dQueries);
            unitBackward(cache.unitKeys, cache.keyNorms, h, dh, dUk, dKeys);
            // z = s e^l / T, so dL/dl = sum dL/dz s e^l / T = sum dL/ds s.
            grad[offsetLogScale()] += (dS.array() * cache.scores[hi].array()).sum();
            break;
        }
        }
    }
}

std::vector<HeadParams> AttentionLayer::sceneHeadParams(const double* params) const {
    std::vector<HeadParams> out;
    if (scoring_ != Scoring::General && scoring_ != Scoring::Additive) return out;
    const int dh = headWidth();
    const int da = additiveWidth();
    out.resize(std::size_t(heads_));
    for (int h = 0; h < heads_; ++h) {
        HeadParams& p = out[std::size_t(h)];
        if (scoring_ == Scoring::General) {
            p.W = ConstMap(params + offsetW(h), dh, dh).cast<float>();
        } else {
            p.Wq = ConstMap(params + offsetWq(h), da, dh).cast<float>();
            p.Wk = ConstMap(params + offsetWk(h), da, dh).cast<float>();
            p.v = ConstVecMap(params + offsetV(h), da).cast<float>();
        }
    }
    return out;
}

}  // namespace ap
