#include "document/matrix_model.h"

#include "document/scene_edits.h"
#include "io/scene_io.h"

#include <QBrush>
#include <QLocale>

#include <utility>

namespace ui {

MatrixModel::MatrixModel(SceneDocument* document, MatrixRole role, QObject* parent)
    : QAbstractTableModel(parent), doc_(document), role_(role) {
    connect(doc_, &SceneDocument::sceneAboutToChange, this, &MatrixModel::aboutToChange);
    connect(doc_, &SceneDocument::sceneChanged, this, &MatrixModel::changed);
    connect(doc_, &QObject::destroyed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

const ap::Matrix& MatrixModel::matrix() const {
    static const ap::Matrix none;
    return doc_ ? doc_->matrix(role_) : none;
}

int MatrixModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(matrix().rows()); }

int MatrixModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(matrix().cols()); }

QVariant MatrixModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const float value = matrix()(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole: return QLocale().toString(double(value), 'g', 4);
    case Qt::EditRole: return value;
    case Qt::ToolTipRole:
        return tr("%1[%2][%3] = %4")
            .arg(SceneDocument::roleName(role_))
            .arg(index.row())
            .arg(index.column())
            .arg(QString::fromStdString(ap::formatFloat(value)));
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (isHighlighted(index.row(), index.column())) return QBrush(highlightTint());
        if (showsKeys() && doc_ && doc_->isKeyPadded(index.row())) return QBrush(paddingTint());
        return {};
    default: return {};
    }
}

bool MatrixModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || isReadOnly() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::optional<float> number = edits::numberFromVariant(value);
    if (!number) return false;
    // The document signals the change, which emits dataChanged.
    return doc_->setCell(role_, index.row(), index.column(), *number, SceneDocument::Merge::Never);
}

QVariant MatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount() || !doc_) return {};
        if (role == Qt::DisplayRole) return QString::number(section);
        if (role != Qt::ToolTipRole) return {};
        // Head i reads columns [i·w, (i+1)·w) of Q, K (w = d/h) and V (w = dv/h);
        // with an in-projection the columns are inputs, not head dimensions.
        const ap::Scene& s = doc_->scene();
        const ap::Projections& p = s.projections;
        const bool projected = role_ == MatrixRole::Q   ? p.Wq.size() != 0
                               : role_ == MatrixRole::K ? p.Wk.size() != 0
                                                        : p.Wv.size() != 0;
        const int cols = columnCount();
        if (projected || s.heads <= 1 || cols % s.heads != 0) return tr("Dimension %1").arg(section);
        return tr("Dimension %1 (head %2)").arg(section).arg(section / (cols / s.heads) + 1);
    }
    if (section < 0 || section >= rowCount() || !doc_) return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return doc_->tokenLabel(role_, section);
    case Qt::ToolTipRole: {
        const QString label = doc_->tokenLabel(role_, section);
        if (role_ == MatrixRole::Q) return tr("Query %1: “%2”").arg(section).arg(label);
        if (doc_->isKeyPadded(section)) return tr("Key %1: “%2” (padded: no query attends it)").arg(section).arg(label);
        return tr("Key %1: “%2”").arg(section).arg(label);
    }
    default: return {};
    }
}

bool MatrixModel::setHeaderData(int section, Qt::Orientation orientation, const QVariant& value, int role) {
    if (orientation != Qt::Vertical || role != Qt::EditRole || section < 0 || section >= rowCount() || isReadOnly())
        return false;
    return doc_->renameToken(role_, section, value.toString());
}

Qt::ItemFlags MatrixModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    if (!isReadOnly()) f |= Qt::ItemIsEditable;
    return f;
}

bool MatrixModel::concerns(const RowChange& rows) const { return showsKeys() ? rows.keys : rows.queries; }

void MatrixModel::aboutToChange(ChangeKind kind, const RowChange& rows) {
    pending_ = Pending::None;
    if (kind == ChangeKind::Whole || (kind == ChangeKind::Structure && rows.op == RowChange::Op::Reset)) {
        beginResetModel();
        pending_ = Pending::Reset;
        return;
    }
    if (kind != ChangeKind::Structure || !concerns(rows)) return;
    const QModelIndex root;
    switch (rows.op) {
    case RowChange::Op::Insert:
        beginInsertRows(root, rows.row, rows.row + rows.count - 1);
        pending_ = Pending::Insert;
        break;
    case RowChange::Op::Remove:
        beginRemoveRows(root, rows.row, rows.row + rows.count - 1);
        pending_ = Pending::Remove;
        break;
    case RowChange::Op::Move:
        // Qt's destination is the row the moved one goes before, counted
        // before the move.
        if (beginMoveRows(root, rows.row, rows.row, root, rows.to > rows.row ? rows.to + 1 : rows.to))
            pending_ = Pending::Move;
        break;
    case RowChange::Op::Rename:
        pending_ = Pending::Rename;
        pendingRow_ = rows.row;
        break;
    case RowChange::Op::Reset: break;
    }
}

void MatrixModel::changed(ChangeKind kind) {
    const Pending pending = std::exchange(pending_, Pending::None);
    switch (pending) {
    case Pending::Reset: endResetModel(); return;
    case Pending::Insert: endInsertRows(); return;
    case Pending::Remove: endRemoveRows(); return;
    case Pending::Move: endMoveRows(); return;
    case Pending::Rename: emit headerDataChanged(Qt::Vertical, pendingRow_, pendingRow_); return;
    case Pending::None: break;
    }
    if (kind == ChangeKind::Values)
        emitAllChanged({Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    else if (kind == ChangeKind::Settings && showsKeys() && rowCount() > 0) {
        // Key padding: the rows' tint and the header's check boxes.
        emitAllChanged({Qt::BackgroundRole});
        emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    }
}

void MatrixModel::emitAllChanged(const QList<int>& roles) {
    const int rows = rowCount(), cols = columnCount();
    if (rows > 0 && cols > 0) emit dataChanged(index(0, 0), index(rows - 1, cols - 1), roles);
}

}  // namespace ui

namespace ui {

void MatrixModel::setHighlight(int row, int firstColumn, int columns) {
    if (highlight_ && row == highlightRow_ && firstColumn == highlightColumn_ && columns == highlightColumns_) return;
    highlight_ = true;
    highlightRow_ = row;
    highlightColumn_ = firstColumn;
    highlightColumns_ = columns;
    emitAllChanged({Qt::BackgroundRole});
}

void MatrixModel::clearHighlight() {
    if (!highlight_) return;
    highlight_ = false;
    emitAllChanged({Qt::BackgroundRole});
}

bool MatrixModel::isHighlighted(int row, int column) const {
    if (!highlight_) return false;
    if (highlightRow_ >= 0 && row != highlightRow_) return false;
    return column >= highlightColumn_ && (highlightColumns_ < 0 || column < highlightColumn_ + highlightColumns_);
}

}  // namespace ui
