#include "widgets/common/options_form.h"

namespace ui::form_widgets {

QSpinBox* intBox(QWidget* parent, int lo, int hi, const QString& tip) {
    auto* box = new QSpinBox(parent);
    box->setRange(lo, hi);
    box->setToolTip(tip);
    box->setAccelerated(true);
    return box;
}

QDoubleSpinBox* realBox(QWidget* parent, double lo, double hi, double step, int decimals, const QString& tip) {
    auto* box = new QDoubleSpinBox(parent);
    // Decimals first: setRange rounds its bounds to them.
    box->setDecimals(decimals);
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setToolTip(tip);
    return box;
}

QComboBox* choiceBox(QWidget* parent, const QList<FormChoice>& items, const QString& tip) {
    auto* box = new QComboBox(parent);
    for (const FormChoice& item : items) {
        box->addItem(item.text, item.value);
        if (!item.tip.isEmpty()) box->setItemData(box->count() - 1, item.tip, Qt::ToolTipRole);
    }
    box->setToolTip(tip);
    return box;
}

void selectValue(QComboBox* box, int value) {
    const int i = box->findData(value);
    if (i >= 0) box->setCurrentIndex(i);
}

}  // namespace ui::form_widgets
