// The scene the window benchmarks open: `tokens` queries and keys of `width`
// numbers, normal(0, 1) from the engine's generator and `seed`, in `heads`
// heads, values = keys.
#pragma once

#include "core/random.h"
#include "core/scene.h"

#include <cstdint>

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
