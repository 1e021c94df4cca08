// timestep: the time-step attention experiment (an LSTM with attention over
// its steps learns which step carries the label). One line per epoch, then,
// as the last line, one JSON object with the test accuracy, the attention
// over the steps, its peak, the loss and the wall time.
#include "experiment_command.h"
#include "experiments/timestep_experiment.h"

namespace app {

int runTimestep(const QStringList& args) {
    const ap::TimestepOptions defaults;
    CommandLine cl(QStringLiteral("timestep"), QString(), QString());
    const QCommandLineOption steps = defaultedIntOption("steps", "Time steps T", defaults.steps);
    const QCommandLineOption informative =
        defaultedIntOption("informative", "The step K that carries the label", defaults.informative);
    const QCommandLineOption inputDim = defaultedIntOption("input-dim", "Input dimension D", defaults.inputDim);
    const QCommandLineOption units = defaultedIntOption("units", "LSTM units U", defaults.units);
    const QCommandLineOption samples = defaultedIntOption("samples", "Training samples", defaults.samples);
    const QCommandLineOption testSamples =
        defaultedIntOption("test-samples", "Fresh test samples", defaults.testSamples);
    const QCommandLineOption epochs = defaultedIntOption("epochs", "Passes over the training samples", defaults.epochs);
    const QCommandLineOption batch = defaultedIntOption("batch", "Samples per Adam step", defaults.batch);
    const QCommandLineOption threads =
        defaultedIntOption("threads", "Worker threads, 1 or 2 give the same result", defaults.threads);
    const QCommandLineOption lr(QStringLiteral("lr"),
                                QStringLiteral("Adam's learning rate (default %1).").arg(defaults.learningRate),
                                QStringLiteral("X"), QString::number(defaults.learningRate));
    const QCommandLineOption seed = experimentSeedOption(defaults.seed);
    const QCommandLineOption placement(
        QStringLiteral("placement"),
        QStringLiteral("Attention after the LSTM (on its states) or before it (on the inputs); default after."),
        QStringLiteral("after|before"), QStringLiteral("after"));
    const QCommandLineOption shared(QStringLiteral("shared-attention"),
                                    QStringLiteral(
                                        "One attention vector per sample: the mean over the units, repeated."));
    cl.addOptions({steps, informative, inputDim, units, samples, testSamples, epochs, batch, lr, seed, placement,
                   shared, threads});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::TimestepOptions o;
    if (!readIntOptions(cl, {{steps, 1, 1000, o.steps},
                             {informative, 0, 999, o.informative},
                             {inputDim, 1, 256, o.inputDim},
                             {units, 1, 1024, o.units},
                             {samples, 1, 10000000, o.samples},
                             {testSamples, 1, 1000000, o.testSamples},
                             {epochs, 1, 10000, o.epochs},
                             {batch, 1, 65536, o.batch},
                             {threads, 1, 64, o.threads}}))
        return kBadInput;
    bool ok = false;
    o.learningRate = cl.parser.value(lr).toDouble(&ok);
    if (!ok || !(o.learningRate > 0.0) || o.learningRate > 10.0)
        return cl.usageError(QStringLiteral("--lr must be a number greater than 0 and at most 10"));
    unsigned long long seedValue = 0;
    if (!cl.seedOption(seed, seedValue)) return kBadInput;
    o.seed = seedValue;
    const QString where = cl.parser.value(placement);
    if (where == QLatin1String("after"))
        o.placement = ap::AttentionPlacement::AfterLstm;
    else if (where == QLatin1String("before"))
        o.placement = ap::AttentionPlacement::BeforeLstm;
    else
        return cl.usageError(QStringLiteral("--placement must be after or before"));
    o.sharedAttention = cl.parser.isSet(shared);

    return runExperiment(
        cl, o, &ap::runTimestepExperiment,
        [&](const ap::TimestepSnapshot& s) {
            return peakEpochLine(s.epoch, o.epochs, s.trainLoss, s.accuracy, "attention peaks at step", s.peakStep,
                                 s.attention[std::size_t(s.peakStep)]);
        },
        [](const ap::TimestepSummary& summary, ap::json::InlineObjectWriter& json) {
            json.key("accuracy").number(summary.final.accuracy);
            json.key("attention").numbers(std::span<const double>(summary.final.attention));
            json.key("loss").number(summary.loss);
            json.key("peak_step").number(double(summary.final.peakStep));
        });
}

}  // namespace app
