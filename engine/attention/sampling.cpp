#include "attention/sampling.h"

#include <algorithm>

namespace ap {

std::uint64_t sampleStreamState(std::uint64_t seed, int head, int row) {
    const std::uint64_t id = (std::uint64_t(std::uint32_t(head)) << 32) | std::uint64_t(std::uint32_t(row));
    return SplitMix64::mix64(SplitMix64::mix64(seed) ^ id);
}

int drawKey(const double* cumulative, int n, double u) {
    const double target = u * cumulative[n - 1];
    const double* hit = std::upper_bound(cumulative, cumulative + n, target);
    if (hit != cumulative + n) return int(hit - cumulative);
    // u * total rounded up to total: take the last key with weight.
    int j = n - 1;
    while (j > 0 && cumulative[j - 1] == cumulative[j]) --j;
    return j;
}

void sampleCounts(const float* probabilities, int n, int samples, std::uint64_t seed, int head, int row,
                  double* cumulative, float* counts, std::vector<int>* draws, int keepDraws) {
    double sum = 0.0;
    for (int j = 0; j < n; ++j) {
        sum += double(probabilities[j]);
        cumulative[j] = sum;
        counts[j] = 0.0f;
    }
    if (draws) draws->clear();
    SplitMix64 gen(sampleStreamState(seed, head, row));
    for (int s = 0; s < samples; ++s) {
        const int j = drawKey(cumulative, n, gen.uniform());
        counts[j] += 1.0f;  // exact: samples <= 2^24
        if (draws && s < keepDraws) draws->push_back(j);
    }
}

}  // namespace ap
