// rollout FILE [--residual R] [--head-fusion mean|max|min] [--flow] -o OUT.json|csv
#include "analysis/rollout.h"
#include "attention_input.h"
#include "command_line.h"
#include "render/attention_heatmap.h"
#include "io/scene_io.h"
#include "render/csv_export.h"

#include <QFileInfo>

namespace app {

int runRollout(const QStringList& args) {
    CommandLine cl(QStringLiteral("rollout"), QStringLiteral("FILE"),
                   QStringLiteral("An attention file of self-attention (as many queries as keys)."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Where to write: .json or .csv (default: JSON on standard output)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption residual(QStringLiteral("residual"),
                                      QStringLiteral("Weight r of the identity in (1-r)·A + r·I (default 0.5)."),
                                      QStringLiteral("R"), QStringLiteral("0.5"));
    const QCommandLineOption fusion(QStringLiteral("head-fusion"),
                                    QStringLiteral("How the heads of a layer combine: mean (default), max or min."),
                                    QStringLiteral("mean|max|min"), QStringLiteral("mean"));
    const QCommandLineOption flow(QStringLiteral("flow"),
                                  QStringLiteral("Attention flow (max-flow) instead of rollout; up to 32 tokens."));
    cl.parser.addOptions({output, residual, fusion, flow});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    ap::analysis::RolloutOptions options;
    if (!cl.doubleOption(residual, 0.0, 1.0, options.residual)) return kBadInput;
    const auto f = ap::analysis::headFusionFromString(cl.parser.value(fusion).toStdString());
    if (!f) return cl.usageError(QStringLiteral("--head-fusion must be mean, max or min"));
    options.fusion = *f;
    QString outPath;
    bool csv = false;
    if (cl.parser.isSet(output)) {
        outPath = cl.parser.value(output);
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (suffix != QLatin1String("json") && suffix != QLatin1String("csv")) {
            printErr(QStringLiteral("%1: unknown output type (use .json or .csv)").arg(outPath));
            return kBadInput;
        }
        csv = suffix == QLatin1String("csv");
    }
    const auto t = loadAttention(cl.input);
    if (!t) return kBadInput;
    const bool isFlow = cl.parser.isSet(flow);
    const ap::analysis::RolloutSummary s =
        isFlow ? ap::analysis::attentionFlow(*t, options) : ap::analysis::attentionRollout(*t, options);
    if (!s.ok) {
        printErr(QString::fromStdString(s.error));
        return kBadInput;
    }
    QString text;
    if (csv) {
        text = ui::matrixToCsv(s.matrix, ui::attentionQueryLabels(*t), ui::attentionKeyLabels(*t));
    } else {
        const std::string json = std::string("{\"") + (isFlow ? "flow" : "rollout") + "\": " + jsonMatrix(s.matrix) +
                                 ", \"residual\": " + ap::formatFloat(float(options.residual)) +
                                 ", \"head_fusion\": \"" + ap::analysis::toString(options.fusion) +
                                 "\", \"tokens\": " + jsonStrings(t->queryTokens) + "}";
        text = QString::fromStdString(json);
    }
    if (outPath.isEmpty()) return printOut(text) ? kOk : kWriteFailed;
    const QString err = ui::writeTextFile(outPath, text + QLatin1Char('\n'));
    if (!err.isEmpty()) {
        printErr(err);
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
