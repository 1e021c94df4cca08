// Random inputs for tests, from the engine's generator (core/random.h), so
// that a seed gives the same inputs with every standard library.
#pragma once

#include "core/random.h"
#include "core/scene.h"

#include <cstdint>

// A rows × cols matrix of normal(0, scale²) numbers.
inline ap::Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed, float scale = 1.0f) {
    ap::Random random(seed);
    ap::Matrix m(rows, cols);
    ap::fillNormal(m, random, scale);
    return m;
}
