// The five scoring functions of docs/math.md, per head, for a block of
// query rows at a time so that the attention loop can normalize each block
// while its scores are still in cache.
#pragma once

#include "core/scene.h"

#include <vector>

namespace ap {

// Row-major views with a row stride: a head's column block of Q, K or V, or
// a block of rows of a result matrix, without copying.
using StridedMap = Eigen::Map<Matrix, Eigen::Unaligned, Eigen::OuterStride<>>;
using ConstStridedMap = Eigen::Map<const Matrix, Eigen::Unaligned, Eigen::OuterStride<>>;

// Columns [head * w, (head + 1) * w) of m, w = m.cols() / heads.
ConstStridedMap headColumns(const Matrix& m, int head, int heads);

// Working memory of one thread for score(); it only grows.
class ScoringScratch {
public:
    float* floats(Eigen::Index n) {
        if (Eigen::Index(values_.size()) < n) values_.resize(std::size_t(n));
        return values_.data();
    }

private:
    std::vector<float> values_;
};

// A scoring function bound to Q and K (after projections) and to the
// per-head parameters, with what every block of rows shares precomputed.
class Scorer {
public:
    // q: Lq x d, k: Lk x d; heads divides d; params is empty or has `heads`
    // entries, each with the documented defaults where its matrices are empty. q, k
    // and params must outlive the scorer. `threads` workers share the
    // precomputation.
    void prepare(Scoring kind, int heads, const std::vector<HeadParams>& params, const Matrix& q, const Matrix& k,
                 int threads);

    // Raw scores (before temperature and mask) of `head` for the query rows
    // [firstRow, firstRow + out.rows()) against all keys; out has Lk columns.
    void score(int head, int firstRow, StridedMap out, ScoringScratch& scratch) const;

private:
    void scoreAdditive(int head, int firstRow, StridedMap out, ScoringScratch& scratch) const;

    Scoring kind_ = Scoring::ScaledDot;
    int heads_ = 1;
    int headWidth_ = 0;
    float scale_ = 1.0f;
    const Matrix* q_ = nullptr;
    const Matrix* k_ = nullptr;
    // general: W per head; empty = identity, which makes it a dot product.
    std::vector<const Matrix*> bilinear_;
    // additive (Bahdanau et al. 2015, eq. 6, v^T tanh(Wq q + Wk k)): Wq and
    // v per head with defaults filled in, and Wk K_h^T (da x Lk) per head,
    // which every query row reuses.
    std::vector<Matrix> additiveWq_;
    std::vector<Vector> additiveV_;
    std::vector<Matrix> additiveKeys_;
    // cosine: each head's block of Q and K with its rows scaled to length 1
    // (zero rows stay zero, which gives the documented score 0).
    Matrix unitQ_;
    Matrix unitK_;
};

}  // namespace ap
