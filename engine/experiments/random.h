// The experiments' random numbers: std::mt19937_64 (fully specified by the
// standard) turned into uniforms and normals by hand, because the std
// distributions differ between standard libraries and a seed must give the
// same data set and the same initial parameters everywhere.
#pragma once

#include <cstdint>
#include <random>

namespace ap {

class ExperimentRandom {
public:
    explicit ExperimentRandom(std::uint64_t seed) : engine_(seed) {}

    // Uniform on [0, 1) from the top 53 bits.
    double uniform() { return double(engine_() >> 11) * 0x1.0p-53; }
    // Uniform on [-bound, bound).
    double symmetric(double bound) { return (2.0 * uniform() - 1.0) * bound; }
    // 0 or 1 with equal probability.
    int bit() { return int(engine_() >> 63); }
    // Whole number in [0, n), n > 0 (Lemire's multiply-shift; the bias is
    // below 2^-64 * n and irrelevant for shuffling).
    std::uint64_t below(std::uint64_t n) {
        return std::uint64_t((static_cast<unsigned __int128>(engine_()) * n) >> 64);
    }
    // Standard normal by the Box-Muller transform (Box & Muller 1958), both
    // values of a pair used in turn.
    double normal();

private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

}  // namespace ap
