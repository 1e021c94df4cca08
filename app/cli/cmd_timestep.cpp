// timestep: the time-step attention experiment (an LSTM with attention over
// its steps learns which step carries the label). One line per epoch, then,
// as the last line, one JSON object with the test accuracy, the attention
// over the steps, its peak, the loss and the wall time.
#include "command_line.h"
#include "experiments/timestep_experiment.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>

namespace app {

int runTimestep(const QStringList& args) {
    const auto start = std::chrono::steady_clock::now();
    const ap::TimestepOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("attention-playground timestep"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    auto intOpt = [](const char* name, const char* text, int value) {
        return QCommandLineOption(QString::fromLatin1(name),
                                  QStringLiteral("%1 (default %2).").arg(QString::fromLatin1(text)).arg(value),
                                  QStringLiteral("N"), QString::number(value));
    };
    const QCommandLineOption steps = intOpt("steps", "Time steps T", defaults.steps);
    const QCommandLineOption informative =
        intOpt("informative", "The step K that carries the label", defaults.informative);
    const QCommandLineOption inputDim = intOpt("input-dim", "Input dimension D", defaults.inputDim);
    const QCommandLineOption units = intOpt("units", "LSTM units U", defaults.units);
    const QCommandLineOption samples = intOpt("samples", "Training samples", defaults.samples);
    const QCommandLineOption testSamples = intOpt("test-samples", "Fresh test samples", defaults.testSamples);
    const QCommandLineOption epochs = intOpt("epochs", "Passes over the training samples", defaults.epochs);
    const QCommandLineOption batch = intOpt("batch", "Samples per Adam step", defaults.batch);
    const QCommandLineOption threads =
        intOpt("threads", "Worker threads, 1 or 2 give the same result", defaults.threads);
    const QCommandLineOption lr(QStringLiteral("lr"),
                                QStringLiteral("Adam's learning rate (default %1).").arg(defaults.learningRate),
                                QStringLiteral("X"), QString::number(defaults.learningRate));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the data, the initial parameters and the order (default %1).").arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption placement(
        QStringLiteral("placement"),
        QStringLiteral("Attention after the LSTM (on its states) or before it (on the inputs); default after."),
        QStringLiteral("after|before"), QStringLiteral("after"));
    const QCommandLineOption shared(QStringLiteral("shared-attention"),
                                    QStringLiteral(
                                        "One attention vector per sample: the mean over the units, repeated."));
    parser.addOptions({help, steps, informative, inputDim, units, samples, testSamples, epochs, batch, lr, seed,
                       placement, shared, threads});
    const auto fail = [](const QString& message) {
        printErr(QStringLiteral("attention-playground timestep: %1").arg(message));
        return kBadInput;
    };
    if (!parser.parse(args)) return fail(parser.errorText());
    if (parser.isSet(help)) {
        return printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                                  QStringLiteral("attention-playground timestep")))
                   ? kOk
                   : kWriteFailed;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    ap::TimestepOptions o;
    struct IntField {
        const QCommandLineOption& option;
        int lo, hi;
        int& out;
    };
    const IntField fields[] = {{steps, 1, 1000, o.steps},         {informative, 0, 999, o.informative},
                               {inputDim, 1, 256, o.inputDim},    {units, 1, 1024, o.units},
                               {samples, 1, 10000000, o.samples}, {testSamples, 1, 1000000, o.testSamples},
                               {epochs, 1, 10000, o.epochs},      {batch, 1, 65536, o.batch},
                               {threads, 1, 64, o.threads}};
    for (const IntField& f : fields)
        if (!parseInt(parser.value(f.option), f.lo, f.hi, f.out))
            return fail(QStringLiteral("--%1 must be a whole number from %2 to %3")
                            .arg(f.option.names().first())
                            .arg(f.lo)
                            .arg(f.hi));
    bool ok = false;
    o.learningRate = parser.value(lr).toDouble(&ok);
    if (!ok || !(o.learningRate > 0.0) || o.learningRate > 10.0)
        return fail(QStringLiteral("--lr must be a number greater than 0 and at most 10"));
    o.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) return fail(QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615"));
    const QString where = parser.value(placement);
    if (where == QLatin1String("after"))
        o.placement = ap::AttentionPlacement::AfterLstm;
    else if (where == QLatin1String("before"))
        o.placement = ap::AttentionPlacement::BeforeLstm;
    else
        return fail(QStringLiteral("--placement must be after or before"));
    o.sharedAttention = parser.isSet(shared);
    if (const ap::Status valid = ap::validate(o); !valid.ok) return fail(QString::fromStdString(valid.message));

    bool written = true;
    o.onEpoch = [&](const ap::TimestepSnapshot& s) {
        written = printOut(QStringLiteral("epoch %1/%2: loss %3, test accuracy %4, attention peaks at step %5 (%6)")
                               .arg(s.epoch)
                               .arg(o.epochs)
                               .arg(s.trainLoss, 0, 'f', 4)
                               .arg(s.accuracy, 0, 'f', 3)
                               .arg(s.peakStep)
                               .arg(s.attention[std::size_t(s.peakStep)], 0, 'f', 3)) &&
                  written;
    };
    const ap::TimestepSummary summary = ap::runTimestepExperiment(o);
    if (!summary.ok) return fail(QString::fromStdString(summary.error));
    QJsonArray attention;
    for (double a : summary.final.attention) attention.append(a);
    QJsonObject json;
    json[QStringLiteral("accuracy")] = summary.final.accuracy;
    json[QStringLiteral("attention")] = attention;
    json[QStringLiteral("peak_step")] = summary.final.peakStep;
    json[QStringLiteral("loss")] = summary.loss;
    json[QStringLiteral("seconds")] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    written = printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))) && written;
    if (!written) {
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
