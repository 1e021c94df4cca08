// train CORPUS.tsv: the encoder-decoder of translation/seq2seq.h on a
// parallel corpus. One line per epoch, then, as the last line, one JSON
// object with the final figures. --save-attention writes each pair's
// teacher-forced attention as a scene file, pair-0001.json, ...
#include "command_line.h"
#include "io/scene_io.h"
#include "translation/corpus.h"
#include "translation/seq2seq.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace app {

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
    else if (!parseInt(parser.value(heads), 1, ap::limits::kMaxHeads, options.heads))
        bad = QStringLiteral("--heads must be a whole number from 1 to %1").arg(ap::limits::kMaxHeads);
    else if (!parseInt(parser.value(hidden), 1, ap::limits::kMaxWidth, options.hidden))
        bad = QStringLiteral("--hidden must be a whole number from 1 to %1").arg(ap::limits::kMaxWidth);
    else if (!parseInt(parser.value(epochs), 1, 1000000, options.epochs))
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
    const ap::CorpusReadResult read = ap::readCorpusFile(nativePath(pos.first()));
    if (!read.ok) {
        printErrBytes(read.error);
        return kBadInput;
    }
    ap::Seq2SeqTrainer trainer;
    if (const std::string err = trainer.start(read.value, options); !err.empty()) {
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
            const std::string err = ap::writeFileAtomically(nativePath(file), json);
            if (!err.empty()) {
                printErr(QString::fromStdString(err));
                return kWriteFailed;
            }
        }
    }
    QJsonObject o;
    o[QStringLiteral("corpus")] = pos.first();
    o[QStringLiteral("pairs")] = int(read.value.pairs.size());
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

}  // namespace app
