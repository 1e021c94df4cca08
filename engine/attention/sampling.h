// The generator and the draws of the `sample` normalizer (stochastic hard
// attention, Xu et al. 2015, "Show, Attend and Tell", section 4.1). Every
// step is fixed here rather than left to the standard library, whose
// distributions differ between implementations, so that a seed gives the
// same weights on every machine. docs/sampling.md describes it in full.
#pragma once

#include "core/random.h"

#include <cstdint>
#include <vector>

namespace ap {

// The starting state of the SplitMix64 stream (core/random.h) of (head, row): every row of every head
// has its own stream, so rows can be normalized in any order, on any number
// of threads, with the same draws.
// state = mix64(mix64(seed) ^ (head * 2^32 + row)).
std::uint64_t sampleStreamState(std::uint64_t seed, int head, int row);

// One draw by inversion: with cumulative[j] = p_0 + ... + p_j (summed in
// double, in key order, over n keys), returns the first j with
// cumulative[j] > u * cumulative[n-1]. Keys with p_j = 0 (masked ones
// included) are never returned. n >= 1 and cumulative[n-1] > 0.
int drawKey(const double* cumulative, int n, double u);

// The whole row: writes cumulative sums of the n probabilities, makes
// `samples` draws from the stream of (seed, head, row), and returns counts
// (n entries). When `draws` is non-null it receives the first `keepDraws`
// drawn keys in order.
void sampleCounts(const float* probabilities, int n, int samples, std::uint64_t seed, int head, int row,
                  double* cumulative, float* counts, std::vector<int>* draws = nullptr, int keepDraws = 0);

}  // namespace ap
