// A gated recurrent unit (Cho et al. 2014, eq. 5-8) over a sequence, with
// its backward pass written out by hand. Double precision: the translation
// model is small, and double keeps finite-difference checks sharp.
#pragma once

#include <Eigen/Core>

namespace ap {

// What the backward pass reads, filled by GruCell::forward. Reused from one
// sequence to the next (Eigen keeps the storage while the shape is unchanged).
struct GruCache {
    Eigen::MatrixXd inputs;       // I x T, the x_t
    Eigen::MatrixXd before;       // H x T, h_{t-1} (column 0 is h_0)
    Eigen::MatrixXd reset;        // H x T, r_t
    Eigen::MatrixXd update;       // H x T, z_t
    Eigen::MatrixXd candidate;    // H x T, the candidate state h~_t
    Eigen::MatrixXd resetBefore;  // H x T, r_t * h_{t-1}
    Eigen::MatrixXd pre;          // 3H x T, W x_t + b (forward) / gate gradients (backward)
};

// With H hidden units and I inputs, for input x_t and state h_{t-1}:
//   r_t  = sigmoid(W_r x_t + U_r h_{t-1} + b_r)            (Cho et al. eq. 5)
//   z_t  = sigmoid(W_z x_t + U_z h_{t-1} + b_z)            (eq. 6)
//   h~_t = tanh(W_n x_t + U_n (r_t * h_{t-1}) + b_n)       (eq. 8)
//   h_t  = z_t * h_{t-1} + (1 - z_t) * h~_t                (eq. 7)
// (* is the element-wise product; the paper leaves the biases out.)
//
// The parameters are not owned: they are read from (and their gradients
// added to) a flat array of parameterCount() doubles laid out as
//   W (3H x I), then U (3H x H), then b (3H), each column-major,
// with gate rows in the order r, z, n. This lets the model keep all of its
// parameters in one vector for Adam, clipping and gradient checks.
class GruCell {
public:
    GruCell() = default;
    GruCell(int inputSize, int hiddenSize) : input_(inputSize), hidden_(hiddenSize) {}

    int inputSize() const { return input_; }
    int hiddenSize() const { return hidden_; }
    Eigen::Index parameterCount() const { return Eigen::Index(3) * hidden_ * (input_ + hidden_ + 1); }
    // Offsets of the blocks inside the parameter array.
    Eigen::Index offsetW() const { return 0; }
    Eigen::Index offsetU() const { return Eigen::Index(3) * hidden_ * input_; }
    Eigen::Index offsetB() const { return offsetU() + Eigen::Index(3) * hidden_ * hidden_; }

    // Runs the cell over the columns of x (I x T) from h0; writes the states
    // h_1..h_T as the columns of states (H x T). T may be 0.
    void forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::VectorXd& h0,
                 Eigen::MatrixXd& states, GruCache& cache) const;

    // Back-propagation through time. dStates (H x T) is dL/dh_t from outside
    // the recurrence (attention, output layer). Adds dL/dparams to grad
    // (parameterCount() doubles, same layout), writes dL/dx (I x T) and
    // dL/dh_0. Uses cache.pre as scratch, so call it once per forward.
    void backward(const double* params, GruCache& cache, const Eigen::Ref<const Eigen::MatrixXd>& dStates, double* grad,
                  Eigen::MatrixXd& dInputs, Eigen::VectorXd& dh0) const;

    // One step, no cache (greedy decoding): h = GRU(x, hPrev).
    void step(const double* params, const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::VectorXd& hPrev,
              Eigen::VectorXd& h) const;

private:
    int input_ = 0;
    int hidden_ = 0;
};

}  // namespace ap
