#include "cli.h"

#include "command_line.h"
#include "i18n/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>

#include <unistd.h>

#include <cstring>
#include <memory>

namespace app {

// The command table: its synopses are what the general --help shows.
const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> list = {
        {"compute",
         "compute SCENE.json [-o RESULT.json] [--omit LIST]\n"
         "                                      write the attention result as JSON",
         [](const QStringList& a, const std::function<void()>&) { return runCompute(a); }},
        {"export",
         "export SCENE.json -o FILE.png|.svg|.pdf [--head N|mean] [--width PX]\n"
         "       [--height PX] [--scores] [--color-scale SCALE]\n"
         "                                      write the heatmap image\n"
         "    or export ATTENTION [--layer L] [--head H|mean|max|rollout]\n"
         "       -o FILE.png|.svg|.pdf|.csv     the same for an attention file (rollout:\n"
         "                                      through layer L when --layer is given)",
         runExport},
        {"bench",
         "bench SCENE.json [--repeat N] [--threads N]\n"
         "                                      time the engine on the scene",
         [](const QStringList& a, const std::function<void()>&) { return runBench(a); }},
        {"train",
         "train TRAIN.tsv [--eval EVAL.tsv | --holdout FRACTION] [--lowercase]\n"
         "      [--scoring KIND] [--normalization KIND] [--heads N] [--hidden N]\n"
         "      [--embedding N] [--initial-state zero|encoder] [--epochs N]\n"
         "      [--lr X] [--lr-schedule linear|constant] [--batch N] [--seed S]\n"
         "      [--guided-alignment LAMBDA [--guide gold|ibm2]] [--eval-every N]\n"
         "      [--save-attention DIR] [--save-model FILE]\n"
         "                                      train the translation model on the\n"
         "                                      pairs; one line per epoch, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runTrain(a); }},
        {"translate",
         "translate --model FILE \"SENTENCE\"   translate with a saved model; the\n"
         "                                      last line is JSON with the attention",
         [](const QStringList& a, const std::function<void()>&) { return runTranslate(a); }},
        {"inspect",
         "inspect ATTENTION                   what an attention file (.npy, .npz,\n"
         "                                      .safetensors, BertViz JSON) holds",
         [](const QStringList& a, const std::function<void()>&) { return runInspect(a); }},
        {"heads", "heads ATTENTION                     per-head statistics as JSON",
         [](const QStringList& a, const std::function<void()>&) { return runHeads(a); }},
        {"rollout",
         "rollout ATTENTION [--residual R] [--head-fusion mean|max|min] [--layer L]\n"
         "        [--flow] [-o OUT.json|.csv]   attention rollout R = Â_L···Â_1 through\n"
         "                                      layer L (or flow) as JSON or CSV",
         [](const QStringList& a, const std::function<void()>&) { return runRollout(a); }},
        {"timestep",
         "timestep [--steps T] [--informative K] [--input-dim D] [--units U]\n"
         "      [--samples N] [--test-samples M] [--epochs E] [--batch B] [--lr X]\n"
         "      [--threads N] [--seed S] [--placement after|before]\n"
         "      [--shared-attention]\n"
         "                                      the time-step attention experiment;\n"
         "                                      one line per epoch, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runTimestep(a); }},
        {"channel",
         "channel [--channels C] [--informative K] [--samples N] [--epochs E]\n"
         "      [--activation hard_sigmoid|hard_swish|sigmoid] [--seed S]\n"
         "                                      the channel attention experiment;\n"
         "                                      one line per epoch, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runChannel(a); }},
        {"spatial",
         "spatial [--distortion rotate|translate|scale|clutter|all] [--samples N]\n"
         "      [--test-samples M] [--epochs E] [--seed S] [--save-data FILE.npz]\n"
         "                                      the spatial attention experiment (a\n"
         "                                      spatial transformer on distorted digits);\n"
         "                                      one line per epoch, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runSpatial(a); }},
        {"attend",
         "attend MODEL_DIR (--text TEXT | --token-ids I,J,K) -o OUT.npz|.npy|.safetensors\n"
         "      [--truncate] [--scene L:H SCENE.json] [--top N] [--ablate L:H,...]\n"
         "      [--threads N]\n"
         "                                      run a Hugging Face checkpoint (BERT, GPT-2,\n"
         "                                      Llama families); every head's attention",
         [](const QStringList& a, const std::function<void()>&) { return runAttend(a); }},
        {"align",
         "align CORPUS.tsv [--model ibm1|ibm2|fastalign] [--symmetrize none|intersect|\n"
         "      union|gdfa] [--iterations N] [--lowercase] [--train-corpus TRAIN.tsv]\n"
         "      [-o LINKS.txt]                  align the pairs' words with IBM Model 1,\n"
         "                                      2 or fast_align (trained on CORPUS.tsv,\n"
         "                                      or on TRAIN.tsv and applied fixed);\n"
         "                                      Pharaoh links, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runAlign(a); }},
        {"generate-corpus",
         "generate-corpus --grammar fr-en|de-en|zh-en --pairs N --seed S\n"
         "      -o FILE.tsv                     write sentence pairs with exact gold\n"
         "                                      alignments from a small grammar",
         [](const QStringList& a, const std::function<void()>&) { return runGenerateCorpus(a); }},
        {"explain",
         "explain SCENE.json --query I --key J [--head H]\n"
         "                                      one weight step by step; last line JSON",
         [](const QStringList& a, const std::function<void()>&) { return runExplain(a); }},
    };
    return list;
}

namespace {

QString generalHelp() {
    QString text = QStringLiteral("Usage: attention-playground [FILE]\n"
                                  "       attention-playground COMMAND [options]\n"
                                  "\n"
                                  "Explore the attention mechanism: edit Q, K and V, change the scoring and\n"
                                  "normalization, and watch the attention weights.\n"
                                  "\n"
                                  "Without a command the desktop application opens, on FILE or on the\n"
                                  "built-in example \"Je suis étudiant\" -> \"I am a student\".\n"
                                  "\n"
                                  "Commands (no display needed):\n");
    for (const CommandInfo& c : commands()) text += QStringLiteral("  %1\n").arg(QString::fromUtf8(c.synopsis));
    text += QStringLiteral("\n"
                           "Run 'attention-playground COMMAND --help' for a command's options.\n"
                           "Exit status: 0 success, 1 an output file could not be written,\n"
                           "2 bad arguments or a bad input file.\n"
                           "\n"
                           "Options:\n"
                           "  -h, --help     Displays this help.\n"
                           "  -v, --version  Displays version information.");
    return text;
}

bool isHelpOrVersion(const char* a) {
    for (const char* o : {"-h", "--help", "--help-all", "-v", "--version"})
        if (std::strcmp(a, o) == 0) return true;
    return false;
}

// Options QGuiApplication itself reads (-platform xcb, -style fusion, ...):
// they open the window like no argument at all.
bool isQtWindowOption(const char* a) {
    for (const char* o : {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qwindowgeometry",
                          "-qwindowicon", "-qwindowtitle", "-reverse", "-session", "-style", "-stylesheet",
                          "-widgetcount", "-display", "-geometry", "-qmljsdebugger"})
        if (std::strcmp(a, o) == 0 || (std::strncmp(a, o, std::strlen(o)) == 0 && a[std::strlen(o)] == '='))
            return true;
    return false;
}

const CommandInfo* findCommand(const char* name) {
    for (const CommandInfo& c : commands())
        if (std::strcmp(name, c.name) == 0) return &c;
    return nullptr;
}

}  // namespace

Invocation classify(int argc, char** argv) {
    if (argc < 2) return Invocation::Window;
    const char* first = argv[1];
    if (findCommand(first) || isHelpOrVersion(first)) return Invocation::Command;
    if (isQtWindowOption(first)) return Invocation::Window;
    // The file name is bytes in the local encoding, whatever they are.
    // A folder is a model checkpoint, opened in the model window.
    if (first[0] != '-') {
        const QFileInfo info(QFile::decodeName(first));
        if (info.isFile() || info.isDir()) return Invocation::Window;
    }
    return Invocation::Unknown;
}

int reportUnknown(int argc, char** argv) {
    const char* first = argc > 1 ? argv[1] : "";
    const bool looksLikeFile = std::strchr(first, '/') || std::strchr(first, '.');
    if (first[0] == '-')
        std::fprintf(stderr, "attention-playground: unknown option '%s'; see --help\n", first);
    else if (looksLikeFile)
        std::fprintf(stderr, "attention-playground: '%s' is neither a command nor an existing file; see --help\n",
                     first);
    else
        std::fprintf(stderr, "attention-playground: unknown command '%s'; see --help\n", first);
    return kBadInput;
}

int runCommand(int argc, char** argv) {
    const QByteArray command(argv[1]);
    rememberArguments(argc, argv);
    std::unique_ptr<QCoreApplication> app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attention-playground"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AP_VERSION));

    if (command == "-h" || command == "--help" || command == "--help-all")
        return printOut(generalHelp()) ? kOk : kWriteFailed;
    if (command == "-v" || command == "--version")
        return printOut(QStringLiteral("attention-playground %1").arg(QStringLiteral(AP_VERSION))) ? kOk : kWriteFailed;
    const CommandInfo* info = findCommand(argv[1]);
    QStringList args = QCoreApplication::arguments();
    args.removeAt(1);  // the command; QCommandLineParser expects argv[0] first
    // Drawing text needs a QGuiApplication. Commands that draw make it once
    // their input has been read, so that a bad input's message is the only
    // thing on stderr; it never needs a display.
    const auto startGui = [&] {
        app.reset();
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a session (CI, ssh), Qt falls back to /tmp/runtime-USER
        // but warns on stderr; make that folder ourselves, quietly.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QString dir = QDir::tempPath() + QStringLiteral("/runtime-%1").arg(::getuid());
            if (QDir().mkpath(dir) &&
                QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
        }
        app = std::make_unique<QGuiApplication>(argc, argv);
        // The words drawn into pictures (title, colour-bar label) follow the
        // locale like the window's; the command line's own messages stay
        // English, as its options do.
        ui::installTranslators(QLocale::system());
    };
    return info->run(args, startGui);
}

}  // namespace app
