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
    const PositionOptions p = positionOptions("steps", "Time steps T", "The step K that carries the label",
                                              defaults.steps, defaults.informative, defaults.samples, defaults.epochs);
    const QCommandLineOption inputDim = defaultedIntOption("input-dim", "Input dimension D", defaults.inputDim);
    const QCommandLineOption units = defaultedIntOption("units", "LSTM units U", defaults.units);
    const QCommandLineOption testSamples =
        defaultedIntOption("test-samples", "Fresh test samples", defaults.testSamples);
    const QCommandLineOption batch = defaultedIntOption("batch", "Samples per Adam step", defaults.batch);
    const QCommandLineOption threads =
        defaultedIntOption("threads", "Worker threads, 1 or 2 give the same result", defaults.threads);
    const QCommandLineOption lr = learningRateOption(defaults.learningRate);
    const QCommandLineOption seed = experimentSeedOption(defaults.seed);
    const QCommandLineOption placement(
        QStringLiteral("placement"),
        QStringLiteral("Attention after the LSTM (on its states) or before it (on the inputs); default after."),
        QStringLiteral("after|before"), QStringLiteral("after"));
    const QCommandLineOption shared(QStringLiteral("shared-attention"),
                                    QStringLiteral(
                                        "One attention vector per sample: the mean over the units, repeated."));
    cl.addOptions({p.count, p.informative, inputDim, units, p.samples, testSamples, p.epochs, batch, lr, seed,
                   placement, shared, threads});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::TimestepOptions o;
    if (!p.read(cl, 1000, o.steps, o.informative, o.samples, o.epochs) ||
        !readIntOptions(cl, {{inputDim, 1, 256, o.inputDim},
                             {units, 1, 1024, o.units},
                             {testSamples, 1, 1000000, o.testSamples},
                             {batch, 1, 65536, o.batch},
                             {threads, 1, 64, o.threads}}))
        return kBadInput;
    bool ok = false;
    o.learningRate = cl.parser.value(lr).toDouble(&ok);
    if (!ok || !(o.learningRate > 0.0) || o.learningRate > 10.0)
        return cl.usageError(QStringLiteral("--lr must be a number greater than 0 and at most 10"));
    if (!readSeed(cl, seed, o.seed)) return kBadInput;
    const QString where = cl.parser.value(placement);
    if (where == QLatin1String("after"))
        o.placement = ap::AttentionPlacement::AfterLstm;
    else if (where == QLatin1String("before"))
        o.placement = ap::AttentionPlacement::BeforeLstm;
    else
        return cl.usageError(QStringLiteral("--placement must be after or before"));
    o.sharedAttention = cl.parser.isSet(shared);

    return runPeakExperiment(cl, o, &ap::runTimestepExperiment, &ap::TimestepSnapshot::attention,
                             &ap::TimestepSnapshot::peakStep, {"attention peaks at step", "attention", "peak_step"},
                             [](const ap::TimestepSummary& summary, ap::json::InlineObjectWriter& json) {
                                 json.key("loss").number(summary.loss);
                             });
}

}  // namespace app
