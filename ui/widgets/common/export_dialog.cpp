#include "widgets/common/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include "widgets/common/settings_keys.h"

namespace ui {

ExportDialog::ExportDialog(QSize initialSize, bool hasGrid, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export Image"));
    auto* form = new QFormLayout(this);
    target_ = new QComboBox(this);
    target_->addItem(tr("The heatmap shown"), int(Target::Heatmap));
    if (hasGrid) target_->addItem(tr("Every head and the mean (grid)"), int(Target::HeadGrid));
    target_->setToolTip(tr("What the image shows: the main heatmap (one head or the mean), or all heads side by side"));
    auto spin = [this](int value, const QString& tip) {
        auto* s = new QSpinBox(this);
        s->setRange(16, 16384);
        s->setSuffix(tr(" px"));
        s->setValue(value);
        s->setToolTip(tip);
        return s;
    };
    QSettings settings;
    const QSize remembered = settings.value(QLatin1String(settings_keys::kExportSize)).toSize();
    if (remembered.isValid()) initialSize = remembered;
    const int targetIndex = target_->findData(settings.value(QLatin1String(settings_keys::kExportTarget), 0).toInt());
    if (targetIndex >= 0) target_->setCurrentIndex(targetIndex);
    target_->setObjectName(QStringLiteral("exportTarget"));
    width_ = spin(initialSize.width(), tr("Image width in pixels (points for PDF)"));
    height_ = spin(initialSize.height(), tr("Image height in pixels (points for PDF)"));
    width_->setObjectName(QStringLiteral("exportWidth"));
    height_->setObjectName(QStringLiteral("exportHeight"));
    form->addRow(tr("&Show:"), target_);
    form->addRow(tr("&Width:"), width_);
    form->addRow(tr("&Height:"), height_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose File…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportDialog::Target ExportDialog::target() const { return Target(target_->currentData().toInt()); }

QSize ExportDialog::imageSize() const { return {width_->value(), height_->value()}; }

void ExportDialog::accept() {
    QSettings settings;
    settings.setValue(QLatin1String(settings_keys::kExportTarget), int(target()));
    settings.setValue(QLatin1String(settings_keys::kExportSize), imageSize());
    QDialog::accept();
}

QString ExportDialog::lastFormat() {
    const QString f = QSettings().value(QLatin1String(settings_keys::kExportFormat)).toString();
    return f == QLatin1String("svg") || f == QLatin1String("pdf") ? f : QStringLiteral("png");
}

void ExportDialog::rememberFormat(const QString& suffix) {
    const QString f = suffix.toLower();
    if (f == QLatin1String("png") || f == QLatin1String("svg") || f == QLatin1String("pdf"))
        QSettings().setValue(QLatin1String(settings_keys::kExportFormat), f);
}

QString ExportDialog::filterFor(const QString& suffix) {
    if (suffix == QLatin1String("svg")) return tr("SVG image (*.svg)");
    if (suffix == QLatin1String("pdf")) return tr("PDF document (*.pdf)");
    return tr("PNG image (*.png)");
}

QString ExportDialog::filters() {
    return filterFor(QStringLiteral("png")) + QStringLiteral(";;") + filterFor(QStringLiteral("svg")) +
           QStringLiteral(";;") + filterFor(QStringLiteral("pdf"));
}

}  // namespace ui
