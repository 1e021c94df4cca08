#include "experiments/timestep_model.h"
#include "core/softmax.h"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>

namespace ap {
namespace {

// Glorot & Bengio (2010): U(-a, a), a = sqrt(6 / (fan_in + fan_out)).
template <typename Scalar>
void glorot(Scalar* p, Eigen::Index count, Eigen::Index fanIn, Eigen::Index fanOut, Random& random) {
    const double bound = std::sqrt(6.0 / double(fanIn + fanOut));
    for (Eigen::Index i = 0; i < count; ++i) p[i] = Scalar(random.symmetric(bound));
}

// Saxe et al. (2014): the Q of the QR decomposition of a Gaussian matrix,
// signs fixed by R's diagonal so that Q is uniformly distributed.
template <typename Scalar>
void orthogonal(Scalar* p, Eigen::Index rows, Eigen::Index cols, Random& random) {
    Eigen::MatrixXd a(rows, cols);
    fillNormal(a, random);
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
    Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
    const Eigen::MatrixXd r = qr.matrixQR().topRows(cols).triangularView<Eigen::Upper>();
    for (Eigen::Index c = 0; c < cols; ++c)
        if (r(c, c) < 0) q.col(c) = -q.col(c);
    Eigen::Map<MatrixX<Scalar>>(p, rows, cols) = q.cast<Scalar>();
}

}  // namespace

template <typename Scalar>
TimestepModel<Scalar>::TimestepModel(const TimestepShape& shape) : shape_(shape) {
    const bool after = shape.placement == AttentionPlacement::AfterLstm;
    lstm_ = BatchedLstm<Scalar>(shape.inputDim, shape.units);
    attention_ = TimeAttention<Scalar>(shape.steps, after ? shape.units : shape.inputDim, shape.shared);
}

template <typename Scalar>
Eigen::Index TimestepModel<Scalar>::outputWeights() const {
    return shape_.placement == AttentionPlacement::AfterLstm ? Eigen::Index(shape_.steps) * shape_.units
                                                             : Eigen::Index(shape_.units);
}

template <typename Scalar>
void TimestepModel<Scalar>::initialize(Scalar* params, Random& random) const {
    const Eigen::Index U = shape_.units, D = shape_.inputDim, T = shape_.steps;
    std::fill(params, params + parameterCount(), Scalar(0));
    glorot(params + lstm_.offsetWx(), 4 * U * D, D, 4 * U, random);
    orthogonal(params + lstm_.offsetWh(), 4 * U, U, random);
    std::fill(params + lstm_.offsetB() + U, params + lstm_.offsetB() + 2 * U, Scalar(1));
    glorot(params + offsetAttention(), T * T, T, T, random);
    glorot(params + offsetOutput(), outputWeights(), outputWeights(), 1, random);
}

template <typename Scalar>
void TimestepModel<Scalar>::forward(const Scalar* params, const Scalar* x, int count,
                                    TimestepWorkspace<Scalar>& ws) const {
    const Eigen::Index T = shape_.steps, D = shape_.inputDim, U = shape_.units, B = count;
    const Eigen::Map<const VectorX<Scalar>> wOut(params + offsetOutput(), outputWeights());
    const Scalar bOut = params[offsetOutput() + outputWeights()];
    if (shape_.placement == AttentionPlacement::AfterLstm) {
        ws.lstmIn.resize(D, T * B);
        for (Eigen::Index b = 0; b < B; ++b)
            for (Eigen::Index t = 0; t < T; ++t)
                for (Eigen::Index d = 0; d < D; ++d) ws.lstmIn(d, t * B + b) = x[(b * T + t) * D + d];
        lstm_.forward(params + offsetLstm(), ws.lstmIn, count, ws.states, ws.lstm);
        // h_t (U x B, one step) becomes row t of the series (column u + U*b).
        ws.series.resize(T, U * B);
        for (Eigen::Index t = 0; t < T; ++t) ws.series.row(t) = ws.states.middleCols(t * B, B).reshaped().transpose();
        attention_.forward(params + offsetAttention(), ws.series, ws.attended, ws.attention);
        // Each sample's T x U block, flattened step fastest.
        ws.logits.noalias() = ws.attended.reshaped(T * U, B).transpose() * wOut;
    } else {
        ws.series.resize(T, D * B);
        for (Eigen::Index b = 0; b < B; ++b)
            for (Eigen::Index t = 0; t < T; ++t)
                for (Eigen::Index d = 0; d < D; ++d) ws.series(t, d + D * b) = x[(b * T + t) * D + d];
        attention_.forward(params + offsetAttention(), ws.series, ws.attended, ws.attention);
        ws.lstmIn.resize(D, T * B);
        for (Eigen::Index t = 0; t < T; ++t) ws.lstmIn.middleCols(t * B, B).reshaped() = ws.attended.row(t).transpose();
        lstm_.forward(params + offsetLstm(), ws.lstmIn, count, ws.states, ws.lstm);
        ws.logits.noalias() = ws.states.rightCols(B).transpose() * wOut;
    }
    ws.logits.array() += bOut;
}

template <typename Scalar>
Scalar TimestepModel<Scalar>::lossAndGradient(const Scalar* params, const Scalar* x, const Scalar* y, int count,
                                              Scalar scale, Scalar* grad, TimestepWorkspace<Scalar>& ws) const {
    const Eigen::Index T = shape_.steps, D = shape_.inputDim, U = shape_.units, B = count;
    forward(params, x, count, ws);
    // Binary cross-entropy from the logit z; dL/dz = p - y.
    ws.dLogits.resize(B);
    double loss = 0.0;
    for (Eigen::Index b = 0; b < B; ++b) {
        const double z = double(ws.logits(b));
        loss += binaryCrossEntropyWithLogits(z, double(y[b]));
        ws.dLogits(b) = scale * (Scalar(sigmoid(z)) - y[b]);
    }
    const Eigen::Map<const VectorX<Scalar>> wOut(params + offsetOutput(), outputWeights());
    Eigen::Map<VectorX<Scalar>> dwOut(grad + offsetOutput(), outputWeights());
    grad[offsetOutput() + outputWeights()] += ws.dLogits.sum();
    if (shape_.placement == AttentionPlacement::AfterLstm) {
        dwOut.noalias() += ws.attended.reshaped(T * U, B) * ws.dLogits;
        ws.dAttended.resize(T, U * B);
        ws.dAttended.reshaped(T * U, B) = wOut * ws.dLogits.transpose();
        attention_.backward(params + offsetAttention(), ws.dAttended, ws.attention, grad + offsetAttention(),
                            ws.dSeries);
        ws.dStates.resize(U, T * B);
        for (Eigen::Index t = 0; t < T; ++t) ws.dStates.middleCols(t * B, B).reshaped() = ws.dSeries.row(t).transpose();
        lstm_.backward(params + offsetLstm(), ws.states, ws.dStates, count, ws.lstm, grad + offsetLstm(), nullptr);
    } else {
        dwOut.noalias() += ws.states.rightCols(B) * ws.dLogits;
        ws.dStates.setZero(U, T * B);
        ws.dStates.rightCols(B).noalias() = wOut * ws.dLogits.transpose();
        lstm_.backward(params + offsetLstm(), ws.states, ws.dStates, count, ws.lstm, grad + offsetLstm(), &ws.dLstmIn);
        ws.dAttended.resize(T, D * B);
        for (Eigen::Index t = 0; t < T; ++t)
            ws.dAttended.row(t) = ws.dLstmIn.middleCols(t * B, B).reshaped().transpose();
        attention_.backward(params + offsetAttention(), ws.dAttended, ws.attention, grad + offsetAttention(),
                            ws.dSeries);
    }
    return Scalar(loss);
}

template <typename Scalar>
void TimestepModel<Scalar>::predict(const Scalar* params, const Scalar* x, int count, Scalar* probabilities,
                                    Scalar* attention, TimestepWorkspace<Scalar>& ws) const {
    forward(params, x, count, ws);
    for (int b = 0; b < count; ++b) probabilities[b] = Scalar(1) / (Scalar(1) + std::exp(-ws.logits(b)));
    if (!attention) return;
    const Eigen::Index T = shape_.steps, G = attention_.groups();
    for (Eigen::Index b = 0; b < count; ++b) {
        const VectorX<Scalar> mean = ws.attention.applied.middleCols(b * G, G).rowwise().mean();
        for (Eigen::Index t = 0; t < T; ++t) attention[b * T + t] = mean(t);
    }
}

template class TimestepModel<float>;
template class TimestepModel<double>;

}  // namespace ap
