// Guide distributions for guided alignment training (Chen et al. 2016;
// Garg et al. 2019): for each target word, a distribution over the source
// words it should attend to.
#pragma once

#include "translation/corpus.h"

#include <Eigen/Core>

#include <vector>

namespace ap {

// n x |target| (n = source length): column t is uniform over the source
// words linked to target word t (sure and possible links alike), or all
// zero when the word has no link. Empty when the pair has no links.
Eigen::MatrixXd guideFromLinks(const SentencePair& pair);
Eigen::MatrixXd guideFromLinks(const std::vector<AlignmentLink>& links, int sourceLength, int targetLength);

}  // namespace ap
