// rollout FILE [--residual R] [--head-fusion mean|max|min] [--flow] [--layer L]
//         [-o OUT.json|csv]: the matrix written a row at a time.
#include "analysis/rollout.h"
#include "attention_input.h"
#include "command_line.h"
#include "command_output.h"
#include "io/json_writer.h"
#include "render/attention_heatmap.h"
#include "render/csv_export.h"

#include <QFileInfo>

namespace app {

int runRollout(const QStringList& args) {
    CommandLine cl(QStringLiteral("rollout"), QStringLiteral("FILE"),
                   QStringLiteral("An attention file of self-attention (as many queries as keys). Rollout "
                                  "(Abnar & Zuidema 2020): per layer the heads are fused, the residual is added "
                                  "as (1-r)·A + r·I with rows renormalised, and the layers are multiplied from "
                                  "the first up, R = Â_L···Â_1: R[i][j] is how much output token i draws on "
                                  "input token j. At most 8192 x 8192 tokens."));
    const QCommandLineOption output =
        outputOption(QStringLiteral("Where to write: .json or .csv (default: JSON on standard output)."));
    const QCommandLineOption residual(QStringLiteral("residual"),
                                      QStringLiteral("Weight r of the identity in (1-r)·A + r·I (default 0.5)."),
                                      QStringLiteral("R"), QStringLiteral("0.5"));
    const QCommandLineOption fusion(QStringLiteral("head-fusion"),
                                    QStringLiteral("How the heads of a layer combine: mean (default), max or min."),
                                    QStringLiteral("mean|max|min"), QStringLiteral("mean"));
    const QCommandLineOption layer(QStringLiteral("layer"),
                                   QStringLiteral("Roll out through layer L only (0-based; default: every layer)."),
                                   QStringLiteral("L"));
    const QCommandLineOption flow(QStringLiteral("flow"),
                                  QStringLiteral("Attention flow (max-flow) instead of rollout; up to 32 tokens."));
    cl.addOptions({output, residual, fusion, layer, flow});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    ap::analysis::RolloutOptions options;
    if (!cl.doubleOption(residual, 0.0, 1.0, options.residual)) return kBadInput;
    const auto f = ap::analysis::headFusionFromString(cl.parser.value(fusion).toStdString());
    if (!f) return cl.usageError(QStringLiteral("--head-fusion must be mean, max or min"));
    options.fusion = *f;
    bool csv = false;
    if (cl.parser.isSet(output)) {
        const QString outPath = cl.parser.value(output);
        if (outPath.isEmpty()) return cl.usageError(QStringLiteral("-o: the file name is empty"));
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (suffix != QLatin1String("json") && suffix != QLatin1String("csv")) {
            printErrBytes(nativePath(outPath) + ": unknown output type (use .json or .csv)");
            return kBadInput;
        }
        csv = suffix == QLatin1String("csv");
    }
    const bool isFlow = cl.parser.isSet(flow);
    if (isFlow && cl.parser.isSet(layer))
        return cl.usageError(QStringLiteral("--layer applies to rollout, not to --flow"));
    const auto t = loadAttention(cl.input);
    if (!t) return kBadInput;
    if (cl.parser.isSet(layer) && !cl.intOption(layer, 0, t->layers - 1, options.lastLayer)) return kBadInput;
    const ap::Result<ap::Matrix> s =
        isFlow ? ap::analysis::attentionFlow(*t, options) : ap::analysis::attentionRollout(*t, options);
    if (!s.ok) {
        printErrBytes(s.error);
        return kBadInput;
    }
    CommandOutput out;
    if (cl.parser.isSet(output))
        if (const int opened = out.openFile(cl.parser.value(output)); opened != kOk) return opened;
    if (csv) {
        const QStringList rows = ui::attentionQueryLabels(*t);
        out.write(ui::csvHeader(ui::attentionKeyLabels(*t)));
        for (int i = 0; i < t->queries; ++i)
            if (!out.write(ui::csvRows(s.value.middleRows(i, 1), i, rows))) break;
    } else {
        ap::json::Writer w(out.sink());
        ap::json::ObjectWriter o(w, 0);
        o.key(isFlow ? "flow" : "rollout").matrix(s.value, o.valueIndent());
        o.key("residual").number(float(options.residual));
        o.key("head_fusion").string(ap::analysis::toString(options.fusion));
        if (!isFlow) o.key("layers").out() += std::to_string(options.lastLayer < 0 ? t->layers : options.lastLayer + 1);
        o.key("tokens").tokens(t->queryTokens);
        o.close();
        w.out() += '\n';
        w.finish();
    }
    return out.finish();
}

}  // namespace app
