// train TRAIN.tsv: the encoder-decoder of translation/seq2seq.h on a
// parallel corpus, evaluated on held-out pairs (--eval or --holdout). One
// line per epoch, then, as the last line, one JSON object with the final
// figures ("eval" holds the held-out ones). --save-attention writes each
// pair's teacher-forced attention as a scene file; --save-model keeps the
// model (translation/model_file.h).
#include "command_line.h"
#include "command_output.h"
#include "io/scene_io.h"
#include "translation/aligner.h"
#include "translation/corpus.h"
#include "translation/corpus_split.h"
#include "translation/model_file.h"
#include "translation/seq2seq.h"
#include "translation/trained_aligner.h"

#include <QDir>
#include <QFile>

#include <filesystem>
#include <system_error>

namespace app {
namespace {

// The held-out AER of each statistical aligner (defaults: 10 iterations,
// grow-diag-final-and), null without gold links. With `trainedOnTrainingPairs`
// the aligner is trained on the training pairs and aligns the held-out ones
// with its parameters fixed, as the translator saw them; otherwise its EM
// runs on the held-out pairs themselves, as word aligners are run on the
// text they align.
void writeAlignerAer(ap::json::Writer& w, const ap::Corpus& training, const ap::Corpus& heldOut,
                     bool trainedOnTrainingPairs) {
    ap::json::InlineObjectWriter o(w);
    for (ap::AlignmentModel model :
         {ap::AlignmentModel::Ibm1, ap::AlignmentModel::Ibm2, ap::AlignmentModel::FastAlign}) {
        ap::AlignerOptions options;
        options.model = model;
        const ap::AlignerSummary s =
            trainedOnTrainingPairs ? ap::alignHeldOut(training, heldOut, options) : ap::alignCorpus(heldOut, options);
        writeNumberOrNull(o.key(ap::toString(model)), s.status.ok && s.pairsWithGold > 0, s.aer());
    }
    o.close();
}

// The held-out figures; `unseen` is the share of sentences the model never saw.
void writeEvaluation(ap::json::Writer& w, const ap::Evaluation& e, int pairs, double unseen, const ap::Corpus& training,
                     const ap::Corpus& heldOut) {
    ap::json::InlineObjectWriter o(w);
    o.key("pairs").number(double(pairs));
    o.key("loss").number(e.loss);
    o.key("exact_match").number(e.exactMatch);
    o.key("token_accuracy").number(e.tokenAccuracy);
    o.key("bleu").number(e.bleu);
    // AER needs gold links: null when no held-out pair has any.
    writeNumberOrNull(o.key("aer"), e.pairsWithGold > 0, e.aer);
    o.key("pairs_with_gold").number(double(e.pairsWithGold));
    o.key("unseen_sources").number(unseen);
    writeAlignerAer(o.key("aligner_aer"), training, heldOut, false);
    writeAlignerAer(o.key("aligner_aer_train_only"), training, heldOut, true);
    o.close();
}

// Writes prefix-0001.json, ... into dir; false after printing the error.
bool saveAttention(const QString& dir, const QString& prefix, const ap::Seq2SeqModel& model,
                   const std::vector<ap::SentencePair>& pairs) {
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const QString name = QStringLiteral("%1-%2.json").arg(prefix).arg(i + 1, 4, 10, QLatin1Char('0'));
        const std::string json = ap::sceneToJson(ap::sceneFromPair(model, pairs[i]));
        if (const ap::Status written = ap::writeFileAtomically(nativePath(dir) + "/" + name.toStdString(), json);
            !written) {
            printErrBytes(written.message);
            return false;
        }
    }
    return true;
}

}  // namespace

int runTrain(const QStringList& args) {
    const ap::Seq2SeqOptions defaults;
    CommandLine cl(QStringLiteral("train"), QStringLiteral("TRAIN.tsv"),
                   QStringLiteral("The training pairs: source<TAB>target[<TAB>alignment] per line."));
    const QString defaultScoring = QString::fromUtf8(ap::toString(defaults.scoring));
    const QString defaultNormalization = QString::fromUtf8(ap::toString(defaults.normalization));
    const QCommandLineOption scoring(
        QStringLiteral("scoring"),
        QStringLiteral("dot, scaled_dot, general, additive or cosine (default %1).").arg(defaultScoring),
        QStringLiteral("KIND"), defaultScoring);
    const QCommandLineOption normalization(
        QStringLiteral("normalization"), QStringLiteral("softmax or sparsemax (default %1).").arg(defaultNormalization),
        QStringLiteral("KIND"), defaultNormalization);
    const QCommandLineOption heads =
        defaultedIntOption("heads", "Attention heads; must divide --hidden", defaults.heads);
    const QCommandLineOption hidden = defaultedIntOption("hidden", "GRU state width", defaults.hidden);
    const QCommandLineOption embedding = defaultedIntOption("embedding", "Token embedding width", defaults.embedding);
    const QCommandLineOption epochs(QStringLiteral("epochs"),
                                    QStringLiteral(
                                        "Passes over the pairs; 0 (the default) chooses about %1 pair updates, "
                                        "at most %2 epochs.")
                                        .arg(ap::kAutomaticUpdates)
                                        .arg(ap::kMaxAutomaticEpochs),
                                    QStringLiteral("N"), QString::number(defaults.epochs));
    const QCommandLineOption initialState(QStringLiteral("initial-state"),
                                          QStringLiteral(
                                              "The decoder's first state: zero (the default; the source reaches "
                                              "the decoder only through attention) or encoder (the encoder's "
                                              "last states)."),
                                          QStringLiteral("FROM"), QStringLiteral("zero"));
    const QCommandLineOption lrSchedule(QStringLiteral("lr-schedule"),
                                        QStringLiteral(
                                            "linear (the default: the learning rate falls to 0 over the run) "
                                            "or constant."),
                                        QStringLiteral("KIND"), QStringLiteral("linear"));
    const QCommandLineOption lr = learningRateOption(defaults.adam.learningRate);
    const QCommandLineOption batch = defaultedIntOption("batch", "Pairs per Adam step", defaults.batchSize);
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the initial parameters, the order of the pairs and the --holdout split (default %1).")
            .arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption eval(QStringLiteral("eval"),
                                  QStringLiteral("Held-out pairs to evaluate on (never trained on)."),
                                  QStringLiteral("EVAL.tsv"));
    const QCommandLineOption holdout(QStringLiteral("holdout"),
                                     QStringLiteral(
                                         "Hold out this fraction of TRAIN.tsv's pairs, chosen with the seed."),
                                     QStringLiteral("FRACTION"));
    const QCommandLineOption lowercase(QStringLiteral("lowercase"),
                                       QStringLiteral("Lower-case both sides of every pair (training and held-out)."));
    const QCommandLineOption guided(QStringLiteral("guided-alignment"),
                                    QStringLiteral("Weight of the guided-alignment loss (default 0: off)."),
                                    QStringLiteral("LAMBDA"), QStringLiteral("0"));
    const QCommandLineOption guide(
        QStringLiteral("guide"),
        QStringLiteral("Where the guide comes from: gold (the training pairs' links; default) or ibm2 (IBM Model 2 "
                       "links, grow-diag-final-and, 10 iterations, trained on the training pairs)."),
        QStringLiteral("SOURCE"), QStringLiteral("gold"));
    const QCommandLineOption evalEvery =
        defaultedIntOption("eval-every", "Compute the figures after every N epochs and the last", 1);
    const QCommandLineOption saveAttentionOption(QStringLiteral("save-attention"),
                                                 QStringLiteral(
                                                     "Write each pair's attention as a scene file into DIR "
                                                     "(pair-0001.json, ...; held-out pairs eval-0001.json, ...)."),
                                                 QStringLiteral("DIR"));
    const QCommandLineOption saveModel(QStringLiteral("save-model"),
                                       QStringLiteral("Keep the trained model in FILE (read by translate --model)."),
                                       QStringLiteral("FILE"));
    cl.addOptions({scoring, normalization, heads, hidden, embedding, epochs, initialState, lrSchedule, lr, batch, seed,
                   eval, holdout, lowercase, guided, guide, evalEvery, saveAttentionOption, saveModel});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::Seq2SeqOptions options;
    const auto kind = ap::scoringFromString(cl.parser.value(scoring).toStdString());
    const auto norm = ap::normalizationFromString(cl.parser.value(normalization).toStdString());
    if (!kind) return cl.usageError(QStringLiteral("--scoring must be dot, scaled_dot, general, additive or cosine"));
    if (!norm) return cl.usageError(QStringLiteral("--normalization must be softmax or sparsemax"));
    options.scoring = *kind;
    options.normalization = *norm;
    unsigned long long seedValue = 0;
    int evaluateEvery = 1;
    double holdoutFraction = 0.0;
    if (!readIntOptions(cl, {{heads, 1, ap::limits::kMaxHeads, options.heads},
                             {hidden, 1, ap::limits::kMaxWidth, options.hidden},
                             {embedding, 1, ap::limits::kMaxWidth, options.embedding},
                             {epochs, 0, 1000000, options.epochs}}) ||
        !cl.doubleOption(lr, 1e-9, 10.0, options.adam.learningRate) ||
        !cl.intOption(batch, 1, 100000, options.batchSize) || !cl.seedOption(seed, seedValue) ||
        !cl.doubleOption(guided, 0.0, 1000.0, options.guidedAlignment) ||
        !cl.intOption(evalEvery, 1, 1000000, evaluateEvery))
        return kBadInput;
    options.seed = seedValue;
    if (cl.parser.isSet(holdout) && !cl.doubleOption(holdout, 0.0, 0.9, holdoutFraction)) return kBadInput;
    if (cl.parser.isSet(eval) && cl.parser.isSet(holdout))
        return cl.usageError(QStringLiteral("--eval and --holdout exclude each other"));
    const QString initialFrom = cl.parser.value(initialState);
    if (initialFrom != QLatin1String("zero") && initialFrom != QLatin1String("encoder"))
        return cl.usageError(QStringLiteral("--initial-state must be zero or encoder"));
    options.initialStateFromEncoder = initialFrom == QLatin1String("encoder");
    const QString schedule = cl.parser.value(lrSchedule);
    if (schedule != QLatin1String("linear") && schedule != QLatin1String("constant"))
        return cl.usageError(QStringLiteral("--lr-schedule must be linear or constant"));
    options.decayLearningRate = schedule == QLatin1String("linear");
    const QString guideSource = cl.parser.value(guide);
    if (guideSource != QLatin1String("gold") && guideSource != QLatin1String("ibm2"))
        return cl.usageError(QStringLiteral("--guide must be gold or ibm2"));
    if (cl.parser.isSet(guide) && !(options.guidedAlignment > 0.0))
        return cl.usageError(
            QStringLiteral("--guide chooses the guide of --guided-alignment LAMBDA; give a LAMBDA > 0 too"));
    if (const ap::Status valid = ap::validate(options); !valid.ok)
        return cl.usageError(QString::fromStdString(valid.message));

    ap::CorpusReadResult read = ap::readCorpusFile(nativePath(cl.input));
    if (!read.ok) {
        printErrBytes(read.error);
        return kBadInput;
    }
    ap::Corpus trainCorpus = std::move(read.value);
    ap::Corpus heldOut;
    if (cl.parser.isSet(eval)) {
        ap::CorpusReadResult evalRead = ap::readCorpusFile(nativePath(cl.parser.value(eval)));
        if (!evalRead.ok) {
            printErrBytes(evalRead.error);
            return kBadInput;
        }
        heldOut = std::move(evalRead.value);
    }
    const bool fold = cl.parser.isSet(lowercase);
    if (fold) {
        ap::lowercase(trainCorpus);
        ap::lowercase(heldOut);
    }
    if (holdoutFraction > 0.0) {
        ap::HoldoutSplit split = ap::splitHoldout(trainCorpus, holdoutFraction, options.seed);
        trainCorpus = std::move(split.train);
        heldOut = std::move(split.heldOut);
    }
    ap::TrainerOptions trainerOptions;
    trainerOptions.evaluateEvery = evaluateEvery;
    if (options.guidedAlignment > 0.0 && guideSource == QLatin1String("ibm2")) {
        ap::AlignerOptions aligner;  // IBM Model 2, grow-diag-final-and, 10 iterations
        const ap::AlignerSummary aligned = ap::alignCorpus(trainCorpus, aligner);
        if (!aligned.status.ok) {
            printErrBytes(aligned.status.message);
            return kBadInput;
        }
        for (const ap::PairAlignment& a : aligned.pairs) trainerOptions.guideLinks.push_back(a.links);
    } else if (options.guidedAlignment > 0.0) {
        bool anyGold = false;
        for (const ap::SentencePair& p : trainCorpus.pairs) anyGold = anyGold || p.hasGold;
        if (!anyGold)
            return cl.usageError(QStringLiteral("--guide gold needs gold links in %1, and it has none").arg(cl.input));
    }

    ap::Seq2SeqTrainer trainer;
    if (const ap::Status started = trainer.start(trainCorpus, options, heldOut, trainerOptions); !started.ok) {
        printErrBytes(started.message);
        return kBadInput;
    }
    ap::EpochStats last;
    while (trainer.runEpoch(last)) {
        if (!last.evaluated) continue;
        QString line = QStringLiteral("epoch %1/%2: loss %3, token accuracy %4, exact match %5, AER %6")
                           .arg(last.epoch)
                           .arg(trainer.model().options().epochs)
                           .arg(last.loss, 0, 'f', 4)
                           .arg(last.tokenAccuracy, 0, 'f', 3)
                           .arg(last.exactMatch, 0, 'f', 3)
                           .arg(last.aer, 0, 'f', 3);
        if (last.hasHeldOut)
            line += QStringLiteral("; held out: exact match %1, BLEU %2, AER %3")
                        .arg(last.heldOut.exactMatch, 0, 'f', 3)
                        .arg(last.heldOut.bleu, 0, 'f', 3)
                        .arg(last.heldOut.aer, 0, 'f', 3);
        line += QStringLiteral("; %1 s").arg(last.seconds, 0, 'f', 2);
        if (!printOut(line)) {
            return kWriteFailed;
        }
    }
    if (cl.parser.isSet(saveAttentionOption)) {
        const QString dir = cl.parser.value(saveAttentionOption);
        std::error_code made;
        std::filesystem::create_directories(nativePath(dir), made);
        if (made) {
            printErr(QStringLiteral("%1: cannot create the folder").arg(dir));
            return kWriteFailed;
        }
        if (!saveAttention(dir, QStringLiteral("pair"), trainer.model(), trainer.corpus().pairs) ||
            !saveAttention(dir, QStringLiteral("eval"), trainer.model(), trainer.heldOut().pairs))
            return kWriteFailed;
    }
    if (cl.parser.isSet(saveModel)) {
        const ap::Status written = ap::writeModelFile(nativePath(cl.parser.value(saveModel)), trainer.model(), fold);
        if (!written) {
            printErrBytes(written.message);
            return kWriteFailed;
        }
    }
    const bool written = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        o.key("corpus").string(cl.input.toStdString());
        o.key("pairs").number(double(trainCorpus.pairs.size()));
        o.key("scoring").string(ap::toString(options.scoring));
        o.key("normalization").string(ap::toString(options.normalization));
        o.key("heads").number(double(options.heads));
        o.key("hidden").number(double(options.hidden));
        o.key("embedding").number(double(options.embedding));
        o.key("epochs").number(double(last.epoch));
        o.key("learning_rate").number(options.adam.learningRate);
        o.key("lr_schedule").string(schedule.toStdString());
        o.key("initial_state").string(initialFrom.toStdString());
        o.key("guided_alignment").number(options.guidedAlignment);
        if (options.guidedAlignment > 0.0) o.key("guide").string(guideSource.toStdString());
        writeBool(o.key("lowercase"), fold);
        writeSeed(o.key("seed"), options.seed);
        o.key("loss").number(last.loss);
        o.key("token_accuracy").number(last.tokenAccuracy);
        o.key("exact_match").number(last.exactMatch);
        o.key("bleu").number(last.bleu);
        o.key("aer").number(last.aer);
        o.key("pairs_with_gold").number(double(last.pairsWithGold));
        if (last.hasHeldOut)
            writeEvaluation(o.key("eval"), last.heldOut, int(heldOut.pairs.size()),
                            ap::unseenSourceShare(trainCorpus, heldOut), trainCorpus, heldOut);
        o.key("seconds").number(last.seconds);
    });
    return written ? kOk : kWriteFailed;
}

}  // namespace app
