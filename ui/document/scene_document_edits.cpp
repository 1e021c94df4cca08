#include "document/scene_document.h"

#include "document/scene_draft.h"
#include "document/scene_edits.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace ui {

using edits::Side;
using namespace draft;

// --- Matrix edits ----------------------------------------------------------

bool SceneDocument::setCell(MatrixRole role, int row, int col, float value, Merge merge) {
    if (isReadOnly(role) || !std::isfinite(value)) return false;
    const ap::Matrix& m = matrix(role);
    if (row < 0 || row >= m.rows() || col < 0 || col >= m.cols()) return false;
    const float old = m(row, col);
    if (old == value) return true;
    undoStack_->push(new CellCommand(this, role, row, col, old, value, selfAttention() && role == MatrixRole::Q,
                                     merge == Merge::SameCell));
    return true;
}

bool SceneDocument::insertToken(MatrixRole role, int row, const QString& name) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (row < 0 || row > rows || rows >= ap::limits::kMaxTokens) return false;
    const Side side = sideOf(role);
    const char prefix = side == Side::Queries ? 'q' : 'k';
    const std::vector<std::string> labels =
        edits::materializedTokens(side == Side::Queries ? scene_.queryTokens : scene_.keyTokens, rows, prefix);
    const std::string label = name.isEmpty() ? edits::uniqueLabel(labels, prefix) : name.toStdString();
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::insertRows(m, row, 1); },
                  [&](auto& l) { l.insert(l.begin() + row, label); },
                  [&](ap::MaskSpec& m, Side s) { edits::insertInMask(m, s, row, 1); }});
    RowChange rc{RowChange::Op::Insert, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Add query token") : tr("Add key token"));
}

bool SceneDocument::removeToken(MatrixRole role, int row) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (row < 0 || row >= rows || rows <= 1) return false;
    const Side side = sideOf(role);
    const QString label = tokenLabel(role, row);
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::removeRow(m, row); }, [&](auto& l) { l.erase(l.begin() + row); },
                  [&](ap::MaskSpec& m, Side s) { edits::removeFromMask(m, s, row); }});
    RowChange rc{RowChange::Op::Remove, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Remove query token “%1”").arg(label)
                                           : tr("Remove key token “%1”").arg(label));
}

bool SceneDocument::moveToken(MatrixRole role, int from, int to) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (from < 0 || from >= rows || to < 0 || to >= rows || from == to) return false;
    const Side side = sideOf(role);
    const QString label = tokenLabel(role, from);
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::moveRow(m, from, to); },
                  [&](auto& l) {
                      if (from < to)
                          std::rotate(l.begin() + from, l.begin() + from + 1, l.begin() + to + 1);
                      else
                          std::rotate(l.begin() + to, l.begin() + from, l.begin() + from + 1);
                  },
                  [&](ap::MaskSpec& m, Side s) { edits::moveInMask(m, s, from, to); }});
    RowChange rc{RowChange::Op::Move, side == Side::Queries, side == Side::Keys || selfAttention(), from, 1, to};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Move query token “%1”").arg(label)
                                           : tr("Move key token “%1”").arg(label));
}

bool SceneDocument::renameToken(MatrixRole role, int row, const QString& name) {
    if (!tokenEditable(role) || name.isEmpty()) return false;
    if (row < 0 || row >= rowCount(role)) return false;
    const QString old = tokenLabel(role, row);
    if (old == name) return true;
    const Side side = sideOf(role);
    const std::string label = name.toStdString();
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[](ap::Matrix&) {}, [&](auto& l) { l[std::size_t(row)] = label; }, [](ap::MaskSpec&, Side) {}});
    RowChange rc{RowChange::Op::Rename, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Rename query token “%1” to “%2”").arg(old, name)
                                           : tr("Rename key token “%1” to “%2”").arg(old, name));
}

bool SceneDocument::setWidth(MatrixRole role, int width, QString* error) {
    if (isReadOnly(role)) {
        if (error) *error = tr("%1 shows another matrix here; its width follows that one.").arg(roleName(role));
        return false;
    }
    if (width < 1 || width > ap::limits::kMaxWidth) return false;
    if (width == matrix(role).cols()) return true;
    Draft d(scene_, mode_);
    // An input with an in-projection keeps its projected width: the
    // projection's rows follow the input instead.
    const auto resizeInput = [&](ap::Matrix& input, const ap::Matrix& projection,
                                 ap::Matrix& (*projectionOf)(ap::Projections&)) {
        edits::resizeColumns(input, width);
        if (projection.size() != 0) edits::resizeRows(projectionOf(d.projections()), width);
    };
    static constexpr auto wq = [](ap::Projections& p) -> ap::Matrix& { return p.Wq; };
    static constexpr auto wk = [](ap::Projections& p) -> ap::Matrix& { return p.Wk; };
    static constexpr auto wv = [](ap::Projections& p) -> ap::Matrix& { return p.Wv; };
    const ap::Projections& pr = scene_.projections;
    QString text;
    if (role == MatrixRole::V) {
        resizeInput(*d.values(), pr.Wv, wv);
        text = tr("Change width dv to %1").arg(width);
    } else {
        // Q and K change together unless one has an in-projection: then
        // only the edited input does (its projection keeps d).
        const bool both = selfAttention() || (pr.Wq.size() == 0 && pr.Wk.size() == 0);
        if (role == MatrixRole::Q || both) resizeInput(d.queries(), pr.Wq, wq);
        if (role == MatrixRole::K || both) resizeInput(d.keys(), pr.Wk, wk);
        // Without values V is the keys' input, which Wv reads.
        if (!scene_.values && (role == MatrixRole::K || both) && pr.Wv.size() != 0)
            edits::resizeRows(d.projections().Wv, width);
        text = tr("Change width d to %1").arg(width);
    }
    d.fitDerived();
    return pushPatch(d.take(), ChangeKind::Structure, {}, text, error);
}

bool SceneDocument::fillRandom(MatrixRole role, std::uint32_t seed) {
    if (isReadOnly(role)) return false;
    const ap::Matrix& m = matrix(role);
    ap::Matrix random = edits::randomNormal(int(m.rows()), int(m.cols()), seed);
    Draft d(scene_, mode_);
    ScenePatch& p = d.patch();
    if (role == MatrixRole::Q && selfAttention()) p.keys = random;
    switch (role) {
    case MatrixRole::Q: p.queries = std::move(random); break;
    case MatrixRole::K: p.keys = std::move(random); break;
    case MatrixRole::V: p.values = std::optional<ap::Matrix>(std::move(random)); break;
    }
    return pushPatch(d.take(), ChangeKind::Values, {},
                     tr("Fill %1 with random numbers (seed %2)").arg(roleName(role)).arg(seed));
}

bool SceneDocument::pasteBlock(MatrixRole role, int topRow, int leftCol, const QString& text, QString* error) {
    const auto fail = [&](const QString& message) {
        if (error) *error = message;
        return false;
    };
    if (isReadOnly(role))
        return fail(tr("%1 shows another matrix here and cannot be pasted into.").arg(roleName(role)));
    const ap::Matrix& m = matrix(role);
    if (topRow < 0 || topRow >= m.rows() || leftCol < 0 || leftCol >= m.cols())
        return fail(tr("Choose a cell of %1 to paste into.").arg(roleName(role)));
    edits::Block block;
    if (!edits::parseBlock(text, &block, error)) return false;
    int blockWidth = 0;
    for (const auto& row : block) {
        // Spreadsheets may end rows with empty cells; only numbers count.
        int w = int(row.size());
        while (w > 0 && !row[std::size_t(w - 1)]) --w;
        blockWidth = std::max(blockWidth, w);
    }
    if (leftCol + blockWidth > m.cols())
        return fail(tr("The block is %1 columns wide, but from column %2 only %3 fit in %4. "
                       "Widen %4 first.")
                        .arg(blockWidth)
                        .arg(leftCol)
                        .arg(m.cols() - leftCol)
                        .arg(roleName(role)));
    const int needed = topRow + int(block.size());
    if (needed > ap::limits::kMaxTokens)
        return fail(tr("The block would give %1 more than %2 tokens.").arg(roleName(role)).arg(ap::limits::kMaxTokens));

    Draft d(scene_, mode_);
    const Side side = sideOf(role);
    const int grow = needed - int(m.rows());
    if (grow > 0) {
        const int at = int(m.rows());
        const char prefix = side == Side::Queries ? 'q' : 'k';
        applyTokenOp(d, side,
                     {[&](ap::Matrix& x) { edits::insertRows(x, at, grow); },
                      [&](auto& l) {
                          for (int i = 0; i < grow; ++i) l.push_back(edits::uniqueLabel(l, prefix));
                      },
                      [&](ap::MaskSpec& x, Side s) { edits::insertInMask(x, s, at, grow); }});
    }
    ap::Matrix& target = role == MatrixRole::Q ? d.queries() : role == MatrixRole::K ? d.keys() : *d.values();
    for (std::size_t i = 0; i < block.size(); ++i)
        for (std::size_t j = 0; j < block[i].size(); ++j)
            if (block[i][j]) target(topRow + int(i), leftCol + int(j)) = *block[i][j];
    if (role == MatrixRole::Q && selfAttention()) d.keys() = d.cqueries();
    return pushPatch(d.take(), grow > 0 ? ChangeKind::Structure : ChangeKind::Values, {},
                     tr("Paste into %1").arg(roleName(role)), error);
}

}  // namespace ui
