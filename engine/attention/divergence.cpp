#include "attention/divergence.h"

#include <cmath>

namespace ap {

double jensenShannon(const float* p, const float* q, int n) {
    double sum = 0.0;
    for (int j = 0; j < n; ++j) {
        const double a = p[j] > 0.0f ? double(p[j]) : 0.0;
        const double b = q[j] > 0.0f ? double(q[j]) : 0.0;
        const double m = 0.5 * (a + b);
        if (a > 0.0) sum += 0.5 * a * std::log2(a / m);
        if (b > 0.0) sum += 0.5 * b * std::log2(b / m);
    }
    return sum < 0.0 ? 0.0 : sum;  // rounding can leave -1e-17 for equal rows
}

bool compareRows(const Matrix& a, const Matrix& b, RowDifferences& out) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    out.difference = b - a;
    out.jensenShannon.resize(std::size_t(a.rows()));
    out.maxAbsDifference.resize(std::size_t(a.rows()));
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        out.jensenShannon[std::size_t(i)] = jensenShannon(a.row(i).data(), b.row(i).data(), int(a.cols()));
        out.maxAbsDifference[std::size_t(i)] = a.cols() ? double(out.difference.row(i).cwiseAbs().maxCoeff()) : 0.0;
    }
    return true;
}

}  // namespace ap
