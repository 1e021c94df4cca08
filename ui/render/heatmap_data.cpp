#include "render/heatmap_data.h"

#include "render/title_text.h"
#include "render/unmasked_range.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

// The titles of the scenes that ship with the application (resources/scenes
// and resources/lessons): listed here so that they are translated; any
// other title is the user's and is shown as written.
const char* const kBuiltInTitles[] = {
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Je suis étudiant"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Causal self-attention"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Two heads: same word vs previous word"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Padded batch row: <pad> keys masked"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "打 电脑 游戏 → play computer game"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 1: the four steps of attention"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 2: soft, hard and sampled attention"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 3: five scoring functions"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 4: self-attention with projections"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 5: why divide by √d"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 6: padding and causal masks"),
    QT_TRANSLATE_NOOP("ui::SceneTitles", "Lesson 7: splitting into heads"),
};

}  // namespace

QString shortTitle(const std::string& title) {
    for (const char* builtIn : kBuiltInTitles)
        if (title == builtIn) return QCoreApplication::translate("ui::SceneTitles", builtIn);
    // Decode only the head of a long title: a view's width never shows more,
    // and measuring megabytes of text on every repaint would stall it.
    const std::size_t headBytes = std::min(title.size(), std::size_t(kMaxShownTitleChars) * 4);
    QString t = QString::fromUtf8(title.data(), qsizetype(headBytes));
    if (t.size() > kMaxShownTitleChars || headBytes < title.size()) {
        t.truncate(kMaxShownTitleChars);
        // Never end in half a surrogate pair.
        if (!t.isEmpty() && t.back().isHighSurrogate()) t.chop(1);
        t += QChar(0x2026);
    }
    return t;
}

// The words drawn into pictures go through QCoreApplication::translate:
// this library has no QObject, and the command line draws them too.
QString scoringDisplayName(ap::Scoring scoring) {
    switch (scoring) {
    case ap::Scoring::Dot: return QCoreApplication::translate("ui::Heatmap", "dot");
    case ap::Scoring::ScaledDot: return QCoreApplication::translate("ui::Heatmap", "scaled dot");
    case ap::Scoring::General: return QCoreApplication::translate("ui::Heatmap", "general");
    case ap::Scoring::Additive: return QCoreApplication::translate("ui::Heatmap", "additive");
    case ap::Scoring::Cosine: return QCoreApplication::translate("ui::Heatmap", "cosine");
    }
    return QString::fromUtf8(ap::displayName(scoring));
}

QString normalizationDisplayName(ap::Normalization normalization) {
    switch (normalization) {
    case ap::Normalization::Softmax: return QCoreApplication::translate("ui::Heatmap", "softmax");
    case ap::Normalization::Hard: return QCoreApplication::translate("ui::Heatmap", "hard");
    case ap::Normalization::TopK: return QCoreApplication::translate("ui::Heatmap", "top-k");
    case ap::Normalization::Sparsemax: return QCoreApplication::translate("ui::Heatmap", "sparsemax");
    case ap::Normalization::Sample: return QCoreApplication::translate("ui::Heatmap", "sample");
    }
    return QString::fromUtf8(ap::displayName(normalization));
}

QString heatmapTitle(const ap::Scene& scene, HeadChoice head, HeatmapQuantity quantity) {
    // Each part is a phrase of its own, joined like the items of a list.
    QStringList parts;
    if (!scene.title.empty()) parts << shortTitle(scene.title);
    parts << scoringDisplayName(scene.scoring);
    const QLocale locale;
    if (quantity == HeatmapQuantity::Scores) {
        parts << QCoreApplication::translate("ui::Heatmap", "raw scores");
    } else {
        const QString norm = normalizationDisplayName(scene.normalization);
        parts << (scene.normalization == ap::Normalization::TopK
                      ? QCoreApplication::translate("ui::Heatmap", "%1 (k = %2)").arg(norm, locale.toString(scene.topK))
                      : norm);
        parts << QCoreApplication::translate("ui::Heatmap", "T = %1")
                     .arg(locale.toString(double(scene.temperature), 'g', 4));
    }
    parts << headTitlePart(scene, head);
    return parts.join(QStringLiteral(" · "));
}

QString headTitlePart(const ap::Scene& scene, HeadChoice head) {
    if (head.isMean())
        return scene.heads == 1 ? QCoreApplication::translate("ui::Heatmap", "1 head")
                                : QCoreApplication::translate("ui::Heatmap", "mean of %n heads", nullptr, scene.heads);
    return QCoreApplication::translate("ui::Heatmap", "head %1 (of %n heads)", nullptr, scene.heads).arg(head.head);
}

QString scaleLabel(HeatmapQuantity quantity, bool meanOfHeads) {
    if (quantity == HeatmapQuantity::Weights) return QCoreApplication::translate("ui::Heatmap", "weight");
    return meanOfHeads ? QCoreApplication::translate("ui::Heatmap", "mean score")
                       : QCoreApplication::translate("ui::Heatmap", "score");
}

QString colorBarLabel(const HeatmapData& d) {
    switch (d.scale) {
    case ColorScale::Log: return QCoreApplication::translate("ui::Heatmap", "%1 (log)").arg(d.scaleLabel);
    case ColorScale::PerRow:
        return d.quantity == HeatmapQuantity::Weights
                   ? QCoreApplication::translate("ui::Heatmap", "%1 ÷ row max").arg(d.scaleLabel)
                   : QCoreApplication::translate("ui::Heatmap", "%1 (per row)").arg(d.scaleLabel);
    default: return d.scaleLabel;
    }
}

QString maskedKeyLabel() { return QCoreApplication::translate("ui::Heatmap", "masked"); }

HeatmapData heatmapFromResult(const ap::Scene& scene, const ap::AttentionResult& result, HeadChoice head,
                              HeatmapQuantity quantity) {
    HeatmapData d;
    d.title = heatmapTitle(scene, head, quantity);
    d.titleKeep = headTitlePart(scene, head);
    for (int i = 0; i < scene.queryCount(); ++i) d.rowLabels << QString::fromStdString(scene.queryLabel(i));
    for (int j = 0; j < scene.keyCount(); ++j) d.columnLabels << QString::fromStdString(scene.keyLabel(j));
    d.mask = result.mask;
    d.fullyMaskedRows = result.fullyMaskedRows;
    d.quantity = quantity;

    const bool mean = head.isMean() || result.heads.size() == 1;
    const int h = mean ? 0 : std::clamp(head.head, 0, int(result.heads.size()) - 1);
    if (quantity == HeatmapQuantity::Weights) {
        d.values = mean ? result.weightsMean : result.heads[size_t(h)].weights;
        d.scale = ColorScale::Fixed;
        d.minValue = 0.0;
        d.maxValue = 1.0;
        d.scaleLabel = scaleLabel(HeatmapQuantity::Weights);
        return d;
    }
    if (mean) {
        d.values = result.heads[0].scores;
        for (size_t k = 1; k < result.heads.size(); ++k) d.values += result.heads[k].scores;
        d.values /= float(result.heads.size());
    } else {
        d.values = result.heads[size_t(h)].scores;
    }
    d.scaleLabel = scaleLabel(HeatmapQuantity::Scores, head.isMean() && result.heads.size() > 1);
    // The scale spans what the user can compare: the unmasked cells.
    UnmaskedRange range;
    range.include(d);
    d.scale = ColorScale::MinMax;
    d.minValue = range.lo();
    d.maxValue = range.hi();
    return d;
}

}  // namespace ui
