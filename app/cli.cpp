#include "cli.h"

#include "attention.h"
#include "heatmap_data.h"
#include "image_export.h"
#include "scene_io.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

namespace app {
namespace {

constexpr int kOk = 0;
constexpr int kWriteFailed = 1;
constexpr int kBadInput = 2;

const char* const kCommands[] = {"compute", "export", "bench"};

void printErr(const QString& s) {
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
}

void printOut(const QString& s) {
    std::fprintf(stdout, "%s\n", s.toLocal8Bit().constData());
    std::fflush(stdout);
}

QString generalHelp() {
    return QStringLiteral(
        "Usage: attention-playground [FILE.json]\n"
        "       attention-playground COMMAND [options]\n"
        "\n"
        "Explore the attention mechanism: edit Q, K and V, change the scoring and\n"
        "normalization, and watch the attention weights.\n"
        "\n"
        "Without a command the desktop application opens, on FILE.json or on the\n"
        "built-in example \"Je suis étudiant\" -> \"I am a student\".\n"
        "\n"
        "Commands (no display needed):\n"
        "  compute SCENE.json [-o RESULT.json]   write the attention result as JSON\n"
        "  export SCENE.json -o FILE.png|.svg|.pdf [--head N|mean] [--width PX]\n"
        "         [--height PX]                  write the heatmap image\n"
        "  bench SCENE.json [--repeat N] [--threads N]\n"
        "                                        time the engine on the scene\n"
        "\n"
        "Run 'attention-playground COMMAND --help' for a command's options.\n"
        "Exit status: 0 success, 1 an output file could not be written,\n"
        "2 bad arguments or a bad scene file.\n"
        "\n"
        "Options:\n"
        "  -h, --help     Displays this help.\n"
        "  -v, --version  Displays version information.");
}

// Reads and computes a scene; on failure prints the one message and returns
// false.
bool loadAndCompute(const QString& path, ap::Scene& scene, ap::AttentionResult& result) {
    ap::SceneReadResult read = ap::readSceneFile(path.toStdString());
    if (!read.ok) {
        printErr(QString::fromStdString(read.error));
        return false;
    }
    scene = std::move(read.scene);
    const ap::Status status = ap::computeAttention(scene, {}, result);
    if (!status.ok) {
        printErr(path + QStringLiteral(": ") + QString::fromStdString(status.message));
        return false;
    }
    return true;
}

// Shared parsing of "COMMAND SCENE.json [options]": one positional scene.
bool parseWithScene(QCommandLineParser& parser, const QStringList& args, const QString& command,
                    QString& scenePath, int& exitCode) {
    parser.setApplicationDescription(QStringLiteral("attention-playground %1").arg(command));
    parser.addPositionalArgument(QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        printErr(QStringLiteral("attention-playground %1: %2").arg(command, parser.errorText()));
        exitCode = kBadInput;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                           QStringLiteral("attention-playground %1").arg(command)));
        exitCode = kOk;
        return false;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        printErr(QStringLiteral("attention-playground %1: expected exactly one SCENE.json, got %2")
                     .arg(command).arg(pos.size()));
        exitCode = kBadInput;
        return false;
    }
    scenePath = pos.first();
    return true;
}

bool parsePositiveInt(const QString& text, int lo, int hi, int& out) {
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < lo || v > hi) return false;
    out = v;
    return true;
}

int runCompute(const QStringList& args) {
    QCommandLineParser parser;
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the result to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    parser.addOption(output);
    QString scenePath;
    int code = kOk;
    if (!parseWithScene(parser, args, QStringLiteral("compute"), scenePath, code))
        return code;
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(scenePath, scene, result))
        return kBadInput;
    const std::string json = ap::resultToJson(result);
    if (!parser.isSet(output)) {
        std::fwrite(json.data(), 1, json.size(), stdout);
        return std::fflush(stdout) == 0 ? kOk : kWriteFailed;
    }
    const std::string err = ap::writeFileAtomically(parser.value(output).toStdString(), json);
    if (!err.empty()) {
        printErr(QString::fromStdString(err));
        return kWriteFailed;
    }
    return kOk;
}

int runExport(const QStringList& args) {
    QCommandLineParser parser;
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
    parser.addOptions({output, head, width, height, scores});
    QString scenePath;
    int code = kOk;
    if (!parseWithScene(parser, args, QStringLiteral("export"), scenePath, code))
        return code;
    if (!parser.isSet(output)) {
        printErr(QStringLiteral("attention-playground export: -o FILE.png|.svg|.pdf is required"));
        return kBadInput;
    }
    const QString outPath = parser.value(output);
    if (!ui::imageFormatForPath(outPath)) {
        printErr(QStringLiteral("%1: unknown image type (use .png, .svg or .pdf)").arg(outPath));
        return kBadInput;
    }
    int w = 0, h = 0;
    if (!parsePositiveInt(parser.value(width), 16, 16384, w) || !parsePositiveInt(parser.value(height), 16, 16384, h)) {
        printErr(QStringLiteral("attention-playground export: --width and --height must be whole numbers from 16 to 16384"));
        return kBadInput;
    }
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(scenePath, scene, result))
        return kBadInput;
    ui::HeadChoice choice;
    const QString headText = parser.value(head);
    if (headText != QLatin1String("mean")) {
        int n = 0;
        if (!parsePositiveInt(headText, 0, scene.heads - 1, n)) {
            printErr(QStringLiteral("attention-playground export: --head must be 'mean' or a head index from 0 to %1")
                         .arg(scene.heads - 1));
            return kBadInput;
        }
        choice.head = n;
    }
    const auto data = ui::heatmapFromResult(
        scene, result, choice, parser.isSet(scores) ? ui::HeatmapQuantity::Scores : ui::HeatmapQuantity::Weights);
    const QString err = ui::exportHeatmap(data, ui::HeatmapStyle{}, QSize(w, h), outPath);
    if (!err.isEmpty()) {
        printErr(err);
        return kWriteFailed;
    }
    return kOk;
}

int runBench(const QStringList& args) {
    QCommandLineParser parser;
    const QCommandLineOption repeat(QStringLiteral("repeat"), QStringLiteral("Timed runs (default 20), after one warm-up."),
                                    QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Engine threads (default: all cores)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({repeat, threads});
    QString scenePath;
    int code = kOk;
    if (!parseWithScene(parser, args, QStringLiteral("bench"), scenePath, code))
        return code;
    int n = 0, t = 0;
    if (!parsePositiveInt(parser.value(repeat), 1, 1000000, n) || !parsePositiveInt(parser.value(threads), 0, 256, t)) {
        printErr(QStringLiteral("attention-playground bench: --repeat must be >= 1 and --threads >= 0"));
        return kBadInput;
    }
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(scenePath, scene, result))  // also the warm-up run
        return kBadInput;
    ap::AttentionOptions options;
    options.threads = t;
    std::vector<double> ms;
    ms.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const auto start = std::chrono::steady_clock::now();
        ap::computeAttention(scene, options, result);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double median = n % 2 ? sorted[size_t(n / 2)] : (sorted[size_t(n / 2 - 1)] + sorted[size_t(n / 2)]) / 2;
    printOut(QStringLiteral("%1: %2 x %3 tokens, %4 head(s), %5, %6: median %7 ms over %8 runs (min %9 ms)")
                 .arg(scenePath).arg(scene.queryCount()).arg(scene.keyCount()).arg(scene.heads)
                 .arg(QString::fromUtf8(ap::toString(scene.scoring)), QString::fromUtf8(ap::toString(scene.normalization)))
                 .arg(median, 0, 'f', 3).arg(n).arg(sorted.front(), 0, 'f', 3));
    QJsonObject o;
    o[QStringLiteral("median_ms")] = median;
    o[QStringLiteral("min_ms")] = sorted.front();
    o[QStringLiteral("max_ms")] = sorted.back();
    o[QStringLiteral("repeat")] = n;
    o[QStringLiteral("queries")] = scene.queryCount();
    o[QStringLiteral("keys")] = scene.keyCount();
    o[QStringLiteral("heads")] = scene.heads;
    o[QStringLiteral("scoring")] = QString::fromUtf8(ap::toString(scene.scoring));
    o[QStringLiteral("normalization")] = QString::fromUtf8(ap::toString(scene.normalization));
    printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    return kOk;
}

}  // namespace

bool isCommand(int argc, char** argv) {
    if (argc < 2) return false;
    const QByteArray a(argv[1]);
    for (const char* c : kCommands)
        if (a == c) return true;
    return a == "-h" || a == "--help" || a == "-v" || a == "--version" || a == "--help-all";
}

int runCommand(int argc, char** argv) {
    const QByteArray command(argv[1]);
    // Only export draws (text needs a QGuiApplication); it never needs a
    // display, so it always uses the offscreen platform.
    std::unique_ptr<QCoreApplication> app;
    if (command == "export") {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("attention-playground"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AP_VERSION));

    if (command == "-h" || command == "--help" || command == "--help-all") {
        printOut(generalHelp());
        return kOk;
    }
    if (command == "-v" || command == "--version") {
        printOut(QStringLiteral("attention-playground %1").arg(QStringLiteral(AP_VERSION)));
        return kOk;
    }
    QStringList args = QCoreApplication::arguments();
    args.removeAt(1);  // the command; QCommandLineParser expects argv[0] first
    if (command == "compute") return runCompute(args);
    if (command == "export") return runExport(args);
    return runBench(args);
}

}  // namespace app
