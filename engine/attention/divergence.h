// Comparing two attention maps row by row: the Jensen-Shannon divergence
// between the two weight rows of a query and the largest absolute
// difference.
#pragma once

#include "core/scene.h"

#include <vector>

namespace ap {

// JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q) / 2 (Lin 1991,
// "Divergence measures based on the Shannon entropy", eq. 4.1), with base-2
// logarithms so that it lies in [0, 1]: 0 for equal rows, 1 for rows with
// disjoint supports. Terms with p_j = 0 add 0. The rows are used as given
// (attention rows sum to 1; a fully masked row is all 0 and adds nothing).
double jensenShannon(const float* p, const float* q, int n);

struct RowDifferences {
    std::vector<double> jensenShannon;  // one per row
    std::vector<double> maxAbsDifference;
    Matrix difference;  // b - a
};

// a and b must have the same shape; returns false otherwise.
bool compareRows(const Matrix& a, const Matrix& b, RowDifferences& out);

}  // namespace ap
