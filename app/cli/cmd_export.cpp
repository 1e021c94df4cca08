// export SCENE.json -o FILE.png|.svg|.pdf: the heatmap image, no display.
#include "command_line.h"
#include "render/heatmap_data.h"
#include "render/image_export.h"
#include "scene_input.h"

#include <QSize>

namespace app {

int runExport(const QStringList& args, const std::function<void()>& startGui) {
    CommandLine cl(QStringLiteral("export"), QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The image to write: .png, .svg or .pdf."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption head(QStringLiteral("head"),
                                  QStringLiteral("Head index N (0-based, as in the result's heads) or 'mean' (default)."),
                                  QStringLiteral("N|mean"), QStringLiteral("mean"));
    const QCommandLineOption width(QStringLiteral("width"), QStringLiteral("Image width in pixels (default 800)."),
                                   QStringLiteral("PX"), QStringLiteral("800"));
    const QCommandLineOption height(QStringLiteral("height"), QStringLiteral("Image height in pixels (default 600)."),
                                    QStringLiteral("PX"), QStringLiteral("600"));
    const QCommandLineOption scores(QStringLiteral("scores"),
                                    QStringLiteral("Draw the raw scores instead of the weights."));
    cl.parser.addOptions({output, head, width, height, scores});
    int code = kOk;
    if (!cl.parse(args, code))
        return code;
    if (!cl.parser.isSet(output))
        return cl.usageError(QStringLiteral("-o FILE.png|.svg|.pdf is required"));
    const QString outPath = cl.parser.value(output);
    if (!ui::imageFormatForPath(outPath)) {
        printErr(QStringLiteral("%1: unknown image type (use .png, .svg or .pdf)").arg(outPath));
        return kBadInput;
    }
    int w = 0, h = 0;
    if (!cl.intOption(width, 16, 16384, w) || !cl.intOption(height, 16, 16384, h))
        return kBadInput;
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result))
        return kBadInput;
    ui::HeadChoice choice;
    const QString headText = cl.parser.value(head);
    if (headText != QLatin1String("mean")) {
        int n = 0;
        if (!parseInt(headText, 0, scene.heads - 1, n))
            return cl.usageError(QStringLiteral("--head must be 'mean' or a head index from 0 to %1").arg(scene.heads - 1));
        choice.head = n;
    }
    startGui();
    const auto data = ui::heatmapFromResult(
        scene, result, choice, cl.parser.isSet(scores) ? ui::HeatmapQuantity::Scores : ui::HeatmapQuantity::Weights);
    const QString err = ui::exportHeatmap(data, ui::HeatmapStyle{}, QSize(w, h), outPath);
    if (!err.isEmpty()) {
        printErr(err);
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
