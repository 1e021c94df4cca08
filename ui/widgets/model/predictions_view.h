// The model's most probable tokens where it predicts (the next token of a
// causal model, a [MASK] of the BERT family), and with heads switched off,
// how far each probability moved from the run with every head on.
#pragma once

#include "widgets/model/model_worker.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace ui {

class PredictionsView : public QWidget {
    Q_OBJECT
public:
    explicit PredictionsView(QWidget* parent = nullptr);

    void setModel(const ModelInfo& info);
    void setResult(const ModelResult& result, bool ablated);
    QTableWidget* table() const { return table_; }
    QString caption() const;

private:
    ModelInfo info_;
    QLabel* caption_ = nullptr;
    QTableWidget* table_ = nullptr;
};

}  // namespace ui
