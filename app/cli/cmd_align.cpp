// align CORPUS.tsv: the statistical aligner of translation/aligner.h, with
// EM run on the pairs it aligns, or, with --train-corpus, trained on other
// pairs and applied with its parameters fixed (translation/trained_aligner.h).
// One line of Pharaoh links per pair ("0-0 1-2 2-1", source-target, 0-based;
// an empty line for a pair with no link) to -o or standard output, then,
// as the last line of standard output, one JSON object with the figures
// against the corpus's gold links.
#include "command_line.h"
#include "command_output.h"
#include "io/scene_io.h"
#include "translation/aligner.h"
#include "translation/corpus.h"
#include "translation/trained_aligner.h"

namespace app {

namespace {

std::string pharaoh(const ap::AlignerSummary& summary) {
    std::string out;
    for (const ap::PairAlignment& pair : summary.pairs) {
        for (std::size_t k = 0; k < pair.links.size(); ++k) {
            if (k > 0) out += ' ';
            out += std::to_string(pair.links[k].source) + '-' + std::to_string(pair.links[k].target);
        }
        out += '\n';
    }
    return out;
}

}  // namespace

int runAlign(const QStringList& args) {
    const ap::AlignerOptions defaults;
    CommandLine cl(QStringLiteral("align"), QStringLiteral("CORPUS.tsv"),
                   QStringLiteral("The corpus: source<TAB>target[<TAB>alignment] per line."));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QStringLiteral("ibm1, ibm2 or fastalign (default %1).").arg(QString::fromUtf8(ap::toString(defaults.model))),
        QStringLiteral("MODEL"), QString::fromUtf8(ap::toString(defaults.model)));
    const QCommandLineOption symmetrize(QStringLiteral("symmetrize"),
                                        QStringLiteral(
                                            "none (the source-to-target direction alone), intersect, union or gdfa "
                                            "(grow-diag-final-and; default %1).")
                                            .arg(QString::fromUtf8(ap::toString(defaults.symmetrize))),
                                        QStringLiteral("HOW"), QString::fromUtf8(ap::toString(defaults.symmetrize)));
    const QCommandLineOption iterations(
        QStringLiteral("iterations"),
        QStringLiteral("EM iterations per direction (default %1).").arg(defaults.iterations), QStringLiteral("N"),
        QString::number(defaults.iterations));
    const QCommandLineOption lowercase(QStringLiteral("lowercase"),
                                       QStringLiteral("Fold case on both sides before aligning."));
    const QCommandLineOption output =
        outputOption(QStringLiteral("Write the links to FILE instead of standard output."));
    const QCommandLineOption trainCorpus(QStringLiteral("train-corpus"),
                                         QStringLiteral(
                                             "Train on the pairs of TRAIN.tsv instead of CORPUS.tsv's, then align "
                                             "CORPUS.tsv with the parameters fixed (words never seen in training "
                                             "get EM's uniform start value)."),
                                         QStringLiteral("TRAIN.tsv"));
    cl.addOptions({model, symmetrize, iterations, lowercase, trainCorpus, output});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    ap::AlignerOptions options;
    const auto m = ap::alignmentModelFromString(cl.parser.value(model).toStdString());
    if (!m) return cl.usageError(QStringLiteral("--model must be ibm1, ibm2 or fastalign"));
    const auto s = ap::symmetrizationFromString(cl.parser.value(symmetrize).toStdString());
    if (!s) return cl.usageError(QStringLiteral("--symmetrize must be none, intersect, union or gdfa"));
    if (!cl.intOption(iterations, 1, 1000, options.iterations)) return kBadInput;
    options.model = *m;
    options.symmetrize = *s;
    options.lowercase = cl.parser.isSet(lowercase);

    ap::CorpusReadResult read = ap::readCorpusFile(nativePath(cl.input));
    if (!read.ok) {
        printErrBytes(read.error);
        return kBadInput;
    }
    const bool separate = cl.parser.isSet(trainCorpus);
    ap::CorpusReadResult training;
    if (separate) {
        training = ap::readCorpusFile(nativePath(cl.parser.value(trainCorpus)));
        if (!training.ok) {
            printErrBytes(training.error);
            return kBadInput;
        }
        // Two corpora: the engine's messages name the one at fault, as given.
        training.value.name = cl.parser.value(trainCorpus).toStdString();
        read.value.name = cl.input.toStdString();
    }
    const ap::AlignerSummary summary =
        separate ? ap::alignHeldOut(training.value, read.value, options) : ap::alignCorpus(read.value, options);
    if (!summary.status.ok) {
        if (separate)
            printErrBytes(summary.status.message);
        else
            printErr(QStringLiteral("%1: %2").arg(cl.input, QString::fromStdString(summary.status.message)));
        return kBadInput;
    }
    const std::string links = pharaoh(summary);
    CommandOutput out;
    if (cl.parser.isSet(output))
        if (const int opened = out.openFile(cl.parser.value(output)); opened != kOk) return opened;
    out.write(links);
    if (const int written = out.finish(); written != kOk) return written;
    // Without gold links there is nothing to score: the three rates are null.
    const bool scored = summary.pairsWithGold > 0;
    const bool printed = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        writeNumberOrNull(o.key("aer"), scored, summary.aer());
        writeNumberOrNull(o.key("precision"), scored, summary.precision());
        writeNumberOrNull(o.key("recall"), scored, summary.recall());
        o.key("seconds").number(summary.seconds);
        o.key("pairs").number(double(summary.pairs.size()));
        o.key("pairs_with_gold").number(double(summary.pairsWithGold));
        o.key("model").string(ap::toString(options.model));
        o.key("symmetrize").string(ap::toString(options.symmetrize));
        o.key("iterations").number(double(options.iterations));
        writeBool(o.key("lowercase"), options.lowercase);
        // Where the parameters were trained: the aligned pairs themselves,
        // or the --train-corpus pairs.
        if (separate)
            o.key("train_corpus").string(cl.parser.value(trainCorpus).toStdString());
        else
            o.key("train_corpus").out() += "null";
        o.key("train_pairs").number(double(separate ? training.value.pairs.size() : summary.pairs.size()));
    });
    return printed ? kOk : kWriteFailed;
}

}  // namespace app
