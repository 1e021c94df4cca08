#include "render/heatmap_data.h"

#include "render/title_text.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

QString shortTitle(const std::string& title) {
    // Decode only the head of a long title: a view's width never shows more,
    // and measuring megabytes of text on every repaint would stall it.
    const std::size_t headBytes = std::min(title.size(), std::size_t(kMaxShownTitleChars) * 4);
    QString t = QString::fromUtf8(title.data(), qsizetype(headBytes));
    if (t.size() > kMaxShownTitleChars || headBytes < title.size()) {
        t.truncate(kMaxShownTitleChars);
        // Never end in half a surrogate pair.
        if (!t.isEmpty() && t.back().isHighSurrogate())
            t.chop(1);
        t += QChar(0x2026);
    }
    return t;
}

QString heatmapTitle(const ap::Scene& scene, HeadChoice head, HeatmapQuantity quantity) {
    QStringList parts;
    if (!scene.title.empty())
        parts << shortTitle(scene.title);
    parts << QString::fromUtf8(ap::displayName(scene.scoring));
    if (quantity == HeatmapQuantity::Scores) {
        parts << QStringLiteral("raw scores");
    } else {
        QString norm = QString::fromUtf8(ap::displayName(scene.normalization));
        if (scene.normalization == ap::Normalization::TopK)
            norm += QStringLiteral(" (k = %1)").arg(scene.topK);
        parts << norm;
        parts << QStringLiteral("T = %1").arg(double(scene.temperature), 0, 'g', 4);
    }
    if (head.isMean())
        parts << (scene.heads == 1 ? QStringLiteral("1 head")
                                   : QStringLiteral("mean of %1 heads").arg(scene.heads));
    else
        parts << QStringLiteral("head %1 (of %2 heads)").arg(head.head).arg(scene.heads);
    return parts.join(QStringLiteral(" · "));
}

HeatmapData heatmapFromResult(const ap::Scene& scene, const ap::AttentionResult& result,
                              HeadChoice head, HeatmapQuantity quantity) {
    HeatmapData d;
    d.title = heatmapTitle(scene, head, quantity);
    for (int i = 0; i < scene.queryCount(); ++i)
        d.rowLabels << QString::fromStdString(scene.queryLabel(i));
    for (int j = 0; j < scene.keyCount(); ++j)
        d.columnLabels << QString::fromStdString(scene.keyLabel(j));
    d.mask = result.mask;
    d.fullyMaskedRows = result.fullyMaskedRows;
    d.quantity = quantity;

    const bool mean = head.isMean() || result.heads.size() == 1;
    const int h = mean ? 0 : std::clamp(head.head, 0, int(result.heads.size()) - 1);
    if (quantity == HeatmapQuantity::Weights) {
        d.values = mean ? result.weightsMean : result.heads[size_t(h)].weights;
        d.minValue = 0.0;
        d.maxValue = 1.0;
        d.scaleLabel = QStringLiteral("weight");
        return d;
    }
    if (mean) {
        d.values = result.heads[0].scores;
        for (size_t k = 1; k < result.heads.size(); ++k)
            d.values += result.heads[k].scores;
        d.values /= float(result.heads.size());
    } else {
        d.values = result.heads[size_t(h)].scores;
    }
    d.scaleLabel = head.isMean() && result.heads.size() > 1 ? QStringLiteral("mean score")
                                                             : QStringLiteral("score");
    // The scale spans what the user can compare: the unmasked cells.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int r = 0; r < d.rows(); ++r)
        for (int c = 0; c < d.columns(); ++c)
            if (!d.isMasked(r, c)) {
                lo = std::min(lo, double(d.values(r, c)));
                hi = std::max(hi, double(d.values(r, c)));
            }
    if (!std::isfinite(lo)) { lo = 0.0; hi = 1.0; }
    if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
    d.minValue = lo;
    d.maxValue = hi;
    return d;
}

}  // namespace ui
