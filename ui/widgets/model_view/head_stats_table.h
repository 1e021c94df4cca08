// The per-head statistics as a sortable table (first layer first) with one
// row selected at a time. A row the user picks is announced as a head; a
// head chosen elsewhere is selected here without being announced again.
#pragma once

#include "widgets/model_view/head_stats_model.h"

#include <QTableView>

class QSortFilterProxyModel;

namespace ui {

class HeadStatsTable : public QTableView {
    Q_OBJECT
public:
    explicit HeadStatsTable(QWidget* parent = nullptr);

    HeadStatsModel* statsModel() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }

    // Selects (layer, head) and scrolls to it; a negative layer or head,
    // or one the table does not hold, clears the selection.
    void selectHead(int layer, int head);

signals:
    void headPicked(int layer, int head);

private:
    HeadStatsModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    // selectHead() under way: the selection change is not the user's.
    bool selecting_ = false;
};

}  // namespace ui
