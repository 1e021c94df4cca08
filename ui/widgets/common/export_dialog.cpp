#include "widgets/common/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>

namespace ui {

ExportDialog::ExportDialog(QSize initialSize, bool hasGrid, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export Image"));
    auto* form = new QFormLayout(this);
    target_ = new QComboBox(this);
    target_->addItem(tr("The heatmap shown"), int(Target::Heatmap));
    if (hasGrid)
        target_->addItem(tr("Every head and the mean (grid)"), int(Target::HeadGrid));
    target_->setToolTip(tr("What the image shows: the main heatmap (one head or the mean), or all heads side by side"));
    auto spin = [this](int value, const QString& tip) {
        auto* s = new QSpinBox(this);
        s->setRange(16, 16384);
        s->setSuffix(tr(" px"));
        s->setValue(value);
        s->setToolTip(tip);
        return s;
    };
    width_ = spin(initialSize.width(), tr("Image width in pixels (points for PDF)"));
    height_ = spin(initialSize.height(), tr("Image height in pixels (points for PDF)"));
    form->addRow(tr("&Show:"), target_);
    form->addRow(tr("&Width:"), width_);
    form->addRow(tr("&Height:"), height_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose File…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportDialog::Target ExportDialog::target() const {
    return Target(target_->currentData().toInt());
}

QSize ExportDialog::imageSize() const {
    return {width_->value(), height_->value()};
}

}  // namespace ui
