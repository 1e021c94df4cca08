#include "render/attention_heatmap.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace ui {

QString attentionTitle(const ap::import::AttentionTensor& t, const ap::analysis::AttentionChoice& c) {
    using ap::analysis::AttentionChoice;
    const QString file = QFileInfo(QString::fromStdString(t.fileName)).fileName();
    const bool mean = c.fusion == ap::analysis::HeadFusion::Mean;
    if (c.rollout)
        return QCoreApplication::translate("AttentionHeatmap", "%1 · attention rollout over %n layers", nullptr,
                                           c.layer == AttentionChoice::kAll ? t.layers : c.layer + 1)
            .arg(file);
    const bool allLayers = c.layer == AttentionChoice::kAll, allHeads = c.head == AttentionChoice::kAll;
    if (allLayers && allHeads)
        return mean ? QCoreApplication::translate("AttentionHeatmap", "%1 · mean of all layers and heads").arg(file)
                    : QCoreApplication::translate("AttentionHeatmap", "%1 · maximum of all layers and heads").arg(file);
    // One head fused over the layers, or one layer's heads: the title of
    // the mean or of the maximum of n, with the file and the index kept.
    const auto fused = [&](const char* meanText, const char* maxText, int n, int index) {
        return QCoreApplication::translate("AttentionHeatmap", mean ? meanText : maxText, nullptr, n)
            .arg(file)
            .arg(index);
    };
    if (allLayers)
        return fused(QT_TRANSLATE_N_NOOP("AttentionHeatmap", "%1 · head %2 · mean of %n layers"),
                     QT_TRANSLATE_N_NOOP("AttentionHeatmap", "%1 · head %2 · maximum of %n layers"), t.layers, c.head);
    if (allHeads)
        return fused(QT_TRANSLATE_N_NOOP("AttentionHeatmap", "%1 · layer %2 · mean of %n heads"),
                     QT_TRANSLATE_N_NOOP("AttentionHeatmap", "%1 · layer %2 · maximum of %n heads"), t.heads, c.layer);
    return QCoreApplication::translate("AttentionHeatmap", "%1 · layer %2 · head %3")
        .arg(file)
        .arg(c.layer)
        .arg(c.head);
}

QStringList attentionQueryLabels(const ap::import::AttentionTensor& t) {
    QStringList labels;
    labels.reserve(t.queries);
    for (int i = 0; i < t.queries; ++i) labels << QString::fromStdString(t.queryLabel(i));
    return labels;
}

QStringList attentionKeyLabels(const ap::import::AttentionTensor& t) {
    QStringList labels;
    labels.reserve(t.keys);
    for (int j = 0; j < t.keys; ++j) labels << QString::fromStdString(t.keyLabel(j));
    return labels;
}

HeatmapData heatmapFromAttention(const ap::import::AttentionTensor& t, const ap::analysis::AttentionChoice& c,
                                 ap::Matrix values) {
    HeatmapData d;
    d.title = attentionTitle(t, c);
    d.rowLabels = attentionQueryLabels(t);
    d.columnLabels = attentionKeyLabels(t);
    d.minValue = 0.0;
    d.maxValue = values.size() ? std::max(1.0, double(values.maxCoeff())) : 1.0;
    d.minValue = values.size() ? std::min(0.0, double(values.minCoeff())) : 0.0;
    d.values = std::move(values);
    d.scaleLabel = c.rollout ? QCoreApplication::translate("AttentionHeatmap", "rollout")
                             : QCoreApplication::translate("AttentionHeatmap", "weight");
    d.quantity = HeatmapQuantity::Weights;
    return d;
}

}  // namespace ui
