#include "translation/guided_alignment.h"

namespace ap {

Eigen::MatrixXd guideFromLinks(const std::vector<AlignmentLink>& links, int sourceLength, int targetLength) {
    if (links.empty() || sourceLength <= 0 || targetLength <= 0) return {};
    Eigen::MatrixXd guide = Eigen::MatrixXd::Zero(sourceLength, targetLength);
    for (const AlignmentLink& l : links)
        if (l.source >= 0 && l.source < sourceLength && l.target >= 0 && l.target < targetLength)
            guide(l.source, l.target) = 1.0;  // a repeated link counts once
    for (Eigen::Index t = 0; t < guide.cols(); ++t) {
        const double sum = guide.col(t).sum();
        if (sum > 0.0) guide.col(t) /= sum;
    }
    return guide;
}

Eigen::MatrixXd guideFromLinks(const SentencePair& pair) {
    if (!pair.hasGold) return {};
    return guideFromLinks(pair.gold, int(pair.source.size()), int(pair.target.size()));
}

}  // namespace ap
