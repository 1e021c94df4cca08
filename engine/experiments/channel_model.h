// Channel attention by squeeze-and-excitation (Hu et al. 2018), on
// C x 8 x 8 inputs, forward and backward by hand:
//   z = global average pool of the image         (C)    squeeze
//   r = relu6(W1 z + b1)                          (C/4)
//   s = act(W2 r + b2)                            (C)    excitation
//   image * s per channel, then global average pool: s * z (the pool is
//   linear, so pooling the scaled image equals scaling the pooled one)
//   p = sigmoid(w . (s * z) + b0)
// act is hard-sigmoid relu6(x + 3) / 6 as in MobileNetV3 (Howard et al.
// 2019), hard-swish x relu6(x + 3) / 6 (ibid.), or the logistic sigmoid as
// in SENet. Double precision: the model is tiny.
#pragma once

#include <Eigen/Core>

#include <optional>
#include <string>
#include <string_view>

namespace ap {

class Random;

enum class ExcitationActivation { HardSigmoid, HardSwish, Sigmoid };
const char* toString(ExcitationActivation activation);
std::optional<ExcitationActivation> excitationFromString(std::string_view name);

struct ChannelWorkspace {
    Eigen::MatrixXd reducedPre, reduced, excitePre, excitation, scaled;  // per sample columns
    Eigen::VectorXd logits, dLogits;
    Eigen::MatrixXd dScaled, dExcite, dReduced;
};

// Parameters, one flat array: W1 (R x C), b1 (R), W2 (C x R), b2 (C),
// w (C), b0, with R = max(1, C / 4); matrices column-major.
class ChannelModel {
public:
    ChannelModel() = default;
    ChannelModel(int channels, ExcitationActivation activation);

    int channels() const { return channels_; }
    int reduced() const { return reduced_; }
    ExcitationActivation activation() const { return activation_; }
    Eigen::Index parameterCount() const;
    Eigen::Index offsetW1() const { return 0; }
    Eigen::Index offsetB1() const { return Eigen::Index(reduced_) * channels_; }
    Eigen::Index offsetW2() const { return offsetB1() + reduced_; }
    Eigen::Index offsetB2() const { return offsetW2() + Eigen::Index(channels_) * reduced_; }
    Eigen::Index offsetOut() const { return offsetB2() + channels_; }

    // Glorot-uniform weights, zero biases (Keras' defaults).
    void initialize(double* params, Random& random) const;

    // pooled is C x B (the squeezed images). Sum of the cross-entropies of
    // the B samples; adds `scale` times its gradient to grad.
    double lossAndGradient(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled, const double* y,
                           double scale, double* grad, ChannelWorkspace& ws) const;
    // Probabilities (B) and the excitations s (C x B).
    void predict(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled, Eigen::VectorXd& probabilities,
                 Eigen::MatrixXd& excitation, ChannelWorkspace& ws) const;

    double activate(double x) const;
    double derivative(double x) const;

private:
    void forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled, ChannelWorkspace& ws) const;

    int channels_ = 0;
    int reduced_ = 1;
    ExcitationActivation activation_ = ExcitationActivation::HardSigmoid;
};

}  // namespace ap
