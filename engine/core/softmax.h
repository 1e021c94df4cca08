// The softmax family, written once for every scalar type: the attention
// normalizers (float), the translation model's attention layer and the
// experiments (float and double) use these.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ap {

// out = exp((in - max) * invT) / sum, the maximum subtracted first so that
// exp cannot overflow (softmax(x - c) = softmax(x)). `in` and `out` may be
// the same array. Returns false, with `out` untouched, when the maximum is
// not finite: the callers decide what such a row means.
template <class In, class Out>
bool softmax(const Eigen::ArrayBase<In>& in, typename In::Scalar invT, const Eigen::ArrayBase<Out>& result) {
    using Scalar = typename In::Scalar;
    const Scalar m = in.template maxCoeff<Eigen::PropagateNaN>();
    if (!std::isfinite(m)) return false;
    // Eigen's idiom for writing through an expression passed by const
    // reference (a block or a map).
    auto& out = const_cast<Eigen::ArrayBase<Out>&>(result);
    out = ((in - m) * invT).exp();
    out *= Scalar(1) / out.sum();
    return true;
}

// Sparsemax (Martins & Astudillo 2016, Algorithm 1): the support size
// k(z) = max{k : 1 + k z_(k) > sum_{r<=k} z_(r)} and the threshold
// tau = (sum_{r<=k(z)} z_(r) - 1) / k(z), summed in double. The weights are
// then max(z_j - tau, 0). With z the scores minus their maximum
// (z_(1) = 0) the support is never empty.
struct SparsemaxThreshold {
    double tau = 0.0;
    int support = 0;
};

// Sorts z descending in place.
template <class T>
SparsemaxThreshold sparsemaxThreshold(T* z, int count) {
    std::sort(z, z + count, std::greater<T>());
    double sum = 0.0;
    double supportSum = 0.0;
    int support = 0;
    for (int r = 0; r < count; ++r) {
        sum += double(z[r]);
        if (1.0 + double(r + 1) * double(z[r]) <= sum) break;
        support = r + 1;
        supportSum = sum;
    }
    return {(supportSum - 1.0) / double(std::max(support, 1)), support};
}

// The logistic function 1 / (1 + e^-z).
inline double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Binary cross-entropy of the logit z against the label y in [0, 1],
// -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z)), in the form
// max(z, 0) - y z + log(1 + e^-|z|) that neither overflows nor loses the
// small losses of confident right answers. Its derivative in z is
// sigmoid(z) - y.
inline double binaryCrossEntropyWithLogits(double z, double y) {
    return std::max(z, 0.0) - y * z + std::log1p(std::exp(-std::abs(z)));
}

}  // namespace ap
