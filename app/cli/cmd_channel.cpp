// channel: the channel attention experiment (squeeze-and-excitation learns
// which channel carries the label). One line per epoch, then, as the last
// line, one JSON object with the test accuracy, the mean excitation per
// channel, its peak and the wall time.
#include "experiment_command.h"
#include "experiments/channel_experiment.h"

namespace app {

int runChannel(const QStringList& args) {
    const ap::ChannelOptions defaults;
    CommandLine cl(QStringLiteral("channel"), QString(), QString());
    const QCommandLineOption channels = defaultedIntOption("channels", "Channels C", defaults.channels);
    const QCommandLineOption informative =
        defaultedIntOption("informative", "The channel K that carries the label", defaults.informative);
    const QCommandLineOption samples = defaultedIntOption("samples", "Training samples", defaults.samples);
    const QCommandLineOption epochs = defaultedIntOption("epochs", "Passes over the training samples", defaults.epochs);
    const QCommandLineOption activation(
        QStringLiteral("activation"),
        QStringLiteral("The excitation's activation: hard_sigmoid, hard_swish or sigmoid (default %1).")
            .arg(QString::fromLatin1(ap::toString(defaults.activation))),
        QStringLiteral("NAME"), QString::fromLatin1(ap::toString(defaults.activation)));
    const QCommandLineOption seed = experimentSeedOption(defaults.seed);
    cl.addOptions({channels, informative, samples, epochs, activation, seed});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::ChannelOptions o;
    if (!readIntOptions(cl, {{channels, 1, 4096, o.channels},
                             {informative, 0, 4095, o.informative},
                             {samples, 1, 10000000, o.samples},
                             {epochs, 1, 10000, o.epochs}}))
        return kBadInput;
    const auto act = ap::excitationFromString(cl.parser.value(activation).toStdString());
    if (!act) return cl.usageError(QStringLiteral("--activation must be hard_sigmoid, hard_swish or sigmoid"));
    o.activation = *act;
    unsigned long long seedValue = 0;
    if (!cl.seedOption(seed, seedValue)) return kBadInput;
    o.seed = seedValue;

    return runExperiment(
        cl, o, &ap::runChannelExperiment,
        [&](const ap::ChannelSnapshot& s) {
            return peakEpochLine(s.epoch, o.epochs, s.trainLoss, s.accuracy, "excitation peaks at channel",
                                 s.peakChannel, s.channelWeights[std::size_t(s.peakChannel)]);
        },
        [](const ap::ChannelSummary& summary, ap::json::InlineObjectWriter& json) {
            json.key("accuracy").number(summary.final.accuracy);
            json.key("channel_weights").numbers(std::span<const double>(summary.final.channelWeights));
            json.key("peak_channel").number(double(summary.final.peakChannel));
        });
}

}  // namespace app
