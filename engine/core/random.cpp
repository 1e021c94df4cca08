#include "core/random.h"

#include <cmath>
#include <numbers>

namespace ap {

Random::Random(std::uint64_t seed, std::uint64_t stream) {
    std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(seed >> 32), std::uint32_t(stream),
                           std::uint32_t(stream >> 32)};
    engine_.seed(sequence);
}

double Random::normal() {
    if (hasSpare_) {
        hasSpare_ = false;
        return spare_;
    }
    // 1 - u is in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_ = radius * std::sin(angle);
    hasSpare_ = true;
    return radius * std::cos(angle);
}

}  // namespace ap
