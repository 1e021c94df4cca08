// The pairs of a corpus as a list model: "source → target" a row, the
// file, line and gold alignment in the tooltip, held-out pairs marked.
#pragma once

#include "widgets/training/training_worker.h"

#include <QAbstractListModel>

#include <vector>

namespace ui {

// Tokens as one line, separated by spaces.
QString joinTokens(const std::vector<std::string>& tokens);

class PairListModel : public QAbstractListModel {
    Q_OBJECT
public:
    // Qt::UserRole + 1: true for a held-out pair.
    static constexpr int HeldOutRole = Qt::UserRole + 1;

    explicit PairListModel(QObject* parent = nullptr);

    // Resets the model; heldOut are indices into corpus->pairs, ascending.
    void setCorpus(CorpusPtr corpus, const QString& fileName, std::vector<int> heldOut);
    // Only the marks change: dataChanged for the rows.
    void setHeldOut(std::vector<int> heldOut);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    bool isHeldOut(int row) const;

    CorpusPtr corpus_;
    QString fileName_;
    std::vector<int> heldOut_;
};

}  // namespace ui
