#include "core/adam.h"

#include <cmath>

namespace ap {

std::string validate(const AdamOptions& o) {
    if (!(o.learningRate > 0.0) || !std::isfinite(o.learningRate)) return "learning rate must be a finite number > 0";
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        return "Adam's beta1 and beta2 must be in [0, 1)";
    if (!(o.epsilon > 0.0) || !std::isfinite(o.epsilon)) return "Adam's epsilon must be a finite number > 0";
    if (!(o.clipNorm >= 0.0) || !std::isfinite(o.clipNorm)) return "clip norm must be a finite number >= 0";
    return {};
}

}  // namespace ap
