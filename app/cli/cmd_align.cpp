// align CORPUS.tsv: the statistical aligner of translation/aligner.h. One
// line of Pharaoh links per pair ("0-0 1-2 2-1", source-target, 0-based;
// an empty line for a pair with no link) to -o or standard output, then,
// as the last line of standard output, one JSON object with the figures
// against the corpus's gold links.
#include "command_line.h"
#include "command_output.h"
#include "io/scene_io.h"
#include "translation/aligner.h"
#include "translation/corpus.h"

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
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the links to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    cl.addOptions({model, symmetrize, iterations, lowercase, output});
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

    const ap::CorpusReadResult read = ap::readCorpusFile(nativePath(cl.input));
    if (!read.ok) {
        printErrBytes(read.error);
        return kBadInput;
    }
    const ap::AlignerSummary summary = ap::alignCorpus(read.value, options);
    if (!summary.ok) {
        printErr(QStringLiteral("%1: %2").arg(cl.input, QString::fromStdString(summary.error)));
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
    });
    return printed ? kOk : kWriteFailed;
}

}  // namespace app
