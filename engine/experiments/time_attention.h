// The attention over time steps of the Keras "attention_3d_block"
// experiment: for each feature series s (the T values of one LSTM unit, or
// of one input dimension, for one sample) a Dense layer maps time to time and
// a softmax over time turns the result into weights,
//   a = softmax(W^T s + b),   W is T x T (Keras' kernel, inputs x outputs),
// and the block's output is s * a (element-wise). With `shared` the weights
// of the G series of a sample are replaced by their mean, repeated G times
// (the experiment's SINGLE_ATTENTION_VECTOR). Forward and backward by hand.
#pragma once

#include "experiments/lstm.h"

namespace ap {

template <typename Scalar>
struct TimeAttentionCache {
    MatrixX<Scalar> inputs;   // T x N, the series s
    MatrixX<Scalar> weights;  // T x N, softmax per column
    MatrixX<Scalar> applied;  // T x N, the weights used (the means when shared)
    MatrixX<Scalar> scratch;  // T x N, used by backward()
};

// Series are the columns of a T x N matrix, N = G * B, column g + G*b being
// series g of sample b. Parameters: W (T x T, column-major), then b (T).
template <typename Scalar>
class TimeAttention {
public:
    using Matrix = MatrixX<Scalar>;

    TimeAttention() = default;
    TimeAttention(int steps, int groups, bool shared) : steps_(steps), groups_(groups), shared_(shared) {}

    Eigen::Index parameterCount() const { return Eigen::Index(steps_) * (steps_ + 1); }
    int steps() const { return steps_; }
    int groups() const { return groups_; }
    bool shared() const { return shared_; }

    void forward(const Scalar* params, const Eigen::Ref<const Matrix>& series, Matrix& out,
                 TimeAttentionCache<Scalar>& cache) const;
    // Adds dL/dparams to grad and writes dL/dseries into dSeries.
    void backward(const Scalar* params, const Eigen::Ref<const Matrix>& dOut, TimeAttentionCache<Scalar>& cache,
                  Scalar* grad, Matrix& dSeries) const;

private:
    int steps_ = 0;
    int groups_ = 1;
    bool shared_ = false;
};

extern template class TimeAttention<float>;
extern template class TimeAttention<double>;

}  // namespace ap
