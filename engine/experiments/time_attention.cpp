#include "experiments/time_attention.h"

#include "core/softmax.h"

#include <limits>

namespace ap {
namespace {

// Column-wise softmax in place. A column whose maximum is not finite
// becomes NaN, so that the loss shows it.
template <typename Derived>
void softmaxColumns(Eigen::MatrixBase<Derived>& m) {
    using Scalar = typename Derived::Scalar;
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
        auto col = m.col(c).array();
        if (!softmax(col, Scalar(1), col)) col.setConstant(std::numeric_limits<Scalar>::quiet_NaN());
    }
}

// Replaces each sample's G columns by their mean (the Jacobian of the mean,
// repeated, is this same operation: it is symmetric).
template <typename Matrix>
void groupMean(const Matrix& in, int groups, Matrix& out) {
    out.resize(in.rows(), in.cols());
    const Eigen::Index samples = in.cols() / groups;
    for (Eigen::Index b = 0; b < samples; ++b) {
        const auto mean = (in.middleCols(b * groups, groups).rowwise().sum() / typename Matrix::Scalar(groups)).eval();
        out.middleCols(b * groups, groups).colwise() = mean;
    }
}

}  // namespace

template <typename Scalar>
void TimeAttention<Scalar>::forward(const Scalar* params, const Eigen::Ref<const Matrix>& series, Matrix& out,
                                    TimeAttentionCache<Scalar>& cache) const {
    const Eigen::Map<const Matrix> W(params, steps_, steps_);
    const Eigen::Map<const VectorX<Scalar>> b(params + Eigen::Index(steps_) * steps_, steps_);
    cache.inputs = series;
    cache.weights.noalias() = W.transpose() * series;
    cache.weights.colwise() += b;
    softmaxColumns(cache.weights);
    if (shared_)
        groupMean(cache.weights, groups_, cache.applied);
    else
        cache.applied = cache.weights;
    out = series.cwiseProduct(cache.applied);
}

template <typename Scalar>
void TimeAttention<Scalar>::backward(const Scalar* params, const Eigen::Ref<const Matrix>& dOut,
                                     TimeAttentionCache<Scalar>& cache, Scalar* grad, Matrix& dSeries) const {
    const Eigen::Map<const Matrix> W(params, steps_, steps_);
    Eigen::Map<Matrix> dW(grad, steps_, steps_);
    Eigen::Map<VectorX<Scalar>> db(grad + Eigen::Index(steps_) * steps_, steps_);
    // out = s * a: the series gets dOut * a directly, the weights dOut * s.
    dSeries = dOut.cwiseProduct(cache.applied);
    Matrix& dWeights = cache.scratch;
    if (shared_) {
        const Matrix dApplied = dOut.cwiseProduct(cache.inputs);
        groupMean(dApplied, groups_, dWeights);
    } else {
        dWeights = dOut.cwiseProduct(cache.inputs);
    }
    // Softmax Jacobian per column: de = a * (da - a . da).
    const Matrix& a = cache.weights;
    const auto dots = (a.cwiseProduct(dWeights)).colwise().sum().eval();
    dWeights.array() = a.array() * (dWeights.rowwise() - dots).array();
    // e = W^T s + b.
    dW.noalias() += cache.inputs * dWeights.transpose();
    db += dWeights.rowwise().sum();
    dSeries.noalias() += W * dWeights;
}

template class TimeAttention<float>;
template class TimeAttention<double>;

}  // namespace ap
