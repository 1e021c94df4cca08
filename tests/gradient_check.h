// The gradient check every experiment test shares: central finite
// differences against the hand-written gradient, block by block.
#pragma once

#include <Eigen/Core>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {

using Eigen::Index;
using Eigen::VectorXd;

struct Block {
    std::string name;
    Index offset;
    Index size;
};

// Per block, the relative error |analytic - numeric| / max(|analytic|,
// |numeric|) of central differences (f(x + h) - f(x - h)) / 2h with
// h = 1e-5 (1 + |x|). In double the truncation error is O(h^2) ~ 1e-10 and
// the rounding error ~ 1e-16 |f| / h = 1e-11 |f|, so 1e-6 holds for any
// correct gradient, while a wrong term (missing factor, transposed matrix)
// gives errors of order 1. A block whose gradient is tiny beside f (near
// one-hot weights) is measured against 1e-4 |f| instead: there the rounding
// alone, which depends on the summation order the CPU's vector width picks,
// would exceed 1e-6 of the block, while a wrong term still errs by ~1e-1.
// A block whose gradients are both exactly zero passes.
void expectGradient(const std::function<double(const VectorXd&)>& f, VectorXd x, const VectorXd& analytic,
                    const std::vector<Block>& blocks, const std::string& what, double tolerance = 1e-6) {
    ASSERT_EQ(analytic.size(), x.size());
    VectorXd numeric(x.size());
    const double floor = 1e-4 * std::abs(f(x));
    for (Index i = 0; i < x.size(); ++i) {
        const double original = x(i);
        const double h = 1e-5 * (1.0 + std::abs(original));
        x(i) = original + h;
        const double plus = f(x);
        x(i) = original - h;
        const double minus = f(x);
        x(i) = original;
        numeric(i) = (plus - minus) / (2.0 * h);
    }
    for (const Block& b : blocks) {
        const VectorXd a = analytic.segment(b.offset, b.size);
        const VectorXd n = numeric.segment(b.offset, b.size);
        const double scale = std::max(a.norm(), n.norm());
        const double error = scale > 1e-12 ? (a - n).norm() / std::max(scale, floor) : 0.0;
        EXPECT_LT(error, tolerance) << what << ": block " << b.name << " |analytic| = " << a.norm()
                                    << " |numeric| = " << n.norm();
    }
}

}  // namespace
