// generate-corpus --grammar fr-en|de-en|zh-en --pairs N --seed S -o FILE.tsv:
// sentence pairs from the grammars of translation/grammar.h with their
// gold alignment, written atomically. Prints one JSON line on success.
#include "command_line.h"
#include "command_output.h"
#include "io/scene_io.h"
#include "translation/grammar.h"

namespace app {

int runGenerateCorpus(const QStringList& args) {
    const ap::GrammarOptions defaults;
    CommandLine cl(QStringLiteral("generate-corpus"), QString(), QString());
    const QCommandLineOption grammar(QStringLiteral("grammar"), QStringLiteral("fr-en, de-en or zh-en."),
                                     QStringLiteral("PAIR"));
    const QCommandLineOption pairs(QStringLiteral("pairs"),
                                   QStringLiteral("How many sentence pairs (default %1).").arg(defaults.pairs),
                                   QStringLiteral("N"), QString::number(defaults.pairs));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the draws; the same seed gives the same file (default %1).").arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption output =
        outputOption(QStringLiteral("The corpus file to write."), QStringLiteral("FILE.tsv"));
    cl.addOptions({grammar, pairs, seed, output});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    ap::GrammarOptions options;
    const auto g = ap::grammarFromString(cl.parser.value(grammar).toStdString());
    if (!g) return cl.usageError(QStringLiteral("--grammar must be fr-en, de-en or zh-en"));
    options.grammar = *g;
    unsigned long long seedValue = 0;
    if (!cl.intOption(pairs, 1, ap::limits::corpus::kMaxPairs, options.pairs) || !cl.seedOption(seed, seedValue))
        return kBadInput;
    options.seed = seedValue;
    if (!cl.parser.isSet(output)) return cl.usageError(QStringLiteral("-o FILE.tsv is required"));
    if (cl.parser.value(output).isEmpty()) return cl.usageError(QStringLiteral("-o: the file name is empty"));
    const ap::GeneratedCorpus generated = ap::generateCorpus(options);
    if (!generated.ok) return cl.usageError(QString::fromStdString(generated.error));
    const std::string path = nativePath(cl.parser.value(output));
    if (const ap::Status written = ap::writeFileAtomically(path, ap::corpusToTsv(generated, options)); !written) {
        printErrBytes(written.message);
        return kWriteFailed;
    }
    const bool written = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        o.key("grammar").string(ap::toString(options.grammar));
        o.key("output").string(cl.parser.value(output).toStdString());
        o.key("pairs").number(double(options.pairs));
        writeSeed(o.key("seed"), options.seed);
    });
    return written ? kOk : kWriteFailed;
}

}  // namespace app
