#include "translation/adam.h"

#include <cmath>

namespace ap {

std::string validate(const AdamOptions& o) {
    if (!(o.learningRate > 0.0) || !std::isfinite(o.learningRate))
        return "learning rate must be a finite number > 0";
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        return "Adam's beta1 and beta2 must be in [0, 1)";
    if (!(o.epsilon > 0.0) || !std::isfinite(o.epsilon))
        return "Adam's epsilon must be a finite number > 0";
    if (!(o.clipNorm >= 0.0) || !std::isfinite(o.clipNorm))
        return "clip norm must be a finite number >= 0";
    return {};
}

Adam::Adam(const AdamOptions& options, Eigen::Index size)
    : options_(options),
      firstMoment_(Eigen::VectorXd::Zero(size)),
      secondMoment_(Eigen::VectorXd::Zero(size)) {}

bool Adam::step(Eigen::VectorXd& parameters, Eigen::VectorXd& gradient) {
    const AdamOptions& o = options_;
    const double norm = gradient.norm();
    if (!std::isfinite(norm)) return false;
    if (o.clipNorm > 0.0 && norm > o.clipNorm) gradient *= o.clipNorm / norm;
    ++steps_;
    // Kingma & Ba 2015, Algorithm 1, with the bias corrections c1, c2.
    firstMoment_ = o.beta1 * firstMoment_ + (1.0 - o.beta1) * gradient;
    secondMoment_ = o.beta2 * secondMoment_ + (1.0 - o.beta2) * gradient.cwiseAbs2();
    const double c1 = 1.0 - std::pow(o.beta1, double(steps_));
    const double c2 = 1.0 - std::pow(o.beta2, double(steps_));
    parameters.array() -= o.learningRate * (firstMoment_.array() / c1) /
                          ((secondMoment_.array() / c2).sqrt() + o.epsilon);
    return true;
}

}  // namespace ap
