// generate-corpus --grammar fr-en|de-en|zh-en --pairs N --seed S -o FILE.tsv:
// sentence pairs from the grammars of translation/grammar.h with their
// gold alignment, written atomically. Prints one JSON line on success.
#include "command_line.h"
#include "io/json.h"
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
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The corpus file to write."), QStringLiteral("FILE.tsv"));
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
    const std::string err = ap::writeFileAtomically(path, ap::corpusToTsv(generated, options));
    if (!err.empty()) {
        printErrBytes(err);
        return kWriteFailed;
    }
    // JSON numbers are doubles: seeds beyond 2^53 are written as text.
    const std::string seedText = std::to_string(options.seed);
    std::string json = "{\"grammar\":" + ap::json::quote(ap::toString(options.grammar)) +
                       ",\"output\":" + ap::json::quote(cl.parser.value(output).toStdString()) +
                       ",\"pairs\":" + std::to_string(options.pairs) +
                       ",\"seed\":" + (options.seed <= (1ull << 53) ? seedText : ap::json::quote(seedText)) + "}";
    return printOut(QString::fromStdString(json)) ? kOk : kWriteFailed;
}

}  // namespace app
