// The benchmarks' random inputs, from the engine's generator, so that a
// seed gives the same inputs with every standard library.
#pragma once

#include "core/random.h"
#include "core/scene.h"

#include <cstdint>

// A rows × cols matrix of normal(0, 1) numbers.
inline ap::Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
    ap::Random random(seed);
    ap::Matrix m(rows, cols);
    ap::fillNormal(m, random);
    return m;
}

// The scene the window benchmarks open: `tokens` queries and keys of `width`
// numbers, normal(0, 1), in `heads` heads, values = keys.
inline ap::Scene randomScene(int tokens, int width, int heads, std::uint64_t seed) {
    ap::Random random(seed);
    ap::Scene s;
    s.queries = ap::Matrix(tokens, width);
    s.keys = ap::Matrix(tokens, width);
    ap::fillNormal(s.queries, random);
    ap::fillNormal(s.keys, random);
    s.heads = heads;
    return s;
}
