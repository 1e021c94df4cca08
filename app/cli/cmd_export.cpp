// export SCENE.json|ATTENTION -o FILE.png|.svg|.pdf: the heatmap image, no
// display. An attention file (.npy, .npz, .safetensors, BertViz JSON) is
// told from a scene by its bytes; its --layer and --head pick the view.
#include "analysis/aggregate.h"
#include "attention_input.h"
#include "command_line.h"
#include "core/limits.h"
#include "command_output.h"
#include "import/attention_import.h"
#include "render/attention_heatmap.h"
#include "render/csv_export.h"
#include "render/heatmap_data.h"
#include "render/image_export.h"
#include "scene_input.h"

#include <QFile>
#include <QSize>

#include <algorithm>
#include <optional>

namespace app {
namespace {

// A CSV of a head, a mean or a maximum is written a block of rows at a
// time, so a head of any legal size (65,536 x 65,536) is exported in
// bounded memory; a rollout is held whole (limits::kMaxMatrixCells).
int exportAttentionCsv(const ap::import::AttentionTensor& t, const ap::analysis::AttentionChoice& choice,
                       const QString& outPath) {
    ap::Matrix rollout;
    if (choice.rollout) {
        if (const ap::Status s = ap::analysis::attentionMatrix(t, choice, rollout); !s) {
            printErrBytes(s.message);
            return kBadInput;
        }
    }
    CommandOutput out;
    if (const int opened = out.openFile(outPath); opened != kOk) return opened;
    const QStringList rows = ui::attentionQueryLabels(t);
    out.write(ui::csvHeader(ui::attentionKeyLabels(t)));
    const int blockRows = int(std::clamp<std::int64_t>((1 << 20) / std::max(t.keys, 1), 1, std::max(t.queries, 1)));
    ap::Matrix block;
    for (int row0 = 0; row0 < t.queries; row0 += blockRows) {
        const int count = std::min(blockRows, t.queries - row0);
        if (choice.rollout) {
            block = rollout.middleRows(row0, count);
        } else if (const ap::Status s = ap::analysis::attentionRows(t, choice, row0, count, block); !s) {
            printErrBytes(s.message);
            return kBadInput;  // the temporary file goes with `out`
        }
        if (!out.write(ui::csvRows(block, row0, rows))) break;
    }
    return out.finish();
}

int exportAttention(CommandLine& cl, const QCommandLineOption& layerOption, const QCommandLineOption& headOption,
                    const QString& outPath, QSize size, std::optional<ui::ColorScale> scale,
                    const std::function<void()>& startGui) {
    const auto t = loadAttention(cl.input);
    if (!t) return kBadInput;
    ap::analysis::AttentionChoice choice;
    if (!cl.intOption(layerOption, 0, t->layers - 1, choice.layer)) return kBadInput;
    const QString headText = cl.parser.value(headOption);
    if (headText == QLatin1String("mean") || headText == QLatin1String("max")) {
        choice.head = ap::analysis::AttentionChoice::kAll;
        if (headText == QLatin1String("max")) choice.fusion = ap::analysis::HeadFusion::Max;
    } else if (headText == QLatin1String("rollout")) {
        // Through --layer when it is given, else through every layer.
        choice.rollout = true;
        if (!cl.parser.isSet(layerOption)) choice.layer = ap::analysis::AttentionChoice::kAll;
    } else if (!parseInt(headText, 0, t->heads - 1, choice.head)) {
        return cl.usageError(
            QStringLiteral("--head must be a head index from 0 to %1, mean, max or rollout").arg(t->heads - 1));
    }
    if (outPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) return exportAttentionCsv(*t, choice, outPath);
    if (const ap::Status s = ap::analysis::checkMatrixSize(*t, "a picture"); !s) {
        printErrBytes(s.message);
        return kBadInput;
    }
    ap::Matrix values;
    if (const ap::Status s = ap::analysis::attentionMatrix(*t, choice, values); !s) {
        printErrBytes(s.message);
        return kBadInput;
    }
    startGui();
    ui::HeatmapData data = ui::heatmapFromAttention(*t, choice, std::move(values));
    if (scale) ui::applyColorScale(data, *scale);
    const QString writeErr = ui::exportHeatmap(data, ui::HeatmapStyle{}, size, outPath);
    if (!writeErr.isEmpty()) {
        printErr(writeErr);
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace

int runExport(const QStringList& args, const std::function<void()>& startGui) {
    CommandLine cl(QStringLiteral("export"), QStringLiteral("FILE"),
                   QStringLiteral("A scene (.json) or an attention file (.npy, .npz, .safetensors, BertViz JSON)."));
    const QCommandLineOption output =
        outputOption(QStringLiteral("The image to write: .png, .svg or .pdf (or .csv of an attention file's matrix)."));
    const QCommandLineOption head(QStringLiteral("head"),
                                  QStringLiteral("Head index N (0-based) or 'mean' (default); for an attention file "
                                                 "also 'max' (over the layer's heads) or 'rollout'."),
                                  QStringLiteral("N|mean|max|rollout"), QStringLiteral("mean"));
    const QCommandLineOption layer(QStringLiteral("layer"),
                                   QStringLiteral("Layer index of an attention file (0-based, default 0)."),
                                   QStringLiteral("L"), QStringLiteral("0"));
    const QCommandLineOption width(QStringLiteral("width"), QStringLiteral("Image width in pixels (default 800)."),
                                   QStringLiteral("PX"), QStringLiteral("800"));
    const QCommandLineOption height(QStringLiteral("height"), QStringLiteral("Image height in pixels (default 600)."),
                                    QStringLiteral("PX"), QStringLiteral("600"));
    const QCommandLineOption scores(QStringLiteral("scores"),
                                    QStringLiteral("Draw the raw scores instead of the weights."));
    const QCommandLineOption colorScale(QStringLiteral("color-scale"),
                                        QStringLiteral("fixed (weights on 0..1, the default), minmax, row (each row "
                                                       "on its own), log (log10 of the weights) or diverging "
                                                       "(scores, white at 0)."),
                                        QStringLiteral("SCALE"), QStringLiteral("fixed"));
    cl.addOptions({output, head, layer, width, height, scores, colorScale});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    if (!cl.parser.isSet(output)) return cl.usageError(QStringLiteral("-o FILE.png|.svg|.pdf is required"));
    const QString outPath = cl.parser.value(output);
    if (outPath.isEmpty()) return cl.usageError(QStringLiteral("-o: the file name is empty"));
    const bool csv = outPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    if (!csv && !ui::imageFormatForPath(outPath)) {
        printErr(QStringLiteral("%1: unknown image type (use .png, .svg or .pdf, or .csv for an attention file)")
                     .arg(outPath));
        return kBadInput;
    }
    int w = 0, h = 0;
    if (!cl.intOption(width, 16, 16384, w) || !cl.intOption(height, 16, 16384, h)) return kBadInput;
    // Unset, every picture keeps the scale its data comes with.
    std::optional<ui::ColorScale> scale;
    if (cl.parser.isSet(colorScale)) {
        ui::ColorScale chosen = ui::ColorScale::Fixed;
        if (!ui::colorScaleFromKey(cl.parser.value(colorScale), &chosen))
            return cl.usageError(QStringLiteral("--color-scale must be fixed, minmax, row, log or diverging"));
        scale = chosen;
    }
    if (ap::import::isAttentionFile(nativePath(cl.input))) {
        if (cl.parser.isSet(scores))
            return cl.usageError(QStringLiteral("--scores needs a scene; an attention file holds weights only"));
        return exportAttention(cl, layer, head, outPath, QSize(w, h), scale, startGui);
    }
    if (csv) {
        printErr(
            QStringLiteral("%1: CSV export is for attention files; use .png, .svg or .pdf for a scene").arg(outPath));
        return kBadInput;
    }
    if (cl.parser.isSet(layer))
        return cl.usageError(QStringLiteral("--layer applies to attention files, not to scenes"));
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result)) return kBadInput;
    ui::HeadChoice choice;
    const QString headText = cl.parser.value(head);
    if (headText != QLatin1String("mean")) {
        int n = 0;
        if (!parseInt(headText, 0, scene.heads - 1, n))
            return cl.usageError(
                QStringLiteral("--head must be 'mean' or a head index from 0 to %1").arg(scene.heads - 1));
        choice.head = n;
    }
    startGui();
    auto data =
        ui::heatmapFromResult(scene, result, choice,
                              cl.parser.isSet(scores) ? ui::HeatmapQuantity::Scores : ui::HeatmapQuantity::Weights);
    if (scale) ui::applyColorScale(data, *scale);
    const QString err = ui::exportHeatmap(data, ui::HeatmapStyle{}, QSize(w, h), outPath);
    if (!err.isEmpty()) {
        printErr(err);
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
