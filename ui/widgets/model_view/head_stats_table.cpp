#include "widgets/model_view/head_stats_table.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace ui {

HeadStatsTable::HeadStatsTable(QWidget* parent) : QTableView(parent) {
    model_ = new HeadStatsModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    setModel(proxy_);
    setSortingEnabled(true);
    // Layer by layer, first layer first (the header's default is descending).
    sortByColumn(HeadStatsModel::Layer, Qt::AscendingOrder);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->hide();
    setToolTip(tr("Click a column header to sort; select a row to show the head."));
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (selecting_ || !current.isValid()) return;
        const ap::analysis::HeadStats& s = model_->stats().at(std::size_t(proxy_->mapToSource(current).row()));
        emit headPicked(s.layer, s.head);
    });
}

void HeadStatsTable::selectHead(int layer, int head) {
    const int row = layer >= 0 && head >= 0 ? model_->rowOf(layer, head) : -1;
    selecting_ = true;
    if (row < 0) {
        clearSelection();
    } else {
        const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        scrollTo(index);
    }
    selecting_ = false;
}

}  // namespace ui
