#include "experiments/lstm.h"

namespace ap {

template <typename Scalar>
void BatchedLstm<Scalar>::forward(const Scalar* params, const Eigen::Ref<const Matrix>& x, int batch, Matrix& states,
                                  LstmCache<Scalar>& cache) const {
    using ConstMap = Eigen::Map<const Matrix>;
    using ConstVec = Eigen::Map<const VectorX<Scalar>>;
    const Eigen::Index U = units_, B = batch;
    const Eigen::Index T = x.cols() / B;
    const ConstMap Wx(params + offsetWx(), 4 * U, inputs_);
    const ConstMap Wh(params + offsetWh(), 4 * U, U);
    const ConstVec b(params + offsetB(), 4 * U);

    cache.inputs = x;
    cache.gates.resize(4 * U, T * B);
    cache.cells.resize(U, T * B);
    cache.tanhCells.resize(U, T * B);
    states.resize(U, T * B);
    cache.gates.noalias() = Wx * x;
    cache.gates.colwise() += b;
    for (Eigen::Index t = 0; t < T; ++t) {
        auto g = cache.gates.middleCols(t * B, B);
        if (t > 0) g.noalias() += Wh * states.middleCols((t - 1) * B, B);
        g.topRows(2 * U) = g.topRows(2 * U).array().logistic().matrix();
        g.middleRows(2 * U, U) = g.middleRows(2 * U, U).array().tanh().matrix();
        g.bottomRows(U) = g.bottomRows(U).array().logistic().matrix();
        auto c = cache.cells.middleCols(t * B, B);
        c = g.topRows(U).cwiseProduct(g.middleRows(2 * U, U));
        if (t > 0) c += g.middleRows(U, U).cwiseProduct(cache.cells.middleCols((t - 1) * B, B));
        auto tc = cache.tanhCells.middleCols(t * B, B);
        tc = c.array().tanh().matrix();
        states.middleCols(t * B, B) = g.bottomRows(U).cwiseProduct(tc);
    }
}

template <typename Scalar>
void BatchedLstm<Scalar>::backward(const Scalar* params, const Matrix& states, const Eigen::Ref<const Matrix>& dStates,
                                   int batch, LstmCache<Scalar>& cache, Scalar* grad, Matrix* dInputs) const {
    using ConstMap = Eigen::Map<const Matrix>;
    using MutMap = Eigen::Map<Matrix>;
    const Eigen::Index U = units_, B = batch;
    const Eigen::Index T = cache.inputs.cols() / B;
    const ConstMap Wx(params + offsetWx(), 4 * U, inputs_);
    const ConstMap Wh(params + offsetWh(), 4 * U, U);
    MutMap dWx(grad + offsetWx(), 4 * U, inputs_);
    MutMap dWh(grad + offsetWh(), 4 * U, U);
    Eigen::Map<VectorX<Scalar>> db(grad + offsetB(), 4 * U);

    cache.dGates.resize(4 * U, T * B);
    cache.dh.setZero(U, B);      // dL/dh_t from the step after t
    cache.dcNext.setZero(U, B);  // dL/dc_t from the step after t
    cache.dc.resize(U, B);
    for (Eigen::Index t = T - 1; t >= 0; --t) {
        const auto g = cache.gates.middleCols(t * B, B).array();
        const auto i = g.topRows(U), f = g.middleRows(U, U), cand = g.middleRows(2 * U, U), o = g.bottomRows(U);
        const auto tc = cache.tanhCells.middleCols(t * B, B).array();
        auto dh = cache.dh.array();
        dh += dStates.middleCols(t * B, B).array();
        // h = o tanh(c): dc = dh o (1 - tanh^2 c), plus what c_{t+1} passed back.
        cache.dc.array() = cache.dcNext.array() + dh * o * (Scalar(1) - tc.square());
        const auto dc = cache.dc.array();
        auto dg = cache.dGates.middleCols(t * B, B).array();
        dg.topRows(U) = dc * cand * i * (Scalar(1) - i);
        if (t > 0)
            dg.middleRows(U, U) = dc * cache.cells.middleCols((t - 1) * B, B).array() * f * (Scalar(1) - f);
        else
            dg.middleRows(U, U).setZero();
        dg.middleRows(2 * U, U) = dc * i * (Scalar(1) - cand.square());
        dg.bottomRows(U) = dh * tc * o * (Scalar(1) - o);
        cache.dcNext.array() = dc * f;
        if (t > 0) cache.dh.noalias() = Wh.transpose() * cache.dGates.middleCols(t * B, B);
    }
    // The parameter gradients of all steps as three products.
    dWx.noalias() += cache.dGates * cache.inputs.transpose();
    if (T > 1) dWh.noalias() += cache.dGates.rightCols((T - 1) * B) * states.leftCols((T - 1) * B).transpose();
    db += cache.dGates.rowwise().sum();
    if (dInputs) dInputs->noalias() = Wx.transpose() * cache.dGates;
}

template class BatchedLstm<float>;
template class BatchedLstm<double>;

}  // namespace ap
