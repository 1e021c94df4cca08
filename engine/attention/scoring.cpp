#include "attention/scoring.h"

#include <algorithm>
#include <cmath>

namespace ap {
namespace {

// Copies each head's block of each row of m scaled to length 1. Dividing by
// the largest magnitude first keeps the squared norm from overflowing or
// underflowing, so any finite nonzero row gets a finite unit row.
void unitHeadRows(const Matrix& m, int heads, Matrix& out, int threads) {
    out.resize(m.rows(), m.cols());
    const Eigen::Index width = m.cols() / heads;
    const Eigen::Index rows = m.rows();
#pragma omp parallel for num_threads(threads) schedule(static)
    for (Eigen::Index r = 0; r < rows; ++r) {
        for (int h = 0; h < heads; ++h) {
            const auto in = m.row(r).segment(h * width, width);
            auto unit = out.row(r).segment(h * width, width);
            const float largest = in.cwiseAbs().maxCoeff();
            if (!(largest > 0.0f) || !std::isfinite(largest)) {
                unit.setZero();
                continue;
            }
            unit = in / largest;
            unit /= unit.norm();
        }
    }
}

}  // namespace

ConstStridedMap headColumns(const Matrix& m, int head, int heads) {
    const Eigen::Index width = m.cols() / heads;
    return ConstStridedMap(m.data() + head * width, m.rows(), width, Eigen::OuterStride<>(m.cols()));
}

void Scorer::prepare(Scoring kind, int heads, const std::vector<HeadParams>& params, const Matrix& q, const Matrix& k,
                     int threads) {
    kind_ = kind;
    heads_ = heads;
    headWidth_ = int(q.cols() / heads);
    q_ = &q;
    k_ = &k;
    scale_ = kind == Scoring::ScaledDot ? 1.0f / std::sqrt(float(headWidth_)) : 1.0f;
    auto paramsOf = [&](int h) -> const HeadParams* { return params.empty() ? nullptr : &params[std::size_t(h)]; };

    if (kind == Scoring::General) {
        bilinear_.assign(std::size_t(heads), nullptr);
        for (int h = 0; h < heads; ++h)
            if (const HeadParams* p = paramsOf(h); p && p->W.size() > 0) bilinear_[std::size_t(h)] = &p->W;
    }

    if (kind == Scoring::Cosine) {
        unitHeadRows(q, heads, unitQ_, threads);
        unitHeadRows(k, heads, unitK_, threads);
    }

    if (kind == Scoring::Additive) {
        const Eigen::Index dh = headWidth_;
        const Eigen::Index keys = k.rows();
        additiveWq_.resize(std::size_t(heads));
        additiveV_.resize(std::size_t(heads));
        additiveKeys_.resize(std::size_t(heads));
        std::vector<Matrix> wk(static_cast<std::size_t>(heads));
        for (int h = 0; h < heads; ++h) {
            const HeadParams* p = paramsOf(h);
            const bool hasWq = p && p->Wq.size() > 0;
            const bool hasWk = p && p->Wk.size() > 0;
            const Eigen::Index da = hasWq ? p->Wq.rows() : hasWk ? p->Wk.rows() : dh;
            const std::size_t i = std::size_t(h);
            additiveWq_[i] = hasWq ? p->Wq : Matrix::Identity(da, dh);
            wk[i] = hasWk ? p->Wk : Matrix::Identity(da, dh);
            additiveV_[i] = p && p->v.size() > 0 ? p->v : Vector::Ones(da);
            additiveKeys_[i].resize(da, keys);
        }
        // Wk K_h^T by blocks of keys so that one head still feeds all threads.
        constexpr Eigen::Index kChunk = 256;
        const Eigen::Index chunks = (keys + kChunk - 1) / kChunk;
        const Eigen::Index units = chunks * heads;
#pragma omp parallel for num_threads(threads) schedule(dynamic)
        for (Eigen::Index u = 0; u < units; ++u) {
            const int h = int(u / chunks);
            const Eigen::Index c0 = (u % chunks) * kChunk;
            const Eigen::Index cw = std::min(kChunk, keys - c0);
            const ConstStridedMap kh = headColumns(k, h, heads);
            additiveKeys_[std::size_t(h)].middleCols(c0, cw).noalias() =
                wk[std::size_t(h)] * kh.middleRows(c0, cw).transpose();
        }
    }
}

void Scorer::score(int head, int firstRow, StridedMap out, ScoringScratch& scratch) const {
    const Eigen::Index rows = out.rows();
    const ConstStridedMap qh = headColumns(*q_, head, heads_);
    const ConstStridedMap kh = headColumns(*k_, head, heads_);
    const auto qBlock = qh.middleRows(firstRow, rows);
    switch (kind_) {
    case Scoring::Dot: out.noalias() = qBlock * kh.transpose(); return;
    case Scoring::ScaledDot:
        // The factor rides on the product (Eigen passes it to the GEMM
        // kernel as alpha), so scaling costs no extra pass.
        out.noalias() = (scale_ * qBlock) * kh.transpose();
        return;
    case Scoring::General: {
        // Luong et al. 2015, eq. 8: q^T W k, as (Q_h W) K_h^T.
        const Matrix* w = bilinear_[std::size_t(head)];
        if (w == nullptr) {
            out.noalias() = qBlock * kh.transpose();
            return;
        }
        Eigen::Map<Matrix> qw(scratch.floats(rows * headWidth_), rows, headWidth_);
        qw.noalias() = qBlock * *w;
        out.noalias() = qw * kh.transpose();
        return;
    }
    case Scoring::Cosine: {
        const ConstStridedMap uq = headColumns(unitQ_, head, heads_);
        const ConstStridedMap uk = headColumns(unitK_, head, heads_);
        out.noalias() = uq.middleRows(firstRow, rows) * uk.transpose();
        return;
    }
    case Scoring::Additive: scoreAdditive(head, firstRow, out, scratch); return;
    }
}

// Bahdanau et al. 2015, eq. 6: score(q, k) = v^T tanh(Wq q + Wk k). With
// A = Q_h Wq^T (rows x da) and B^T = Wk K_h^T (da x Lk, prepared), a row of
// scores is sum_a v_a tanh(A_ia + B^T_a), vectorised over the keys. Keys
// are taken in chunks so that the chunk of B^T stays in cache across the
// block's rows.
void Scorer::scoreAdditive(int head, int firstRow, StridedMap out, ScoringScratch& scratch) const {
    const std::size_t h = std::size_t(head);
    const Matrix& wq = additiveWq_[h];
    const Vector& v = additiveV_[h];
    const Matrix& bt = additiveKeys_[h];
    const Eigen::Index rows = out.rows();
    const Eigen::Index da = wq.rows();
    const Eigen::Index keys = bt.cols();

    const ConstStridedMap qh = headColumns(*q_, head, heads_);
    Eigen::Map<Matrix> a(scratch.floats(rows * da), rows, da);
    a.noalias() = qh.middleRows(firstRow, rows) * wq.transpose();

    const Eigen::Index chunk =
        std::max<Eigen::Index>(64, (Eigen::Index(64 * 1024) / std::max<Eigen::Index>(da, 1)) & ~Eigen::Index(15));
    for (Eigen::Index c0 = 0; c0 < keys; c0 += chunk) {
        const Eigen::Index cw = std::min(chunk, keys - c0);
        for (Eigen::Index i = 0; i < rows; ++i) {
            auto acc = out.row(i).segment(c0, cw).array();
            acc.setZero();
            for (Eigen::Index j = 0; j < da; ++j) acc += v[j] * (bt.row(j).segment(c0, cw).array() + a(i, j)).tanh();
        }
    }
}

}  // namespace ap
