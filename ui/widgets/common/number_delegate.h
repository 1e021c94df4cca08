// Edits a float cell as text showing its exact value (the table shows 4
// significant digits), and accepts what parseNumber accepts: "1.5", "-2e-3",
// or the user's locale ("1,5"). Text that is not a number leaves the cell.
#pragma once

#include <QStyledItemDelegate>

namespace ui {

class NumberDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

}  // namespace ui
