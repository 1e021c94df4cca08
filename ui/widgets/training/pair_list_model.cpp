#include "widgets/training/pair_list_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace ui {

QString joinTokens(const std::vector<std::string>& tokens) {
    QStringList parts;
    for (const std::string& t : tokens) parts << QString::fromStdString(t);
    return parts.join(QLatin1Char(' '));
}

namespace {

QString goldText(const ap::SentencePair& pair) {
    QStringList links;
    for (const ap::AlignmentLink& l : pair.gold)
        links << QStringLiteral("%1%2%3").arg(l.source).arg(l.sure ? QLatin1Char('-') : QLatin1Char('?')).arg(l.target);
    return links.join(QLatin1Char(' '));
}

}  // namespace

PairListModel::PairListModel(QObject* parent) : QAbstractListModel(parent) {}

void PairListModel::setCorpus(CorpusPtr corpus, const QString& fileName, std::vector<int> heldOut) {
    beginResetModel();
    corpus_ = std::move(corpus);
    fileName_ = fileName;
    heldOut_ = std::move(heldOut);
    endResetModel();
}

void PairListModel::setHeldOut(std::vector<int> heldOut) {
    heldOut_ = std::move(heldOut);
    if (rowCount() > 0) emit dataChanged(index(0), index(rowCount() - 1));
}

int PairListModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !corpus_) return 0;
    return int(corpus_->pairs.size());
}

bool PairListModel::isHeldOut(int row) const { return std::binary_search(heldOut_.begin(), heldOut_.end(), row); }

QVariant PairListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.column() != 0 || index.row() >= rowCount()) return {};
    const int row = index.row();
    const ap::SentencePair& p = corpus_->pairs[size_t(row)];
    const bool held = isHeldOut(row);
    const QString text = tr("%1 → %2").arg(joinTokens(p.source), joinTokens(p.target));
    switch (role) {
    case Qt::DisplayRole: return held ? tr("[held out] %1").arg(text) : text;
    case Qt::ToolTipRole: {
        const QString where = p.hasGold
                                  ? tr("%1, line %2 · gold alignment %3").arg(fileName_).arg(p.line).arg(goldText(p))
                                  : tr("%1, line %2 · no gold alignment").arg(fileName_).arg(p.line);
        const QString use = held ? tr("Held out: not trained on, only evaluated") : tr("Training pair");
        return text + QLatin1Char('\n') + where + QLatin1Char('\n') + use;
    }
    case Qt::ForegroundRole:
        if (held) return QBrush(QColor(0x8e, 0x44, 0xad));
        return {};
    case Qt::FontRole:
        if (held) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case HeldOutRole: return held;
    default: return {};
    }
}

}  // namespace ui
