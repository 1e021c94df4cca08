#include "command_line.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace app {

void printErr(const QString& s) { std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData()); }

void printErrBytes(const std::string& message) {
    std::fwrite(message.data(), 1, message.size(), stderr);
    std::fputc('\n', stderr);
}

namespace {
std::vector<QByteArray>& argumentBytes() {
    static std::vector<QByteArray> args;
    return args;
}
}  // namespace

void rememberArguments(int argc, char** argv) {
    std::vector<QByteArray>& args = argumentBytes();
    args.clear();
    for (int i = 0; i < argc; ++i) {
        const QByteArray a(argv[i]);
        args.push_back(a);
        if (const qsizetype eq = a.indexOf('='); a.startsWith("--") && eq > 0) args.push_back(a.mid(eq + 1));
        if (a.size() > 2 && a[0] == '-' && a[1] != '-') args.push_back(a.mid(2));
    }
}

std::string nativePath(const QString& path) {
    for (const QByteArray& a : argumentBytes())
        if (QFile::decodeName(a) == path) return a.toStdString();
    return QFile::encodeName(path).toStdString();
}

bool printOut(const QString& s) {
    const QByteArray bytes = s.toLocal8Bit() + '\n';
    const bool written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) == size_t(bytes.size());
    return std::fflush(stdout) == 0 && written;
}

CommandLine::CommandLine(QString commandName, QString inputName, QString inputDescription)
    : command(std::move(commandName)), inputName_(std::move(inputName)) {
    parser.setApplicationDescription(QStringLiteral("attention-playground %1").arg(command));
    parser.addPositionalArgument(inputName_, inputDescription);
}

bool CommandLine::parse(const QStringList& args, int& exitCode) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        exitCode = usageError(parser.errorText());
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
        exitCode = usageError(QStringLiteral("expected exactly one %1, got %2").arg(inputName_).arg(pos.size()));
        return false;
    }
    input = pos.first();
    return true;
}

int CommandLine::usageError(const QString& message) const {
    printErr(QStringLiteral("attention-playground %1: %2").arg(command, message));
    return kBadInput;
}

bool parseInt(const QString& text, int lo, int hi, int& out) {
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < lo || v > hi) return false;
    out = v;
    return true;
}

bool CommandLine::intOption(const QCommandLineOption& option, int lo, int hi, int& out) {
    if (parseInt(parser.value(option), lo, hi, out)) return true;
    usageError(QStringLiteral("--%1 must be a whole number from %2 to %3").arg(option.names().last()).arg(lo).arg(hi));
    return false;
}

bool CommandLine::doubleOption(const QCommandLineOption& option, double lo, double hi, double& out) {
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (ok && v >= lo && v <= hi) {
        out = v;
        return true;
    }
    usageError(QStringLiteral("--%1 must be a number from %2 to %3").arg(option.names().last()).arg(lo).arg(hi));
    return false;
}

bool CommandLine::seedOption(const QCommandLineOption& option, unsigned long long& out) {
    bool ok = false;
    const unsigned long long v = parser.value(option).toULongLong(&ok);
    if (ok) {
        out = v;
        return true;
    }
    usageError(QStringLiteral("--%1 must be a whole number from 0 to 18446744073709551615").arg(option.names().last()));
    return false;
}

const std::vector<CommandInfo>& commands() {
    static const std::vector<CommandInfo> list = {
        {"compute",
         "compute SCENE.json [-o RESULT.json] [--omit LIST]\n"
         "                                      write the attention result as JSON",
         [](const QStringList& a, const std::function<void()>&) { return runCompute(a); }},
        {"export",
         "export SCENE.json -o FILE.png|.svg|.pdf [--head N|mean] [--width PX]\n"
         "       [--height PX]                  write the heatmap image\n"
         "  export ATTENTION --layer L --head H|mean|max|rollout -o FILE.png|.svg|.pdf\n"
         "                                      the same for an attention file",
         runExport},
        {"bench",
         "bench SCENE.json [--repeat N] [--threads N]\n"
         "                                      time the engine on the scene",
         [](const QStringList& a, const std::function<void()>&) { return runBench(a); }},
        {"train",
         "train TRAIN.tsv [--eval EVAL.tsv | --holdout FRACTION] [--lowercase]\n"
         "      [--scoring KIND] [--normalization KIND] [--heads N] [--hidden N]\n"
         "      [--epochs N] [--lr X] [--seed S] [--guided-alignment LAMBDA]\n"
         "      [--save-attention DIR] [--save-model FILE]\n"
         "                                      train the translation model on the\n"
         "                                      pairs; one line per epoch, then JSON",
         [](const QStringList& a, const std::function<void()>&) { return runTrain(a); }},
        {"translate",
         "translate --model FILE \"SENTENCE\"   translate with a saved model; the\n"
         "                                      last line is JSON with the attention",
         [](const QStringList& a, const std::function<void()>&) { return runTranslate(a); }},
        {"inspect",
         "inspect ATTENTION                     what an attention file (.npy, .npz,\n"
         "                                      .safetensors, BertViz JSON) holds",
         [](const QStringList& a, const std::function<void()>&) { return runInspect(a); }},
        {"heads", "heads ATTENTION                       per-head statistics as JSON",
         [](const QStringList& a, const std::function<void()>&) { return runHeads(a); }},
        {"rollout",
         "rollout ATTENTION [--residual R] [--head-fusion mean|max|min] [--flow]\n"
         "        [-o OUT.json|.csv]           attention rollout (or flow) as JSON or CSV",
         [](const QStringList& a, const std::function<void()>&) { return runRollout(a); }},
        {"timestep",
         "timestep [--steps T] [--informative K] [--input-dim D] [--units U]\n"
         "      [--samples N] [--test-samples M] [--epochs E] [--batch B] [--lr X]\n"
         "      [--seed S] [--placement after|before] [--shared-attention]\n"
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
        {"align",
         "align CORPUS.tsv [--model ibm1|ibm2|fastalign] [--symmetrize none|intersect|\n"
         "      union|gdfa] [--iterations N] [--lowercase] [-o LINKS.txt]\n"
         "                                      align the pairs' words with IBM Model 1,\n"
         "                                      2 or fast_align; Pharaoh links, then JSON",
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
        {"attend",
         "attend MODEL_DIR (--text TEXT | --token-ids I,J,K) -o OUT.npz|.npy|.safetensors\n"
         "      [--truncate] [--scene L:H SCENE.json] [--top N] [--ablate L:H,...]\n"
         "                                      run a Hugging Face checkpoint (BERT, GPT-2,\n"
         "                                      Llama families); every head's attention",
         [](const QStringList& a, const std::function<void()>&) { return runAttend(a); }},
    };
    return list;
}

}  // namespace app
