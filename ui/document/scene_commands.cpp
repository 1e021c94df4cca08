#include "document/scene_commands.h"

#include "document/scene_edits.h"

#include <utility>

namespace ui {

namespace {

// Calls f(aPart, bPart, scenePart) for every part a patch can set; the one
// list keeps assignTo, swapWith and capture from drifting apart.
template <class F>
void forEachPart(ScenePatch& a, const ScenePatch& b, ap::Scene& s, SceneDocument::Mode& mode, F&& f) {
    f(a.title, b.title, s.title);
    f(a.queryTokens, b.queryTokens, s.queryTokens);
    f(a.keyTokens, b.keyTokens, s.keyTokens);
    f(a.queries, b.queries, s.queries);
    f(a.keys, b.keys, s.keys);
    f(a.values, b.values, s.values);
    f(a.heads, b.heads, s.heads);
    f(a.scoring, b.scoring, s.scoring);
    f(a.headParams, b.headParams, s.headParams);
    f(a.normalization, b.normalization, s.normalization);
    f(a.temperature, b.temperature, s.temperature);
    f(a.topK, b.topK, s.topK);
    f(a.samples, b.samples, s.samples);
    f(a.seed, b.seed, s.seed);
    f(a.mask, b.mask, s.mask);
    f(a.projections, b.projections, s.projections);
    f(a.mode, b.mode, mode);
}

}  // namespace

void ScenePatch::assignTo(ap::Scene& scene, SceneDocument::Mode& mode) const {
    ScenePatch unused;
    forEachPart(unused, *this, scene, mode, [](auto&, const auto& part, auto& target) {
        if (part) target = *part;
    });
}

void ScenePatch::swapWith(ap::Scene& scene, SceneDocument::Mode& mode) {
    forEachPart(*this, ScenePatch{}, scene, mode, [](auto& part, const auto&, auto& target) {
        using std::swap;
        if (part) swap(*part, target);
    });
}

ScenePatch ScenePatch::capture(const ScenePatch& shape, const ap::Scene& scene, SceneDocument::Mode mode) {
    ScenePatch out;
    // Only read: forEachPart takes the scene mutably for swapWith's sake.
    ap::Scene& source = const_cast<ap::Scene&>(scene);
    forEachPart(out, shape, source, mode, [](auto& part, const auto& wanted, const auto& value) {
        if (wanted) part = value;
    });
    return out;
}

PatchCommand::PatchCommand(SceneDocument* doc, ScenePatch before, ScenePatch after, ChangeKind kind, RowChange rows,
                           const QString& text, int mergeId)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)), kind_(kind), rows_(rows), mergeId_(mergeId) {
    setText(text);
}

void PatchCommand::redo() { doc_->applyPatch(after_, kind_, rows_); }

void PatchCommand::undo() { doc_->applyPatch(before_, kind_, rows_.inverse()); }

bool PatchCommand::mergeWith(const QUndoCommand* other) {
    // Only commands of the same id reach here, and those set the same parts,
    // so the newer one's after replaces ours.
    const auto* o = static_cast<const PatchCommand*>(other);
    after_ = o->after_;
    setText(o->text());
    return true;
}

CellCommand::CellCommand(SceneDocument* doc, MatrixRole role, int row, int col, float before, float after, bool mirror,
                         bool mergeable)
    : doc_(doc),
      role_(role),
      row_(row),
      col_(col),
      before_(before),
      after_(after),
      mirror_(mirror),
      mergeable_(mergeable) {
    setText(SceneDocument::tr("Edit %1[%2][%3]").arg(SceneDocument::roleName(role)).arg(row).arg(col));
}

void CellCommand::redo() { doc_->writeCell(role_, row_, col_, after_, mirror_); }

void CellCommand::undo() { doc_->writeCell(role_, row_, col_, before_, mirror_); }

bool CellCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const CellCommand*>(other);
    if (!mergeable_ || !o->mergeable_ || o->role_ != role_ || o->row_ != row_ || o->col_ != col_) return false;
    after_ = o->after_;
    // A drag that ends where it began leaves nothing to undo.
    setObsolete(after_ == before_);
    return true;
}

HeadParamCellCommand::HeadParamCellCommand(SceneDocument* doc, int head, HeadParamField field, int row, int col,
                                           float before, float after, bool mergeable)
    : doc_(doc),
      head_(head),
      field_(field),
      row_(row),
      col_(col),
      before_(before),
      after_(after),
      mergeable_(mergeable) {
    static const char* const names[] = {"W", "Wq", "Wk", "v"};
    const QString name = QString::fromLatin1(names[int(field)]);
    setText(field == HeadParamField::V
                ? SceneDocument::tr("Edit %1[%2] of head %3").arg(name).arg(row).arg(head + 1)
                : SceneDocument::tr("Edit %1[%2][%3] of head %4").arg(name).arg(row).arg(col).arg(head + 1));
}

namespace {

ap::Matrix& fieldMatrix(ap::HeadParams& p, HeadParamField field) {
    return field == HeadParamField::W ? p.W : field == HeadParamField::Wq ? p.Wq : p.Wk;
}

bool fieldEmpty(const ap::HeadParams& p, HeadParamField field) {
    switch (field) {
    case HeadParamField::W: return p.W.size() == 0;
    case HeadParamField::Wq: return p.Wq.size() == 0;
    case HeadParamField::Wk: return p.Wk.size() == 0;
    case HeadParamField::V: return p.v.size() == 0;
    }
    return true;
}

}  // namespace

void HeadParamCellCommand::redo() {
    ap::Scene& s = doc_->scene_;
    const int dh = doc_->headWidth();
    doc_->beginChange(ChangeKind::Values);
    listWasEmpty_ = s.headParams.empty();
    if (listWasEmpty_) s.headParams.resize(std::size_t(s.heads));
    ap::HeadParams& p = s.headParams[std::size_t(head_)];
    fieldWasEmpty_ = fieldEmpty(p, field_);
    switch (field_) {
    case HeadParamField::W:
        if (fieldWasEmpty_) p.W = edits::effectiveW(p, dh);
        p.W(row_, col_) = after_;
        break;
    case HeadParamField::Wq:
    case HeadParamField::Wk:
        if (fieldWasEmpty_)
            fieldMatrix(p, field_) =
                field_ == HeadParamField::Wq ? edits::effectiveWq(p, dh) : edits::effectiveWk(p, dh);
        fieldMatrix(p, field_)(row_, col_) = after_;
        break;
    case HeadParamField::V:
        if (fieldWasEmpty_) p.v = edits::effectiveV(p, dh);
        p.v(row_) = after_;
        break;
    }
    doc_->endChange(ChangeKind::Values);
}

void HeadParamCellCommand::undo() {
    ap::Scene& s = doc_->scene_;
    doc_->beginChange(ChangeKind::Values);
    ap::HeadParams& p = s.headParams[std::size_t(head_)];
    // Commands undo in reverse order, so the field holds its defaults here
    // except for this one cell: dropping it restores exactly the old state.
    if (fieldWasEmpty_) {
        if (field_ == HeadParamField::V)
            p.v.resize(0);
        else
            fieldMatrix(p, field_).resize(0, 0);
    } else if (field_ == HeadParamField::V) {
        p.v(row_) = before_;
    } else {
        fieldMatrix(p, field_)(row_, col_) = before_;
    }
    if (listWasEmpty_) s.headParams.clear();
    doc_->endChange(ChangeKind::Values);
}

bool HeadParamCellCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const HeadParamCellCommand*>(other);
    if (!mergeable_ || !o->mergeable_ || o->head_ != head_ || o->field_ != field_ || o->row_ != row_ || o->col_ != col_)
        return false;
    after_ = o->after_;
    return true;
}

}  // namespace ui
