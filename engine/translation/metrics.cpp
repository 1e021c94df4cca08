#include "translation/metrics.h"

#include <cmath>
#include <map>

#include <algorithm>
#include <set>
#include <utility>

namespace ap {

AlignmentCounts& AlignmentCounts::operator+=(const AlignmentCounts& o) {
    predicted += o.predicted;
    sure += o.sure;
    predictedSure += o.predictedSure;
    predictedPossible += o.predictedPossible;
    return *this;
}

double AlignmentCounts::aer() const {
    const long long denominator = predicted + sure;
    if (denominator == 0) return 0.0;
    return 1.0 - double(predictedSure + predictedPossible) / double(denominator);
}

AlignmentCounts alignmentCounts(const std::vector<AlignmentLink>& predicted, const std::vector<AlignmentLink>& gold) {
    using Link = std::pair<int, int>;
    std::set<Link> a, s, p;
    for (const AlignmentLink& l : predicted) a.insert({l.source, l.target});
    for (const AlignmentLink& l : gold) {
        p.insert({l.source, l.target});  // S ⊆ P: a sure link is also possible
        if (l.sure) s.insert({l.source, l.target});
    }
    AlignmentCounts c;
    c.predicted = (long long)a.size();
    c.sure = (long long)s.size();
    for (const Link& l : a) {
        c.predictedSure += s.count(l);
        c.predictedPossible += p.count(l);
    }
    return c;
}

double alignmentErrorRate(const std::vector<AlignmentLink>& predicted, const std::vector<AlignmentLink>& gold) {
    return alignmentCounts(predicted, gold).aer();
}

std::vector<AlignmentLink> argmaxAlignment(const Matrix& weights, int rows) {
    std::vector<AlignmentLink> links;
    rows = std::min(rows, int(weights.rows()));
    for (int t = 0; t < rows; ++t) {
        int best = -1;
        float bestWeight = 0.0f;
        for (int j = 0; j < int(weights.cols()); ++j)
            if (weights(t, j) > bestWeight) {  // strict: ties keep the lowest column
                best = j;
                bestWeight = weights(t, j);
            }
        if (best >= 0) links.push_back({best, t, true});
    }
    return links;
}

int matchingTokens(const std::vector<std::string>& predicted, const std::vector<std::string>& reference) {
    int matched = 0;
    const std::size_t n = std::min(predicted.size(), reference.size());
    for (std::size_t i = 0; i < n; ++i) matched += predicted[i] == reference[i];
    return matched;
}

double tokenAccuracy(long long matched, long long total) { return total > 0 ? double(matched) / double(total) : 0.0; }

bool exactMatch(const std::vector<std::string>& predicted, const std::vector<std::string>& reference) {
    return predicted == reference;
}

BleuCounts& BleuCounts::operator+=(const BleuCounts& o) {
    for (int n = 0; n < 4; ++n) {
        matched[n] += o.matched[n];
        total[n] += o.total[n];
    }
    candidateLength += o.candidateLength;
    referenceLength += o.referenceLength;
    return *this;
}

double BleuCounts::bleu() const {
    if (candidateLength == 0 || total[0] == 0 || matched[0] == 0) return 0.0;
    double logSum = std::log(double(matched[0]) / double(total[0]));
    for (int n = 1; n < 4; ++n) logSum += std::log(double(matched[n] + 1) / double(total[n] + 1));
    const double brevity =
        candidateLength > referenceLength ? 1.0 : std::exp(1.0 - double(referenceLength) / double(candidateLength));
    return brevity * std::exp(logSum / 4.0);
}

BleuCounts bleuCounts(const std::vector<std::string>& candidate, const std::vector<std::string>& reference) {
    BleuCounts counts;
    counts.candidateLength = (long long)candidate.size();
    counts.referenceLength = (long long)reference.size();
    for (std::size_t n = 1; n <= 4; ++n) {
        std::map<std::vector<std::string>, int> referenceGrams;
        for (std::size_t i = 0; i + n <= reference.size(); ++i)
            ++referenceGrams[std::vector<std::string>(reference.begin() + long(i), reference.begin() + long(i + n))];
        for (std::size_t i = 0; i + n <= candidate.size(); ++i) {
            ++counts.total[n - 1];
            auto it = referenceGrams.find(
                std::vector<std::string>(candidate.begin() + long(i), candidate.begin() + long(i + n)));
            if (it != referenceGrams.end() && it->second > 0) {
                --it->second;  // clipping
                ++counts.matched[n - 1];
            }
        }
    }
    return counts;
}

}  // namespace ap
