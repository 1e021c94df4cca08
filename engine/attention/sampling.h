// The generator and the draws of the `sample` normalizer (stochastic hard
// attention, Xu et al. 2015, "Show, Attend and Tell", section 4.1). Every
// step is fixed here rather than left to the standard library, whose
// distributions differ between implementations, so that a seed gives the
// same weights on every machine. docs/sampling.md describes it in full.
#pragma once

#include <cstdint>
#include <vector>

namespace ap {

// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
// number generators"): a 64-bit counter advanced by the golden-ratio
// increment, each output the counter passed through the finalizer mix64().
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t state) : state_(state) {}
    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ull;
        return mix64(state_);
    }
    // Uniform in [0, 1): the top 53 bits of next() times 2^-53.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

    static std::uint64_t mix64(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

// The starting state of the stream of (head, row): every row of every head
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
void sampleCounts(const float* probabilities, int n, int samples, std::uint64_t seed, int head,
                  int row, double* cumulative, float* counts, std::vector<int>* draws = nullptr,
                  int keepDraws = 0);

}  // namespace ap
