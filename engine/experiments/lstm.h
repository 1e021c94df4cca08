// A long short-term memory layer (Hochreiter & Schmidhuber 1997, with the
// forget gate of Gers et al. 2000, in Keras' formulation) over a batch of
// sequences, with its backward pass written out by hand. Templated on the
// scalar: training runs in float, gradient checks in double.
#pragma once

#include "experiments/matrix_types.h"

#include <Eigen/Core>

namespace ap {

// What the backward pass reads, filled by forward(). Reused from batch to
// batch: Eigen keeps the storage while the shapes stay the same.
template <typename Scalar>
struct LstmCache {
    MatrixX<Scalar> inputs;          // D x (T*B), the x_t
    MatrixX<Scalar> gates;           // 4U x (T*B), activated i, f, g, o
    MatrixX<Scalar> cells;           // U x (T*B), c_t
    MatrixX<Scalar> tanhCells;       // U x (T*B), tanh(c_t)
    MatrixX<Scalar> dGates;          // 4U x (T*B), scratch of backward()
    MatrixX<Scalar> dh, dc, dcNext;  // U x B, scratch of backward()
};

// With U units and D inputs, for input x_t and state (h_{t-1}, c_{t-1}),
// starting from h_0 = c_0 = 0:
//   i = sigmoid(Wi x + Ui h + bi)     input gate
//   f = sigmoid(Wf x + Uf h + bf)     forget gate
//   g = tanh(Wg x + Ug h + bg)        candidate
//   o = sigmoid(Wo x + Uo h + bo)     output gate
//   c_t = f * c_{t-1} + i * g,  h_t = o * tanh(c_t)
// (* element-wise). The parameters are read from (and their gradients added
// to) a flat array laid out as Wx (4U x D), Wh (4U x U), b (4U), each
// column-major, gate rows in Keras' order i, f, g, o.
//
// A batch of B sequences of length T is held step-major: column t*B + b is
// sample b at step t, so each step is a contiguous block of B columns and
// the input terms of all steps are one product.
template <typename Scalar>
class BatchedLstm {
public:
    using Matrix = MatrixX<Scalar>;

    BatchedLstm() = default;
    BatchedLstm(int inputs, int units) : inputs_(inputs), units_(units) {}

    int inputs() const { return inputs_; }
    int units() const { return units_; }
    Eigen::Index parameterCount() const { return Eigen::Index(4) * units_ * (inputs_ + units_ + 1); }
    Eigen::Index offsetWx() const { return 0; }
    Eigen::Index offsetWh() const { return Eigen::Index(4) * units_ * inputs_; }
    Eigen::Index offsetB() const { return offsetWh() + Eigen::Index(4) * units_ * units_; }

    // x is D x (T*B); writes h_1..h_T into states (U x (T*B)).
    void forward(const Scalar* params, const Eigen::Ref<const Matrix>& x, int batch, Matrix& states,
                 LstmCache<Scalar>& cache) const;

    // Back-propagation through time. dStates (U x (T*B)) is dL/dh_t from
    // outside the recurrence. Adds dL/dparams to grad; when dInputs is not
    // null writes dL/dx (D x (T*B)) there.
    void backward(const Scalar* params, const Matrix& states, const Eigen::Ref<const Matrix>& dStates, int batch,
                  LstmCache<Scalar>& cache, Scalar* grad, Matrix* dInputs) const;

private:
    int inputs_ = 0;
    int units_ = 0;
};

extern template class BatchedLstm<float>;
extern template class BatchedLstm<double>;

}  // namespace ap
