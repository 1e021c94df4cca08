#include "widgets/model_view/head_stats_model.h"

#include "io/scene_io.h"

namespace ui {

HeadStatsModel::HeadStatsModel(QObject* parent) : QAbstractTableModel(parent) {}

void HeadStatsModel::setStats(std::vector<ap::analysis::HeadStats> stats) {
    beginResetModel();
    stats_ = std::move(stats);
    endResetModel();
}

int HeadStatsModel::rowOf(int layer, int head) const {
    for (std::size_t i = 0; i < stats_.size(); ++i)
        if (stats_[i].layer == layer && stats_[i].head == head) return int(i);
    return -1;
}

int HeadStatsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(stats_.size()); }

int HeadStatsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HeadStatsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(stats_.size()) || index.column() >= ColumnCount) return {};
    const ap::analysis::HeadStats& s = stats_[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case Layer: return s.layer;
    case Head: return s.head;
    case Entropy: return s.entropy;
    case MeanDistance: return s.meanDistance;
    case FirstToken: return s.firstTokenShare;
    case Separators: return s.separatorShare;
    case MaxWeight: return s.maxWeight;
    default: return {};
    }
}

QVariant HeadStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Layer: return tr("Layer");
        case Head: return tr("Head");
        case Entropy: return tr("Entropy");
        case MeanDistance: return tr("Mean distance");
        case FirstToken: return tr("First token");
        case Separators: return tr("Separators");
        case MaxWeight: return tr("Max weight");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Entropy: return tr("Mean over query rows of the entropy of the row's weights, in nats.");
        case MeanDistance: return tr("Mean over query rows of the weighted distance |i − j| to the keys, in tokens.");
        case FirstToken: return tr("Mean share of each row's attention on the first key.");
        case Separators:
            return tr(
                "Mean share of each row's attention on separator-like keys ([SEP], [CLS], <s>, </s>, punctuation).");
        case MaxWeight: return tr("The largest weight of the head.");
        default: return {};
        }
    }
    return {};
}

QString HeadStatsModel::toCsv() const {
    QString csv = QStringLiteral("layer,head,entropy,mean_distance,first_token_share,separator_share,max_weight\n");
    const auto num = [](double v) { return QString::fromStdString(ap::formatFloat(float(v))); };
    for (const ap::analysis::HeadStats& s : stats_)
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(s.layer)
                   .arg(s.head)
                   .arg(num(s.entropy), num(s.meanDistance), num(s.firstTokenShare), num(s.separatorShare),
                        num(s.maxWeight));
    return csv;
}

}  // namespace ui
