// compute SCENE.json [-o RESULT.json]: the result file, to a file or stdout.
#include "command_line.h"
#include "io/scene_io.h"
#include "scene_input.h"

#include <cstdio>
#include <string>
#include <vector>

namespace app {

int runCompute(const QStringList& args) {
    CommandLine cl(QStringLiteral("compute"), QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the result to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    cl.parser.addOption(output);
    int code = kOk;
    if (!cl.parse(args, code))
        return code;
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result))
        return kBadInput;
    // Labels for every row and column: the scene's tokens, or q0.. / k0..
    std::vector<std::string> queryTokens, keyTokens;
    for (int i = 0; i < scene.queryCount(); ++i) queryTokens.push_back(scene.queryLabel(i));
    for (int j = 0; j < scene.keyCount(); ++j) keyTokens.push_back(scene.keyLabel(j));
    const std::string json = ap::resultToJson(result, queryTokens, keyTokens);
    if (!cl.parser.isSet(output)) {
        std::fwrite(json.data(), 1, json.size(), stdout);
        return std::fflush(stdout) == 0 ? kOk : kWriteFailed;
    }
    const std::string err = ap::writeFileAtomically(cl.parser.value(output).toStdString(), json);
    if (!err.empty()) {
        printErr(QString::fromStdString(err));
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
