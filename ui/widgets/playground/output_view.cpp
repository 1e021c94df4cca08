#include "widgets/playground/output_view.h"

#include "widgets/common/value_text.h"

#include <QAction>
#include <QApplication>
#include <QBrush>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QColor>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <charconv>

namespace ui {
namespace {

QString shortestText(float v) {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, int(res.ptr - buf));
}

const QColor kFullyMaskedText(0xb0, 0x00, 0x20);  // as the heatmap's row labels

}  // namespace

void OutputModel::setOutput(const ap::Matrix& output, const QStringList& rowLabels, std::vector<int> fullyMaskedRows) {
    std::vector<bool> fully(size_t(output.rows()), false);
    for (int r : fullyMaskedRows)
        if (r >= 0 && r < output.rows()) fully[size_t(r)] = true;
    // A live edit keeps the shape: update in place so that the view keeps
    // its scroll position, selection and column widths.
    if (output.rows() == output_.rows() && output.cols() == output_.cols()) {
        const bool headersChanged = rowLabels != rowLabels_ || fully != fullyMasked_;
        output_ = output;
        rowLabels_ = rowLabels;
        fullyMasked_ = std::move(fully);
        if (output_.size() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                             {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole});
        if (headersChanged && rowCount() > 0) emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
        return;
    }
    beginResetModel();
    output_ = output;
    rowLabels_ = rowLabels;
    fullyMasked_ = std::move(fully);
    endResetModel();
}

bool OutputModel::isFullyMasked(int row) const {
    return row >= 0 && row < int(fullyMasked_.size()) && fullyMasked_[size_t(row)];
}

int OutputModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(output_.rows()); }

int OutputModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(output_.cols()); }

QVariant OutputModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const float v = output_(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole: return QString::number(double(v), 'g', 4);
    case Qt::EditRole:  // the exact number, for copying and for scripts
        return v;
    case Qt::ToolTipRole: {
        // Six significant digits: more would show float noise; Ctrl+C and
        // the edit role give the exact number.
        QString text = exactValueText(v);
        if (isFullyMasked(index.row())) text += QLatin1Char('\n') + tr("all keys masked: weights and context are 0");
        return text;
    }
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole: return isFullyMasked(index.row()) ? QVariant(QBrush(Qt::gray)) : QVariant();
    default: return {};
    }
}

QVariant OutputModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount()) return {};
        if (role == Qt::DisplayRole) return QString::number(section);
        if (role == Qt::ToolTipRole)
            return tr("output column %1: the contexts Σⱼ wᵢⱼ vⱼ of the heads side by side "
                      "(then · W_o where the scene has it)")
                .arg(section);
        return {};
    }
    if (section < 0 || section >= rowCount()) return {};
    switch (role) {
    case Qt::DisplayRole: return rowLabels_.value(section, QStringLiteral("q%1").arg(section));
    case Qt::ForegroundRole: return isFullyMasked(section) ? QVariant(QBrush(kFullyMaskedText)) : QVariant();
    case Qt::ToolTipRole:
        return isFullyMasked(section) ? QVariant(tr("all keys masked: weights and context are 0")) : QVariant();
    default: return {};
    }
}

Qt::ItemFlags OutputModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

OutputView::OutputView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    model_ = new OutputModel(this);
    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::ContiguousSelection);
    // Wide enough for every form the cells print ("-0.004321", "-1.234e-05"),
    // without resizing to contents, which reads every row of a large output.
    table_->horizontalHeader()->setDefaultSectionSize(
        table_->fontMetrics().horizontalAdvance(QStringLiteral("-0.0000000")) + 14);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    layout->addWidget(table_);
    // QTableView's own Ctrl+C copies only the current cell.
    auto* copy = new QAction(tr("Copy"), table_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &OutputView::copySelection);
    table_->addAction(copy);
}

QString OutputView::selectionAsTsv() const {
    const QModelIndexList selected = table_->selectionModel()->selectedIndexes();
    if (selected.isEmpty()) return {};
    int top = selected.first().row(), bottom = top, left = selected.first().column(), right = left;
    for (const QModelIndex& i : selected) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    QString text;
    for (int r = top; r <= bottom; ++r) {
        for (int c = left; c <= right; ++c) {
            if (c > left) text += QLatin1Char('\t');
            const QModelIndex i = model_->index(r, c);
            if (table_->selectionModel()->isSelected(i)) text += shortestText(model_->data(i, Qt::EditRole).toFloat());
        }
        text += QLatin1Char('\n');
    }
    return text;
}

void OutputView::copySelection() const {
    const QString text = selectionAsTsv();
    if (!text.isEmpty()) QApplication::clipboard()->setText(text);
}

void OutputView::setOutput(const ap::Matrix& output, const QStringList& rowLabels, std::vector<int> fullyMaskedRows) {
    model_->setOutput(output, rowLabels, std::move(fullyMaskedRows));
}

}  // namespace ui
