// Adam (Kingma & Ba 2015, Algorithm 1) on a flat parameter vector, with
// Keras' defaults (beta1 0.9, beta2 0.999, epsilon 1e-7), since the
// experiments reproduce Keras models.
#pragma once

#include <Eigen/Core>

#include <cmath>

namespace ap {

template <typename Scalar>
class Adam {
public:
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    Adam() = default;
    Adam(Eigen::Index size, double learningRate)
        : m_(Vector::Zero(size)), v_(Vector::Zero(size)), rate_(learningRate) {}

    // params -= rate * m_hat / (sqrt(v_hat) + epsilon), with the bias
    // corrections folded into the step size and epsilon taken as the paper's
    // "epsilon hat" (end of section 2), as Keras does.
    void step(Scalar* params, const Scalar* grad) {
        ++t_;
        const double correction = std::sqrt(1.0 - std::pow(kBeta2, double(t_))) / (1.0 - std::pow(kBeta1, double(t_)));
        const Scalar alpha = Scalar(rate_ * correction);
        const Scalar epsHat = Scalar(kEpsilon);
        Eigen::Map<Vector> p(params, m_.size());
        Eigen::Map<const Vector> g(grad, m_.size());
        m_ = Scalar(kBeta1) * m_ + Scalar(1.0 - kBeta1) * g;
        v_ = Scalar(kBeta2) * v_ + Scalar(1.0 - kBeta2) * g.cwiseAbs2();
        p.array() -= alpha * m_.array() / (v_.array().sqrt() + epsHat);
    }

    static constexpr double kBeta1 = 0.9;
    static constexpr double kBeta2 = 0.999;
    static constexpr double kEpsilon = 1e-7;

private:
    Vector m_, v_;
    double rate_ = 1e-3;
    long long t_ = 0;
};

}  // namespace ap
