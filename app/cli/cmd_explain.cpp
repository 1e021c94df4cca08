// explain SCENE.json --query I --key J [--head H]: one weight, step by step,
// then one line of JSON with score, weight, context and the steps.
#include "attention/explain.h"
#include "io/explain_writer.h"
#include "command_line.h"
#include "scene_input.h"

namespace app {

int runExplain(const QStringList& args) {
    CommandLine cl(QStringLiteral("explain"), QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption query(QStringLiteral("query"), QStringLiteral("The query row I (from 0)."),
                                   QStringLiteral("I"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("The key column J (from 0)."),
                                 QStringLiteral("J"));
    const QCommandLineOption head(QStringLiteral("head"), QStringLiteral("The head H (from 0, default 0)."),
                                  QStringLiteral("H"), QStringLiteral("0"));
    cl.addOptions({query, key, head});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    if (!cl.parser.isSet(query) || !cl.parser.isSet(key))
        return cl.usageError(QStringLiteral("--query and --key are required"));

    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result)) return kBadInput;
    ap::ExplainOptions options;
    if (!cl.intOption(query, 0, scene.queryCount() - 1, options.cell.query) ||
        !cl.intOption(key, 0, scene.keyCount() - 1, options.cell.key) ||
        !cl.intOption(head, 0, scene.heads - 1, options.cell.head))
        return kBadInput;

    ap::Explanation explanation;
    if (const ap::Status st = ap::explainCell(scene, result, options, explanation); !st.ok)
        return cl.usageError(QString::fromStdString(st.message));
    const std::string text = ap::explanationToText(explanation) + ap::explanationToJson(explanation);
    return printOut(QString::fromStdString(text)) ? kOk : kWriteFailed;
}

}  // namespace app
