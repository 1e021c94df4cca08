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
    const PositionOptions p =
        positionOptions("channels", "Channels C", "The channel K that carries the label", defaults.channels,
                        defaults.informative, defaults.samples, defaults.epochs);
    const QCommandLineOption activation(
        QStringLiteral("activation"),
        QStringLiteral("The excitation's activation: hard_sigmoid, hard_swish or sigmoid (default %1).")
            .arg(QString::fromLatin1(ap::toString(defaults.activation))),
        QStringLiteral("NAME"), QString::fromLatin1(ap::toString(defaults.activation)));
    const QCommandLineOption seed = experimentSeedOption(defaults.seed);
    cl.addOptions({p.count, p.informative, p.samples, p.epochs, activation, seed});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::ChannelOptions o;
    if (!p.read(cl, 4096, o.channels, o.informative, o.samples, o.epochs)) return kBadInput;
    const auto act = ap::excitationFromString(cl.parser.value(activation).toStdString());
    if (!act) return cl.usageError(QStringLiteral("--activation must be hard_sigmoid, hard_swish or sigmoid"));
    o.activation = *act;
    if (!readSeed(cl, seed, o.seed)) return kBadInput;

    return runPeakExperiment(cl, o, &ap::runChannelExperiment, &ap::ChannelSnapshot::channelWeights,
                             &ap::ChannelSnapshot::peakChannel,
                             {"excitation peaks at channel", "channel_weights", "peak_channel"});
}

}  // namespace app
