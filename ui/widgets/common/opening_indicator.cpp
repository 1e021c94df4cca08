#include "widgets/common/opening_indicator.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace ui {

OpeningIndicator::OpeningIndicator(const QString& barTip, const QString& cancelTip, QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    label_ = new QLabel(this);
    auto* bar = new QProgressBar(this);
    bar->setRange(0, 0);
    bar->setMaximumWidth(120);
    bar->setToolTip(barTip);
    auto* cancel = new QToolButton(this);
    cancel->setText(tr("Cancel"));
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setToolTip(cancelTip);
    connect(cancel, &QToolButton::clicked, this, &OpeningIndicator::cancelRequested);
    layout->addWidget(label_);
    layout->addWidget(bar);
    layout->addWidget(cancel);
    hide();
}

void OpeningIndicator::showOpening(const QString& path) {
    label_->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    show();
}

QString OpeningIndicator::text() const { return label_->text(); }

}  // namespace ui
