#include "analysis/aggregate.h"

namespace ap::analysis {

Status attentionMatrix(const import::AttentionTensor& t, const AttentionChoice& c, Matrix& out,
                       const std::atomic<bool>* cancel) {
    if (c.rollout) {
        RolloutOptions o;
        o.fusion = c.fusion;
        o.cancel = cancel;
        o.lastLayer = c.layer == AttentionChoice::kAll ? -1 : c.layer;
        Result<Matrix> r = attentionRollout(t, o);
        out = std::move(r.value);
        if (!r.ok) out.resize(0, 0);
        return r.ok || r.error.empty() ? Status::success() : Status::error(r.error);
    }
    if (Status s = checkMatrixSize(t, "one matrix"); !s) return s;
    return attentionRows(t, c, 0, t.queries, out, cancel);
}

Status attentionRows(const import::AttentionTensor& t, const AttentionChoice& c, int row0, int rowCount, Matrix& out,
                     const std::atomic<bool>* cancel) {
    if (c.layer != AttentionChoice::kAll && (c.layer < 0 || c.layer >= t.layers))
        return Status::error(t.fileName + ": no layer " + std::to_string(c.layer) + " (the file has " +
                             std::to_string(t.layers) + ")");
    if (c.head != AttentionChoice::kAll && (c.head < 0 || c.head >= t.heads))
        return Status::error(t.fileName + ": no head " + std::to_string(c.head) + " (the file has " +
                             std::to_string(t.heads) + ")");
    const int l0 = c.layer == AttentionChoice::kAll ? 0 : c.layer;
    const int l1 = c.layer == AttentionChoice::kAll ? t.layers : c.layer + 1;
    const int h0 = c.head == AttentionChoice::kAll ? 0 : c.head;
    const int h1 = c.head == AttentionChoice::kAll ? t.heads : c.head + 1;
    Matrix slice;
    int count = 0;
    for (int l = l0; l < l1; ++l)
        for (int h = h0; h < h1; ++h) {
            if (cancel && cancel->load()) {
                out.resize(0, 0);
                return {};
            }
            Status s = t.sliceRows(l, h, row0, rowCount, count == 0 ? out : slice);
            t.releaseRows(l, h, row0, rowCount);
            if (!s) return s;
            if (count++ == 0) continue;
            switch (c.fusion) {
            case HeadFusion::Mean: out += slice; break;
            case HeadFusion::Max: out = out.cwiseMax(slice); break;
            case HeadFusion::Min: out = out.cwiseMin(slice); break;
            }
        }
    if (c.fusion == HeadFusion::Mean && count > 1) out /= float(count);
    return {};
}

std::string describe(const import::AttentionTensor& t, const AttentionChoice& c) {
    const std::string fusion = toString(c.fusion);
    if (c.rollout)
        return c.layer == AttentionChoice::kAll || c.layer == t.layers - 1
                   ? "rollout (" + fusion + " of heads, residual 0.5)"
                   : "rollout through layer " + std::to_string(c.layer) + " (" + fusion + " of heads, residual 0.5)";
    std::string layer = c.layer == AttentionChoice::kAll ? fusion + " of " + std::to_string(t.layers) + " layers"
                                                         : "layer " + std::to_string(c.layer);
    std::string head = c.head == AttentionChoice::kAll ? fusion + " of " + std::to_string(t.heads) + " heads"
                                                       : "head " + std::to_string(c.head);
    return layer + " · " + head;
}

}  // namespace ap::analysis
