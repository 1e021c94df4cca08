#include "document/head_params_model.h"

#include "document/scene_edits.h"
#include "io/scene_io.h"

#include <QLocale>

#include <algorithm>
#include <tuple>

namespace ui {

HeadParamsModel::HeadParamsModel(SceneDocument* document, HeadParamField field, QObject* parent)
    : QAbstractTableModel(parent), doc_(document), field_(field) {
    reload();
    connect(doc_, &SceneDocument::sceneAboutToChange, this,
            [this](ChangeKind kind, const RowChange&) { aboutToChange(kind); });
    connect(doc_, &SceneDocument::sceneChanged, this, &HeadParamsModel::changed);
    connect(doc_, &QObject::destroyed, this, [this] {
        beginResetModel();
        rows_ = columns_ = 0;
        endResetModel();
    });
}

int HeadParamsModel::clampedHead(int head) const { return doc_ ? std::clamp(head, 0, doc_->scene().heads - 1) : 0; }

void HeadParamsModel::setHead(int head) {
    head = clampedHead(head);
    if (head == head_) return;
    beginResetModel();
    head_ = head;
    reload();
    endResetModel();
}

// Only the shape is kept: data() reads each shown entry from the document,
// so a default of dₕ × dₕ is never written out.
void HeadParamsModel::reload() {
    if (doc_) std::tie(rows_, columns_) = doc_->headParamShape(head_, field_);
}

void HeadParamsModel::aboutToChange(ChangeKind kind) {
    // Numbers-only changes keep every shape; anything else may reshape the
    // parameters (d, heads, a reset of an additive head's da).
    if (kind == ChangeKind::Values) return;
    beginResetModel();
    resetting_ = true;
}

void HeadParamsModel::changed(ChangeKind kind) {
    if (resetting_) {
        resetting_ = false;
        head_ = clampedHead(head_);
        reload();
        endResetModel();
        return;
    }
    if (kind != ChangeKind::Values) return;
    // The view repaints only the cells it shows.
    if (rows_ > 0 && columns_ > 0)
        emit dataChanged(index(0, 0), index(rows_ - 1, columns_ - 1), {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
}

int HeadParamsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }

int HeadParamsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : columns_; }

QVariant HeadParamsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    if (!doc_) return {};
    const float value = doc_->headParamValue(head_, field_, index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole: return QLocale().toString(double(value), 'g', 4);
    case Qt::EditRole: return value;
    case Qt::ToolTipRole: return QString::fromStdString(ap::formatFloat(value));
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

bool HeadParamsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const std::optional<float> number = edits::numberFromVariant(value);
    return number && doc_ &&
           doc_->setHeadParamCell(head_, field_, index.row(), index.column(), *number, SceneDocument::Merge::Never);
}

QVariant HeadParamsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    const int count = orientation == Qt::Horizontal ? columnCount() : rowCount();
    if (section < 0 || section >= count) return {};
    return QString::number(section);
}

Qt::ItemFlags HeadParamsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

}  // namespace ui
