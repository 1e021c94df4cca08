#include "widgets/model/predictions_view.h"

#include <QHeaderView>
#include <QColor>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

PredictionsView::PredictionsView(QWidget* parent) : QWidget(parent) {
    caption_ = new QLabel;
    caption_->setWordWrap(true);
    table_ = new QTableWidget(0, 3);
    table_->setHorizontalHeaderLabels({tr("Token"), tr("Probability"), tr("Change")});
    table_->horizontalHeaderItem(2)->setToolTip(
        tr("With heads switched off: the probability minus the one with every head on, in percentage points."));
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(caption_);
    layout->addWidget(table_, 1);
}

void PredictionsView::setModel(const ModelInfo& info) {
    info_ = info;
    table_->setRowCount(0);
    caption_->setText(!info.predicts ? tr("This checkpoint has no output head, so it gives no predictions.")
                      : info.causal  ? tr("The next token's ten most probable values.")
                                     : tr("Type [MASK] in the text to see what the model predicts there."));
}

QString PredictionsView::caption() const { return caption_->text(); }

void PredictionsView::setResult(const ModelResult& r, bool ablated) {
    if (!info_.predicts) return;
    if (r.predictedAt < 0) {
        setModel(info_);
        return;
    }
    const QString after = r.tokens.value(r.predictedAt);
    caption_->setText(info_.causal ? tr("Next token after “%1” (token %2):").arg(after).arg(r.predictedAt)
                                   : tr("Predictions for the [MASK] at token %1:").arg(r.predictedAt));
    table_->setRowCount(int(r.top.size()));
    for (int row = 0; row < int(r.top.size()); ++row) {
        const TokenPrediction& p = r.top[std::size_t(row)];
        auto* token = new QTableWidgetItem(p.token);
        token->setToolTip(tr("Token id %1").arg(p.id));
        table_->setItem(row, 0, token);
        auto* prob = new QTableWidgetItem(QStringLiteral("%1 %").arg(100.0 * p.probability, 0, 'f', 2));
        prob->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, 1, prob);
        const double change = 100.0 * (double(p.probability) - double(p.unablated));
        auto* delta = new QTableWidgetItem(
            ablated ? QStringLiteral("%1%2").arg(change >= 0 ? QStringLiteral("+") : QString()).arg(change, 0, 'f', 2)
                    : QString());
        delta->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (ablated && std::abs(change) >= 0.005)
            delta->setForeground(change > 0 ? QColor(20, 130, 40) : QColor(200, 30, 30));
        delta->setToolTip(tr("%1 % with every head on").arg(100.0 * p.unablated, 0, 'f', 2));
        table_->setItem(row, 2, delta);
    }
}

}  // namespace ui
