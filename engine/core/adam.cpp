#include "core/adam.h"

#include <cmath>

namespace ap {

Status validate(const AdamOptions& o) {
    if (!(o.learningRate > 0.0) || !std::isfinite(o.learningRate))
        return Status::error("learning rate must be a finite number > 0");
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        return Status::error("Adam's beta1 and beta2 must be in [0, 1)");
    if (!(o.epsilon > 0.0) || !std::isfinite(o.epsilon))
        return Status::error("Adam's epsilon must be a finite number > 0");
    if (!(o.clipNorm >= 0.0) || !std::isfinite(o.clipNorm))
        return Status::error("clip norm must be a finite number >= 0");
    return Status::success();
}

}  // namespace ap
