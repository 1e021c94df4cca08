// The engine's random numbers. Every step from seed to number is fixed here
// rather than left to the standard library, whose distributions (and
// std::shuffle) differ between implementations, so that a seed gives the
// same data, parameters and draws on every machine.
//   Random      std::mt19937_64 (fully specified by the standard) turned
//               into uniforms, whole numbers and normals by hand;
//   SplitMix64  a tiny generator whose state is one number, for streams
//               that must be derived from (seed, position);
//   shuffle()   Fisher-Yates over either;
//   fillNormal() a matrix of normals, drawn in storage order.
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace ap {

// Uniform on [0, 1) from the top 53 bits of a 64-bit draw.
inline double unitInterval(std::uint64_t bits) { return double(bits >> 11) * 0x1.0p-53; }

// Whole number in [0, n), n > 0, from a 64-bit draw (Lemire's multiply-shift:
// no modulo bias worth the name, below 2^-64 * n).
inline std::uint64_t belowFrom(std::uint64_t bits, std::uint64_t n) {
    return std::uint64_t((static_cast<unsigned __int128>(bits) * n) >> 64);
}

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    // Independent streams of one seed (one per head, say), via std::seed_seq,
    // whose output the standard also fixes.
    Random(std::uint64_t seed, std::uint64_t stream);

    std::uint64_t next() { return engine_(); }
    // Uniform on [0, 1).
    double uniform() { return unitInterval(engine_()); }
    // Uniform on [-bound, bound).
    double symmetric(double bound) { return (2.0 * uniform() - 1.0) * bound; }
    // 0 or 1 with equal probability.
    int bit() { return int(engine_() >> 63); }
    // Whole number in [0, n), n > 0.
    std::uint64_t below(std::uint64_t n) { return belowFrom(engine_(), n); }
    // Standard normal by the Box-Muller transform (Box & Muller 1958), both
    // values of a pair used in turn.
    double normal();

private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

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
    // Uniform in [0, 1).
    double uniform() { return unitInterval(next()); }
    // Whole number in [0, n), n > 0.
    std::uint64_t below(std::uint64_t n) { return belowFrom(next(), n); }

    static std::uint64_t mix64(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

// Fisher-Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P): from the last
// element down, each swapped with one drawn uniformly from those not yet
// placed. Generator is Random or SplitMix64.
template <class T, class Generator>
void shuffle(std::vector<T>& items, Generator& generator) {
    for (std::size_t i = items.size(); i > 1; --i) {
        using std::swap;
        swap(items[i - 1], items[std::size_t(generator.below(i))]);
    }
}

// Sets every coefficient of `m` to scale * (a standard normal draw), in
// storage order, so that a seed gives the same matrix on every machine.
template <class Derived>
void fillNormal(Eigen::PlainObjectBase<Derived>& m, Random& random, double scale = 1.0) {
    using Scalar = typename Derived::Scalar;
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = Scalar(scale * random.normal());
}

}  // namespace ap
