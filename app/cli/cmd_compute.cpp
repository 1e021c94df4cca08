// compute SCENE.json [-o RESULT.json] [--omit LIST]: the result file, to a
// file or standard output, written a chunk at a time.
#include "command_line.h"
#include "io/result_writer.h"
#include "io/text_file.h"
#include "scene_input.h"

#include <cerrno>
#include <cstdio>

namespace app {

int runCompute(const QStringList& args) {
    CommandLine cl(QStringLiteral("compute"), QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption output =
        outputOption(QStringLiteral("Write the result to FILE instead of standard output."));
    const QCommandLineOption omit(QStringLiteral("omit"),
                                  QStringLiteral(
                                      "Leave these members out of the result, comma-separated: mask, scores, weights, "
                                      "context, weights_mean, output."),
                                  QStringLiteral("LIST"));
    cl.addOptions({output});
    cl.addOptions({omit}, true);  // lists add up: --omit scores --omit mask
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    ap::ResultWriteOptions options;
    for (const QString& list : cl.parser.values(omit))
        if (const ap::Status omitted = options.omit(list.toStdString()); !omitted)
            return cl.usageError(QStringLiteral("--omit: %1").arg(QString::fromStdString(omitted.message)));
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result)) return kBadInput;
    // Labels for every row and column: the scene's tokens, or q0.. / k0..
    for (int i = 0; i < scene.queryCount(); ++i) options.queryTokens.push_back(scene.queryLabel(i));
    for (int j = 0; j < scene.keyCount(); ++j) options.keyTokens.push_back(scene.keyLabel(j));
    // A result that cannot be written is the scene's fault: exit 2, no output.
    if (const ap::Status finite = ap::checkFinite(result, options); !finite.ok) {
        printErrBytes(nativePath(cl.input) + ": " + finite.message);
        return kBadInput;
    }
    if (cl.parser.isSet(output)) {
        const ap::Status written = ap::writeResultFile(nativePath(cl.parser.value(output)), result, options);
        if (!written.ok) {
            printErrBytes(written.message);
            return kWriteFailed;
        }
        return kOk;
    }
    int error = 0;
    const ap::Status written = ap::writeResult(result, options, [&](std::string_view chunk) {
        if (std::fwrite(chunk.data(), 1, chunk.size(), stdout) == chunk.size()) return true;
        error = errno;
        return false;
    });
    if (written.ok && std::fflush(stdout) != 0) error = errno;
    if (error != 0 || !written.ok) {
        printErrBytes("standard output: " + (error != 0 ? ap::errnoText(error) : written.message));
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
