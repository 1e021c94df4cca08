// The model of the Keras attention_3d_block experiment (time-step
// attention), forward and backward by hand, on a batch of samples.
//
// After the LSTM (the experiment's default):
//   h = LSTM(x) with every step returned       (B, T, U)
//   m = attention_3d_block(h), per unit        (B, T, U)
//   p = sigmoid(Dense(1)(flatten(m)))
// Before the LSTM:
//   m = attention_3d_block(x), per input dim   (B, T, D)
//   p = sigmoid(Dense(1)(last state of LSTM(m)))
// The loss is binary cross-entropy, summed over the samples.
#pragma once

#include "experiments/lstm.h"
#include "core/random.h"
#include "experiments/time_attention.h"

namespace ap {

enum class AttentionPlacement { AfterLstm, BeforeLstm };

struct TimestepShape {
    int steps = 10;    // T
    int inputDim = 2;  // D
    int units = 32;    // U
    AttentionPlacement placement = AttentionPlacement::AfterLstm;
    bool shared = false;  // one attention vector per sample (mean over units)
};

template <typename Scalar>
struct TimestepWorkspace {
    MatrixX<Scalar> lstmIn, states, series, attended;
    MatrixX<Scalar> dStates, dSeries, dAttended, dLstmIn;
    VectorX<Scalar> logits, dLogits;
    LstmCache<Scalar> lstm;
    TimeAttentionCache<Scalar> attention;
};

// Parameters are one flat array: the LSTM's (see BatchedLstm), then the
// attention's W and b (see TimeAttention), then the output Dense: its
// weights and its bias. After the LSTM the output weights are T*U, in the
// order t + T*u (the flattened (T, U) block of a sample, step fastest);
// before it, U.
//
// Inputs are sample-major as in numpy: x[(b*T + t)*D + d].
template <typename Scalar>
class TimestepModel {
public:
    using Matrix = MatrixX<Scalar>;

    TimestepModel() = default;
    explicit TimestepModel(const TimestepShape& shape);

    const TimestepShape& shape() const { return shape_; }
    Eigen::Index parameterCount() const { return offsetOutput() + outputWeights() + 1; }
    Eigen::Index offsetLstm() const { return 0; }
    Eigen::Index offsetAttention() const { return lstm_.parameterCount(); }
    Eigen::Index offsetOutput() const { return offsetAttention() + attention_.parameterCount(); }
    Eigen::Index outputWeights() const;

    // Keras' initialisers: Glorot-uniform kernels, an orthogonal recurrent
    // kernel, zero biases except the LSTM's forget gate (1, Jozefowicz et al.
    // 2015).
    void initialize(Scalar* params, Random& random) const;

    // Sum over the `count` samples of the cross-entropy; adds `scale` times
    // its gradient to grad.
    Scalar lossAndGradient(const Scalar* params, const Scalar* x, const Scalar* y, int count, Scalar scale,
                           Scalar* grad, TimestepWorkspace<Scalar>& ws) const;

    // Probabilities p (count) and, when `attention` is not null, each
    // sample's attention over the steps, averaged over the series
    // (count x T, row-major: attention[b*T + t]).
    void predict(const Scalar* params, const Scalar* x, int count, Scalar* probabilities, Scalar* attention,
                 TimestepWorkspace<Scalar>& ws) const;

private:
    // The forward pass up to the logits (ws.logits).
    void forward(const Scalar* params, const Scalar* x, int count, TimestepWorkspace<Scalar>& ws) const;

    TimestepShape shape_;
    BatchedLstm<Scalar> lstm_;
    TimeAttention<Scalar> attention_;
};

extern template class TimestepModel<float>;
extern template class TimestepModel<double>;

}  // namespace ap
