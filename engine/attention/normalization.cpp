#include "attention/normalization.h"
#include "core/softmax.h"

#include "attention/sampling.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>

namespace ap {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;

static_assert(sizeof(bool) == 1, "masks are scanned as bytes");

inline bool masked(const bool* mask, int j) { return mask != nullptr && mask[j]; }

// A NaN score expresses no preference for its key, so it ranks below every
// number; this keeps each normalizer total and its output free of NaN.
inline float rankable(float s) { return std::isnan(s) ? -kInf : s; }

// Kept finite so that the row maximum, scaled, is 0 rather than 0 * inf.
float inverseTemperature(float t) {
    const float inv = 1.0f / t;
    return std::isfinite(inv) ? inv : std::numeric_limits<float>::max();
}

void zeroRange(float* w, int from, int to) {
    if (to > from) std::memset(w + from, 0, sizeof(float) * std::size_t(to - from));
}

// Divides the marked weights (w_j > 0) by their sum. Callers guarantee at
// least one weight of 1 (the row maximum), so the sum is >= 1.
void scaleToOne(float* w, int end) {
    ArrayMap y(w, end);
    y *= 1.0f / y.sum();
}

// The limit of every normalizer when the row maximum is infinite: the mass
// goes evenly to the unmasked keys at that maximum (with +inf they outrank
// all finite keys; with -inf every unmasked key is tied).
void uniformAtValue(const float* s, const bool* mask, float* w, int n, int end, float value) {
    for (int j = 0; j < end; ++j) w[j] = !masked(mask, j) && rankable(s[j]) == value ? 1.0f : 0.0f;
    scaleToOne(w, end);
    zeroRange(w, end, n);
}

float unmaskedMax(const float* s, const bool* mask, int end) {
    float m = -kInf;
    for (int j = 0; j < end; ++j)
        if (!masked(mask, j)) m = std::max(m, rankable(s[j]));
    return m;
}

// Scalar softmax for rows whose scores are not all finite. Same formula as
// the fast path: exp((s - max) / T) / sum.
void softmaxScalar(const float* s, const bool* mask, float* w, int n, int end, float invT) {
    const float m = unmaskedMax(s, mask, end);
    if (!std::isfinite(m)) return uniformAtValue(s, mask, w, n, end, m);
    for (int j = 0; j < end; ++j) w[j] = masked(mask, j) ? 0.0f : std::exp((rankable(s[j]) - m) * invT);
    scaleToOne(w, end);
    zeroRange(w, end, n);
}

// exp(s/T) / sum exp(s/T) with the row maximum subtracted first, vectorised
// over the row. A masked key inside [0, end) enters as -inf and is zeroed
// afterwards, because Eigen's exp clamps its argument and returns a tiny
// positive number for -inf.
void softmax(const float* s, const bool* mask, float* w, int n, RowExtent ext, float invT, RowScratch& scratch) {
    const int end = ext.end;
    const float* x = s;
    if (!ext.dense) {
        float* t = scratch.floats(end);
        for (int j = 0; j < end; ++j) t[j] = mask[j] ? -kInf : s[j];
        x = t;
    }
    if (!ap::softmax(ConstArrayMap(x, end), invT, ArrayMap(w, end))) return softmaxScalar(s, mask, w, n, end, invT);
    // The masked keys' tiny exp values are far below the rounding of a sum
    // that is at least 1 (the maximum's term), so zeroing them after the
    // division leaves every other weight as it would be.
    if (!ext.dense)
        for (int j = 0; j < end; ++j) w[j] = mask[j] ? 0.0f : w[j];
    zeroRange(w, end, n);
}

// Hard attention: one-hot at the first largest unmasked score. Temperature
// does not move the argmax.
void hard(const float* s, const bool* mask, float* w, int n, int end) {
    int best = -1;
    float bestValue = -kInf;
    for (int j = 0; j < end; ++j) {
        if (masked(mask, j)) continue;
        const float v = rankable(s[j]);
        if (best < 0 || v > bestValue) {
            best = j;
            bestValue = v;
        }
    }
    zeroRange(w, 0, n);
    w[best] = 1.0f;
}

// Softmax restricted to the k largest unmasked scores. The k-th largest
// value is found with nth_element; among keys tied at it, the lowest
// indices are kept until k keys are chosen.
void topK(const float* s, const bool* mask, float* w, int n, RowExtent ext, float invT, int k, RowScratch& scratch) {
    const int end = ext.end;
    float* values = scratch.floats(end);
    int count = 0;
    for (int j = 0; j < end; ++j)
        if (!masked(mask, j)) values[count++] = rankable(s[j]);
    if (k >= count) return softmax(s, mask, w, n, ext, invT, scratch);

    std::nth_element(values, values + (k - 1), values + count, std::greater<float>());
    const float threshold = values[k - 1];
    const float m = *std::max_element(values, values + k);
    int above = 0;
    for (int r = 0; r < count; ++r) above += values[r] > threshold;
    int tiedQuota = k - above;

    for (int j = 0; j < end; ++j) {
        w[j] = 0.0f;
        if (masked(mask, j)) continue;
        const float v = rankable(s[j]);
        bool chosen = v > threshold;
        if (!chosen && v == threshold && tiedQuota > 0) {
            chosen = true;
            --tiedQuota;
        }
        if (!chosen) continue;
        if (std::isfinite(m))
            w[j] = std::exp((v - m) * invT);
        else
            w[j] = v == m ? 1.0f : 0.0f;
    }
    scaleToOne(w, end);
    zeroRange(w, end, n);
}

// Sparsemax, Martins & Astudillo 2016, Algorithm 1: sort z descending, take
// the support size k(z) = max{k : 1 + k z_(k) > sum_{r<=k} z_(r)}, the
// threshold tau = (sum_{r<=k(z)} z_(r) - 1) / k(z), and p = max(z - tau, 0).
// z = (s - max) / T keeps z_(1) = 0, so the support is never empty and
// float32 scores far from 0 lose no precision.
void sparsemax(const float* s, const bool* mask, float* w, int n, int end, float invT, RowScratch& scratch) {
    const float m = unmaskedMax(s, mask, end);
    if (!std::isfinite(m)) return uniformAtValue(s, mask, w, n, end, m);
    float* z = scratch.floats(end);
    int count = 0;
    for (int j = 0; j < end; ++j)
        if (!masked(mask, j)) z[count++] = (rankable(s[j]) - m) * invT;
    const double tau = sparsemaxThreshold(z, count).tau;
    for (int j = 0; j < end; ++j) {
        if (masked(mask, j)) {
            w[j] = 0.0f;
            continue;
        }
        const double p = double((rankable(s[j]) - m) * invT) - tau;
        w[j] = p > 0.0 ? float(p) : 0.0f;
    }
    zeroRange(w, end, n);
}

// Stochastic hard attention (Xu et al. 2015, section 4.1): `samples` draws
// from softmax(s/T) over the unmasked keys, weight = count / samples. The
// probabilities are the softmax normalizer's own, so that the expected
// weights are exactly the softmax weights of the same row.
void sample(const float* s, const bool* mask, float* w, int n, RowExtent ext, float invT,
            const NormalizationParams& params, RowId id, RowScratch& scratch) {
    softmax(s, mask, w, n, ext, invT, scratch);
    const int end = ext.end;
    double* cumulative = scratch.doubles(end);
    // Counts overwrite the probabilities in place: each p_j is read into the
    // cumulative sum before its slot is cleared.
    sampleCounts(w, end, params.samples, params.seed, id.head, id.row, cumulative, w);
    const double n_ = double(params.samples);
    for (int j = 0; j < end; ++j) w[j] = float(double(w[j]) / n_);
}

}  // namespace

RowExtent rowExtent(const bool* mask, int n) {
    if (mask == nullptr) return {n, true};
    int end = n;
    // Masked tails (causal rows, trailing padding) are long: skip 8 at a time.
    constexpr std::uint64_t kAllMasked = 0x0101010101010101ull;
    while (end >= 8) {
        std::uint64_t word;
        std::memcpy(&word, mask + end - 8, 8);
        if (word != kAllMasked) break;
        end -= 8;
    }
    while (end > 0 && mask[end - 1]) --end;
    const bool dense = end == 0 || std::memchr(mask, 1, std::size_t(end)) == nullptr;
    return {end, dense};
}

bool normalizeRow(const NormalizationParams& params, const float* scores, const bool* mask, float* weights, int n,
                  RowScratch& scratch, RowId id) {
    return normalizeRow(params, scores, mask, weights, n, rowExtent(mask, n), scratch, id);
}

bool normalizeRow(const NormalizationParams& params, const float* scores, const bool* mask, float* weights, int n,
                  RowExtent extent, RowScratch& scratch, RowId id) {
    if (extent.end <= 0) {
        zeroRange(weights, 0, n);
        return false;
    }
    const float invT = inverseTemperature(params.temperature);
    switch (params.kind) {
    case Normalization::Softmax: softmax(scores, mask, weights, n, extent, invT, scratch); break;
    case Normalization::Hard: hard(scores, mask, weights, n, extent.end); break;
    case Normalization::TopK: topK(scores, mask, weights, n, extent, invT, std::max(params.topK, 1), scratch); break;
    case Normalization::Sparsemax: sparsemax(scores, mask, weights, n, extent.end, invT, scratch); break;
    case Normalization::Sample: sample(scores, mask, weights, n, extent, invT, params, id, scratch); break;
    }
    return true;
}

}  // namespace ap
