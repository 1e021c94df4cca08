// The per-head statistics as a table: one row per (layer, head), numbers
// in the display role so that a QSortFilterProxyModel sorts them as numbers.
#pragma once

#include "analysis/head_stats.h"

#include <QAbstractTableModel>

#include <vector>

namespace ui {

class HeadStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Head, Entropy, MeanDistance, FirstToken, Separators, MaxWeight, ColumnCount };
    explicit HeadStatsModel(QObject* parent = nullptr);

    void setStats(std::vector<ap::analysis::HeadStats> stats);
    const std::vector<ap::analysis::HeadStats>& stats() const { return stats_; }
    // The row of (layer, head), or -1.
    int rowOf(int layer, int head) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The table as CSV (header row, then one row per head).
    QString toCsv() const;

private:
    std::vector<ap::analysis::HeadStats> stats_;
};

}  // namespace ui
