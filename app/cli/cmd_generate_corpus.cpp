// generate-corpus --grammar fr-en|de-en|zh-en --pairs N --seed S -o FILE.tsv:
// sentence pairs from the grammars of translation/grammar.h with their
// gold alignment, written atomically. Prints one JSON line on success.
#include "command_line.h"
#include "io/scene_io.h"
#include "translation/grammar.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace app {

int runGenerateCorpus(const QStringList& args) {
    const ap::GrammarOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("attention-playground generate-corpus"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
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
    parser.addOptions({help, grammar, pairs, seed, output});
    const auto fail = [](const QString& message) {
        printErr(QStringLiteral("attention-playground generate-corpus: %1").arg(message));
        return kBadInput;
    };
    if (!parser.parse(args)) return fail(parser.errorText());
    if (parser.isSet(help)) {
        return printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                                  QStringLiteral("attention-playground generate-corpus")))
                   ? kOk
                   : kWriteFailed;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    ap::GrammarOptions options;
    const auto g = ap::grammarFromString(parser.value(grammar).toStdString());
    if (!g) return fail(QStringLiteral("--grammar must be fr-en, de-en or zh-en"));
    options.grammar = *g;
    if (!parseInt(parser.value(pairs), 1, ap::limits::corpus::kMaxPairs, options.pairs))
        return fail(QStringLiteral("--pairs must be a whole number from 1 to %1").arg(ap::limits::corpus::kMaxPairs));
    bool seedOk = false;
    options.seed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk) return fail(QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615"));
    if (!parser.isSet(output)) return fail(QStringLiteral("-o FILE.tsv is required"));
    const ap::GeneratedCorpus generated = ap::generateCorpus(options);
    if (!generated.ok) return fail(QString::fromStdString(generated.error));
    const std::string err =
        ap::writeFileAtomically(nativePath(parser.value(output)), ap::corpusToTsv(generated, options));
    if (!err.empty()) {
        printErrBytes(err);
        return kWriteFailed;
    }
    QJsonObject o;
    o[QStringLiteral("grammar")] = QString::fromUtf8(ap::toString(options.grammar));
    o[QStringLiteral("pairs")] = options.pairs;
    o[QStringLiteral("seed")] =
        options.seed <= (1ull << 53) ? QJsonValue(double(options.seed)) : QJsonValue(QString::number(options.seed));
    o[QStringLiteral("output")] = parser.value(output);
    return printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))) ? kOk : kWriteFailed;
}

}  // namespace app
