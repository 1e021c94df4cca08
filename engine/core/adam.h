// Adam (Kingma & Ba 2015, Algorithm 1) on one flat parameter vector, with
// optional global-norm gradient clipping (Pascanu et al. 2013). The
// translation model trains with it in double, the experiments in float or
// double with Keras' variant (AdamOptions::keras()).
#pragma once

#include "core/status.h"

#include <Eigen/Core>

#include <cmath>
#include <string>

namespace ap {

struct AdamOptions {
    // Step size alpha. Larger than the paper's 0.001 because the models
    // trained here are tiny.
    double learningRate = 0.01;
    // Decay of the first and second moment estimates, and the denominator's
    // guard: the paper's defaults.
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    // false: epsilon is added to sqrt(v_hat), as in Algorithm 1. true: the
    // bias corrections are folded into the step size and epsilon is the
    // paper's "epsilon hat" (end of section 2), added to sqrt(v), as Keras
    // does.
    bool epsilonHat = false;
    // The gradient is rescaled to this global L2 norm when it is longer;
    // 0 turns clipping off.
    double clipNorm = 5.0;

    // Keras' defaults (epsilon hat 1e-7, no clipping): the experiments
    // reproduce Keras models.
    static AdamOptions keras(double learningRate) { return {learningRate, 0.9, 0.999, 1e-7, true, 0.0}; }
};

// Whether the options are usable; if not, one message naming the option.
Status validate(const AdamOptions& options);

template <typename Scalar = double>
class Adam {
public:
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    Adam() = default;
    // Zeroed moments for `size` parameters.
    Adam(const AdamOptions& options, Eigen::Index size)
        : options_(options), firstMoment_(Vector::Zero(size)), secondMoment_(Vector::Zero(size)) {}

    // One update of parameters from gradient (same size; the gradient is
    // clipped in place). A gradient that is not finite is skipped, so it
    // cannot poison the moments: returns false then.
    bool step(Eigen::Ref<Vector> parameters, Eigen::Ref<Vector> gradient) {
        const AdamOptions& o = options_;
        if (o.clipNorm > 0.0) {
            const double norm = double(gradient.norm());
            if (!std::isfinite(norm)) return false;
            if (norm > o.clipNorm) gradient *= Scalar(o.clipNorm / norm);
        } else if (!gradient.allFinite()) {
            return false;
        }
        ++steps_;
        const double c1 = 1.0 - std::pow(o.beta1, double(steps_));
        const double c2 = 1.0 - std::pow(o.beta2, double(steps_));
        firstMoment_ = Scalar(o.beta1) * firstMoment_ + Scalar(1.0 - o.beta1) * gradient;
        secondMoment_ = Scalar(o.beta2) * secondMoment_ + Scalar(1.0 - o.beta2) * gradient.cwiseAbs2();
        if (o.epsilonHat) {
            const Scalar alpha = Scalar(o.learningRate * (std::sqrt(c2) / c1));
            parameters.array() -= alpha * firstMoment_.array() / (secondMoment_.array().sqrt() + Scalar(o.epsilon));
        } else {
            parameters.array() -= Scalar(o.learningRate) * (firstMoment_.array() / Scalar(c1)) /
                                  ((secondMoment_.array() / Scalar(c2)).sqrt() + Scalar(o.epsilon));
        }
        return true;
    }

    const AdamOptions& options() const { return options_; }
    void setLearningRate(double rate) { options_.learningRate = rate; }
    long long steps() const { return steps_; }

private:
    AdamOptions options_;
    Vector firstMoment_, secondMoment_;
    long long steps_ = 0;
};

}  // namespace ap
