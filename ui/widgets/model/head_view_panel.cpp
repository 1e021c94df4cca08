#include "widgets/model/head_view_panel.h"

#include "widgets/model/head_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

HeadViewPanel::HeadViewPanel(QWidget* parent) : QWidget(parent) {
    layer_ = new QSpinBox;
    layer_->setRange(0, 0);
    layer_->setToolTip(tr("The layer whose heads are drawn."));
    headRow_ = new QHBoxLayout;
    headRow_->setSpacing(2);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layer:")));
    controls->addWidget(layer_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Heads:")));
    controls->addLayout(headRow_);
    controls->addStretch();
    view_ = new HeadView;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    connect(layer_, &QSpinBox::valueChanged, view_, &HeadView::setLayer);
}

void HeadViewPanel::setTensor(AttentionPtr tensor) {
    if (tensor) {
        layer_->setMaximum(tensor->layers - 1);
        if (int(headButtons_.size()) != tensor->heads) {
            rebuildHeadButtons(tensor->heads);
            view_->setTensor(std::move(tensor));
            headsChanged();
            return;
        }
    }
    view_->setTensor(std::move(tensor));
}

void HeadViewPanel::rebuildHeadButtons(int heads) {
    for (QToolButton* b : headButtons_) delete b;
    headButtons_.clear();
    for (int h = 0; h < heads; ++h) {
        auto* b = new QToolButton;
        b->setText(QString::number(h));
        b->setCheckable(true);
        b->setChecked(true);  // BertViz starts with every head drawn
        b->setToolTip(tr("Draw head %1").arg(h));
        const QColor c = HeadView::headColor(h);
        b->setStyleSheet(QStringLiteral("QToolButton { border: 2px solid %1; padding: 1px 4px; }"
                                        "QToolButton:checked { background: %1; color: white; }")
                             .arg(c.name()));
        connect(b, &QToolButton::toggled, this, &HeadViewPanel::headsChanged);
        headRow_->addWidget(b);
        headButtons_.push_back(b);
    }
}

std::vector<int> HeadViewPanel::chosenHeads() const {
    std::vector<int> heads;
    for (std::size_t h = 0; h < headButtons_.size(); ++h)
        if (headButtons_[h]->isChecked()) heads.push_back(int(h));
    return heads;
}

void HeadViewPanel::headsChanged() { view_->setHeads(chosenHeads()); }

void HeadViewPanel::showHead(int layer, int head) {
    {
        const QSignalBlocker block(layer_);
        layer_->setValue(layer);
    }
    for (std::size_t h = 0; h < headButtons_.size(); ++h) {
        const QSignalBlocker block(headButtons_[h]);
        headButtons_[h]->setChecked(int(h) == head);
    }
    view_->setLayer(layer_->value());
    headsChanged();
}

}  // namespace ui
