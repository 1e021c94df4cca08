#include "widgets/training/training_heatmap.h"

#include "translation/vocabulary.h"

namespace ui {
namespace {

QStringList labels(const std::vector<std::string>& tokens) {
    QStringList out;
    out.reserve(qsizetype(tokens.size()));
    for (const std::string& t : tokens) out << QString::fromStdString(t);
    return out;
}

HeatmapData weightsHeatmap(QStringList rows, QStringList columns, ap::Matrix values) {
    HeatmapData d;
    d.rowLabels = std::move(rows);
    d.columnLabels = std::move(columns);
    d.values = std::move(values);
    d.minValue = 0.0;
    d.maxValue = 1.0;
    d.scaleLabel = scaleLabel(HeatmapQuantity::Weights);
    d.quantity = HeatmapQuantity::Weights;
    return d;
}

}  // namespace

void setGoldMarks(HeatmapData& data, const ap::SentencePair& pair) {
    data.marks.clear();
    data.possibleMarks.clear();
    for (const ap::AlignmentLink& link : pair.gold)
        (link.sure ? data.marks : data.possibleMarks).emplace_back(link.source, link.target);
}

HeatmapData pairAttentionHeatmap(const ap::SentencePair& pair, const ap::PairAttention& attention) {
    HeatmapData d = weightsHeatmap(labels(attention.targetTokens), labels(attention.sourceTokens), attention.mean);
    setGoldMarks(d, pair);
    return d;
}

HeatmapData goldAlignmentHeatmap(const ap::SentencePair& pair) {
    QStringList rows = labels(pair.target);
    rows << QString::fromLatin1(ap::Vocabulary::kEosToken);
    const auto steps = Eigen::Index(rows.size());
    const auto sources = Eigen::Index(pair.source.size());
    HeatmapData d = weightsHeatmap(std::move(rows), labels(pair.source), ap::Matrix::Zero(steps, sources));
    setGoldMarks(d, pair);
    return d;
}

HeatmapData translationHeatmap(const ap::Translation& translation) {
    QStringList rows = labels(translation.tokens);
    if (translation.finished) rows << QString::fromLatin1(ap::Vocabulary::kEosToken);
    return weightsHeatmap(std::move(rows), labels(translation.sourceTokens), translation.mean);
}

}  // namespace ui
