#include "translation/gru.h"

#include "core/eigen_maps.h"

namespace ap {
namespace {

template <typename T>
auto sigmoid(const T& x) {
    return (1.0 + (-x.array()).exp()).inverse();
}

}  // namespace

void GruCell::forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& h0,
                      Eigen::MatrixXd& states, GruCache& cache) const {
    const Eigen::Index H = hidden_;
    const Eigen::Index T = x.cols();
    const ConstMap W(params + offsetW(), 3 * H, input_);
    const ConstMap U(params + offsetU(), 3 * H, H);
    const ConstVecMap b(params + offsetB(), 3 * H);

    cache.inputs = x;
    cache.before.resize(H, T);
    cache.reset.resize(H, T);
    cache.update.resize(H, T);
    cache.candidate.resize(H, T);
    cache.resetBefore.resize(H, T);
    states.resize(H, T);
    // The input terms of all steps at once: one product instead of T.
    cache.pre.noalias() = W * x;
    cache.pre.colwise() += b;

    Eigen::VectorXd rz(2 * H);
    for (Eigen::Index t = 0; t < T; ++t) {
        if (t == 0)
            cache.before.col(0) = h0;
        else
            cache.before.col(t) = states.col(t - 1);
        const auto hPrev = cache.before.col(t);
        rz = cache.pre.col(t).head(2 * H);
        rz.noalias() += U.topRows(2 * H) * hPrev;
        rz = sigmoid(rz);
        cache.reset.col(t) = rz.head(H);
        cache.update.col(t) = rz.tail(H);
        cache.resetBefore.col(t) = cache.reset.col(t).cwiseProduct(hPrev);
        auto n = cache.candidate.col(t);
        n = cache.pre.col(t).tail(H);
        n.noalias() += U.bottomRows(H) * cache.resetBefore.col(t);
        n = n.array().tanh().matrix();
        const auto z = cache.update.col(t).array();
        states.col(t) = (z * hPrev.array() + (1.0 - z) * n.array()).matrix();
    }
}

void GruCell::backward(const double* params, GruCache& cache, const Eigen::Ref<const Eigen::MatrixXd>& dStates,
                       double* grad, Eigen::MatrixXd& dInputs, Eigen::VectorXd& dh0) const {
    const Eigen::Index H = hidden_;
    const Eigen::Index T = cache.inputs.cols();
    const ConstMap W(params + offsetW(), 3 * H, input_);
    const ConstMap U(params + offsetU(), 3 * H, H);
    Map dW(grad + offsetW(), 3 * H, input_);
    Map dU(grad + offsetU(), 3 * H, H);
    VecMap db(grad + offsetB(), 3 * H);

    // cache.pre becomes the gradients of the gates' pre-activations
    // [a_r; a_z; a_n] per step; the parameter gradients are then three
    // products over all steps.
    Eigen::MatrixXd& gates = cache.pre;
    Eigen::VectorXd dh = Eigen::VectorXd::Zero(H);
    Eigen::VectorXd dResetBefore(H);
    for (Eigen::Index t = T - 1; t >= 0; --t) {
        dh += dStates.col(t);
        const auto hPrev = cache.before.col(t).array();
        const auto r = cache.reset.col(t).array();
        const auto z = cache.update.col(t).array();
        const auto n = cache.candidate.col(t).array();
        // eq. 7: dh~ = dh (1 - z), dz = dh (h_{t-1} - h~), dh_{t-1} gets dh z.
        gates.col(t).tail(H) = (dh.array() * (1.0 - z) * (1.0 - n.square())).matrix();
        gates.col(t).segment(H, H) = (dh.array() * (hPrev - n) * z * (1.0 - z)).matrix();
        // eq. 8 through r * h_{t-1}.
        dResetBefore.noalias() = U.bottomRows(H).transpose() * gates.col(t).tail(H);
        gates.col(t).head(H) = (dResetBefore.array() * hPrev * r * (1.0 - r)).matrix();
        Eigen::VectorXd dPrev = (dh.array() * z + dResetBefore.array() * r).matrix();
        dPrev.noalias() += U.topRows(2 * H).transpose() * gates.col(t).head(2 * H);
        dh = dPrev;
    }
    dh0 = dh;
    dW.noalias() += gates * cache.inputs.transpose();
    db += gates.rowwise().sum();
    dU.topRows(2 * H).noalias() += gates.topRows(2 * H) * cache.before.transpose();
    dU.bottomRows(H).noalias() += gates.bottomRows(H) * cache.resetBefore.transpose();
    dInputs.noalias() = W.transpose() * gates;
}

void GruCell::step(const double* params, const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::VectorXd& hPrev,
                   Eigen::VectorXd& h) const {
    const Eigen::Index H = hidden_;
    const ConstMap W(params + offsetW(), 3 * H, input_);
    const ConstMap U(params + offsetU(), 3 * H, H);
    const ConstVecMap b(params + offsetB(), 3 * H);
    Eigen::VectorXd pre = W * x + b;
    Eigen::VectorXd rz = pre.head(2 * H);
    rz.noalias() += U.topRows(2 * H) * hPrev;
    rz = sigmoid(rz);
    const Eigen::VectorXd resetBefore = rz.head(H).cwiseProduct(hPrev);
    Eigen::VectorXd n = pre.tail(H);
    n.noalias() += U.bottomRows(H) * resetBefore;
    n = n.array().tanh().matrix();
    const auto z = rz.tail(H).array();
    h = (z * hPrev.array() + (1.0 - z) * n.array()).matrix();
}

}  // namespace ap
