#include "widgets/common/number_delegate.h"

#include "document/scene_edits.h"
#include "io/scene_io.h"

#include <QLineEdit>

namespace ui {

QWidget* NumberDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const {
    auto* edit = new QLineEdit(parent);
    edit->setFrame(false);
    edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return edit;
}

void NumberDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* edit = static_cast<QLineEdit*>(editor);
    bool ok = false;
    const float value = index.data(Qt::EditRole).toFloat(&ok);
    edit->setText(ok ? QString::fromStdString(ap::formatFloat(value)) : QString());
}

void NumberDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
    const auto* edit = static_cast<const QLineEdit*>(editor);
    if (const std::optional<float> value = edits::parseNumber(edit->text()))
        model->setData(index, *value, Qt::EditRole);
}

}  // namespace ui
