#include "cli.h"

#include "attention.h"
#include "corpus.h"
#include "heatmap_data.h"
#include "image_export.h"
#include "scene_io.h"
#include "seq2seq.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <memory>
#include <vector>

namespace app {
namespace {

constexpr int kOk = 0;
constexpr int kWriteFailed = 1;
constexpr int kBadInput = 2;

const char* const kCommands[] = {"compute", "export", "bench", "train"};

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
        "  train CORPUS.tsv [--scoring KIND] [--normalization KIND] [--heads N]\n"
        "        [--hidden N] [--epochs N] [--lr X] [--seed S] [--save-attention DIR]\n"
        "                                        train the translation model on the\n"
        "                                        pairs; one line per epoch, then JSON\n"
        "\n"
        "Run 'attention-playground COMMAND --help' for a command's options.\n"
        "Exit status: 0 success, 1 an output file could not be written,\n"
        "2 bad arguments or a bad scene or corpus file.\n"
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

int runExport(const QStringList& args, const std::function<void()>& startGui) {
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
    startGui();
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

// train CORPUS.tsv: the encoder-decoder of engine/seq2seq.h on a parallel
// corpus. One line per epoch, then, as the last line, one JSON object with
// the final figures (issue 4, section 6). --save-attention writes each
// pair's teacher-forced attention as a scene file, pair-0001.json, ...
int runTrain(const QStringList& args) {
    const ap::Seq2SeqOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("attention-playground train"));
    parser.addPositionalArgument(QStringLiteral("CORPUS.tsv"),
                                 QStringLiteral("The corpus: source<TAB>target[<TAB>alignment] per line."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    const QCommandLineOption scoring(QStringLiteral("scoring"),
                                     QStringLiteral("dot, scaled_dot, general, additive or cosine (default %1).")
                                         .arg(QString::fromUtf8(ap::toString(defaults.scoring))),
                                     QStringLiteral("KIND"), QString::fromUtf8(ap::toString(defaults.scoring)));
    const QCommandLineOption normalization(
        QStringLiteral("normalization"),
        QStringLiteral("softmax or sparsemax (default %1).").arg(QString::fromUtf8(ap::toString(defaults.normalization))),
        QStringLiteral("KIND"), QString::fromUtf8(ap::toString(defaults.normalization)));
    const QCommandLineOption heads(QStringLiteral("heads"),
                                   QStringLiteral("Attention heads; must divide --hidden (default %1).").arg(defaults.heads),
                                   QStringLiteral("N"), QString::number(defaults.heads));
    const QCommandLineOption hidden(QStringLiteral("hidden"),
                                    QStringLiteral("GRU state width (default %1).").arg(defaults.hidden),
                                    QStringLiteral("N"), QString::number(defaults.hidden));
    const QCommandLineOption epochs(QStringLiteral("epochs"),
                                    QStringLiteral("Passes over the pairs (default %1).").arg(defaults.epochs),
                                    QStringLiteral("N"), QString::number(defaults.epochs));
    const QCommandLineOption lr(QStringLiteral("lr"),
                                QStringLiteral("Adam's learning rate (default %1).").arg(defaults.learningRate),
                                QStringLiteral("X"), QString::number(defaults.learningRate));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the initial parameters and of the order of the pairs (default %1).")
                                      .arg(defaults.seed),
                                  QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption saveAttention(QStringLiteral("save-attention"),
                                           QStringLiteral("Write each pair's attention as a scene file into DIR."),
                                           QStringLiteral("DIR"));
    parser.addOptions({help, scoring, normalization, heads, hidden, epochs, lr, seed, saveAttention});
    if (!parser.parse(args)) {
        printErr(QStringLiteral("attention-playground train: %1").arg(parser.errorText()));
        return kBadInput;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                           QStringLiteral("attention-playground train")));
        return kOk;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        printErr(QStringLiteral("attention-playground train: expected exactly one CORPUS.tsv, got %1").arg(pos.size()));
        return kBadInput;
    }
    ap::Seq2SeqOptions options;
    const auto kind = ap::scoringFromString(parser.value(scoring).toStdString());
    const auto norm = ap::normalizationFromString(parser.value(normalization).toStdString());
    bool lrOk = false, seedOk = false;
    options.learningRate = parser.value(lr).toDouble(&lrOk);
    options.seed = parser.value(seed).toULongLong(&seedOk);
    QString bad;
    if (!kind)
        bad = QStringLiteral("--scoring must be dot, scaled_dot, general, additive or cosine");
    else if (!norm)
        bad = QStringLiteral("--normalization must be softmax or sparsemax");
    else if (!parsePositiveInt(parser.value(heads), 1, ap::limits::kMaxHeads, options.heads))
        bad = QStringLiteral("--heads must be a whole number from 1 to %1").arg(ap::limits::kMaxHeads);
    else if (!parsePositiveInt(parser.value(hidden), 1, ap::limits::kMaxWidth, options.hidden))
        bad = QStringLiteral("--hidden must be a whole number from 1 to %1").arg(ap::limits::kMaxWidth);
    else if (!parsePositiveInt(parser.value(epochs), 1, 1000000, options.epochs))
        bad = QStringLiteral("--epochs must be a whole number from 1 to 1000000");
    else if (!lrOk)
        bad = QStringLiteral("--lr must be a number");
    else if (!seedOk)
        bad = QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615");
    if (bad.isEmpty()) {
        options.scoring = *kind;
        options.normalization = *norm;
        bad = QString::fromStdString(ap::validate(options));
    }
    if (!bad.isEmpty()) {
        printErr(QStringLiteral("attention-playground train: %1").arg(bad));
        return kBadInput;
    }
    const ap::CorpusReadResult read = ap::readCorpusFile(pos.first().toStdString());
    if (!read.ok) {
        printErr(QString::fromStdString(read.error));
        return kBadInput;
    }
    ap::Seq2SeqTrainer trainer;
    if (const std::string err = trainer.start(read.corpus, options); !err.empty()) {
        printErr(QString::fromStdString(err));
        return kBadInput;
    }
    ap::EpochStats last;
    while (trainer.runEpoch(last)) {
        printOut(QStringLiteral("epoch %1/%2: loss %3, token accuracy %4, exact match %5, AER %6, %7 s")
                     .arg(last.epoch).arg(options.epochs)
                     .arg(last.loss, 0, 'f', 4).arg(last.tokenAccuracy, 0, 'f', 3)
                     .arg(last.exactMatch, 0, 'f', 3).arg(last.aer, 0, 'f', 3)
                     .arg(last.seconds, 0, 'f', 2));
    }
    if (parser.isSet(saveAttention)) {
        const QString dir = parser.value(saveAttention);
        if (!QDir().mkpath(dir)) {
            printErr(QStringLiteral("%1: cannot create the folder").arg(dir));
            return kWriteFailed;
        }
        const std::vector<ap::SentencePair>& pairs = trainer.corpus().pairs;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const QString file = QDir(dir).filePath(QStringLiteral("pair-%1.json").arg(i + 1, 4, 10, QLatin1Char('0')));
            const std::string json = ap::sceneToJson(ap::sceneFromPair(trainer.model(), pairs[i]));
            const std::string err = ap::writeFileAtomically(file.toStdString(), json);
            if (!err.empty()) {
                printErr(QString::fromStdString(err));
                return kWriteFailed;
            }
        }
    }
    QJsonObject o;
    o[QStringLiteral("corpus")] = pos.first();
    o[QStringLiteral("pairs")] = int(read.corpus.pairs.size());
    o[QStringLiteral("scoring")] = QString::fromUtf8(ap::toString(options.scoring));
    o[QStringLiteral("normalization")] = QString::fromUtf8(ap::toString(options.normalization));
    o[QStringLiteral("heads")] = options.heads;
    o[QStringLiteral("hidden")] = options.hidden;
    o[QStringLiteral("embedding")] = options.embedding;
    o[QStringLiteral("epochs")] = last.epoch;
    o[QStringLiteral("learning_rate")] = options.learningRate;
    // JSON numbers are doubles: seeds beyond 2^53 are written as text.
    o[QStringLiteral("seed")] = options.seed <= (1ull << 53) ? QJsonValue(double(options.seed))
                                                              : QJsonValue(QString::number(options.seed));
    o[QStringLiteral("loss")] = last.loss;
    o[QStringLiteral("token_accuracy")] = last.tokenAccuracy;
    o[QStringLiteral("exact_match")] = last.exactMatch;
    o[QStringLiteral("aer")] = last.aer;
    o[QStringLiteral("pairs_with_gold")] = last.pairsWithGold;
    o[QStringLiteral("seconds")] = last.seconds;
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
    std::unique_ptr<QCoreApplication> app = std::make_unique<QCoreApplication>(argc, argv);
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
    if (command == "export") {
        // Only export draws, and drawing text needs a QGuiApplication. It is
        // made once the scene has been read, so that a bad scene's message is
        // the only thing on stderr; it never needs a display.
        return runExport(args, [&] {
            app.reset();
            qputenv("QT_QPA_PLATFORM", "offscreen");
            // Without a session (CI, ssh), Qt falls back to /tmp/runtime-USER
            // but warns on stderr; make that folder ourselves, quietly.
            if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
                const QString dir = QDir::tempPath() + QStringLiteral("/runtime-%1").arg(::getuid());
                if (QDir().mkpath(dir)
                    && QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
            }
            app = std::make_unique<QGuiApplication>(argc, argv);
        });
    }
    if (command == "train") return runTrain(args);
    return runBench(args);
}

}  // namespace app
