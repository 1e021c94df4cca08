// Adam (Kingma & Ba 2015, Algorithm 1) with optional global-norm gradient
// clipping (Pascanu et al. 2013), on one flat parameter vector. Any model
// that keeps its parameters in one Eigen::VectorXd can use it.
#pragma once

#include <Eigen/Core>

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
    // The gradient is rescaled to this global L2 norm when it is longer;
    // 0 turns clipping off.
    double clipNorm = 5.0;
};

// "" when the options are usable, else one message naming the option.
std::string validate(const AdamOptions& options);

class Adam {
public:
    Adam() = default;
    // Zeroed moments for `size` parameters.
    Adam(const AdamOptions& options, Eigen::Index size);

    // One update of parameters from gradient (same size; the gradient is
    // clipped in place). A gradient with a non-finite norm is skipped, so it
    // cannot poison the moments: returns false then.
    bool step(Eigen::VectorXd& parameters, Eigen::VectorXd& gradient);

    const AdamOptions& options() const { return options_; }
    void setLearningRate(double rate) { options_.learningRate = rate; }
    long long steps() const { return steps_; }

private:
    AdamOptions options_;
    Eigen::VectorXd firstMoment_, secondMoment_;
    long long steps_ = 0;
};

}  // namespace ap
