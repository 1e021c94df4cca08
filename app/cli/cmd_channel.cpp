// channel: the channel attention experiment (squeeze-and-excitation learns
// which channel carries the label). One line per epoch, then, as the last
// line, one JSON object with the test accuracy, the mean excitation per
// channel, its peak and the wall time.
#include "command_line.h"
#include "experiments/channel_experiment.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>

namespace app {

int runChannel(const QStringList& args) {
    const auto start = std::chrono::steady_clock::now();
    const ap::ChannelOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("attention-playground channel"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    auto intOpt = [](const char* name, const char* text, int value) {
        return QCommandLineOption(QString::fromLatin1(name),
                                  QStringLiteral("%1 (default %2).").arg(QString::fromLatin1(text)).arg(value),
                                  QStringLiteral("N"), QString::number(value));
    };
    const QCommandLineOption channels = intOpt("channels", "Channels C", defaults.channels);
    const QCommandLineOption informative =
        intOpt("informative", "The channel K that carries the label", defaults.informative);
    const QCommandLineOption samples = intOpt("samples", "Training samples", defaults.samples);
    const QCommandLineOption epochs = intOpt("epochs", "Passes over the training samples", defaults.epochs);
    const QCommandLineOption activation(
        QStringLiteral("activation"),
        QStringLiteral("The excitation's activation: hard_sigmoid, hard_swish or sigmoid (default %1).")
            .arg(QString::fromLatin1(ap::toString(defaults.activation))),
        QStringLiteral("NAME"), QString::fromLatin1(ap::toString(defaults.activation)));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the data, the initial parameters and the order (default %1).").arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    parser.addOptions({help, channels, informative, samples, epochs, activation, seed});
    const auto fail = [](const QString& message) {
        printErr(QStringLiteral("attention-playground channel: %1").arg(message));
        return kBadInput;
    };
    if (!parser.parse(args)) return fail(parser.errorText());
    if (parser.isSet(help)) {
        return printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                                  QStringLiteral("attention-playground channel")))
                   ? kOk
                   : kWriteFailed;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    ap::ChannelOptions o;
    struct IntField {
        const QCommandLineOption& option;
        int lo, hi;
        int& out;
    };
    const IntField fields[] = {{channels, 1, 4096, o.channels},
                               {informative, 0, 4095, o.informative},
                               {samples, 1, 10000000, o.samples},
                               {epochs, 1, 10000, o.epochs}};
    for (const IntField& f : fields)
        if (!parseInt(parser.value(f.option), f.lo, f.hi, f.out))
            return fail(QStringLiteral("--%1 must be a whole number from %2 to %3")
                            .arg(f.option.names().first())
                            .arg(f.lo)
                            .arg(f.hi));
    const auto act = ap::excitationFromString(parser.value(activation).toStdString());
    if (!act) return fail(QStringLiteral("--activation must be hard_sigmoid, hard_swish or sigmoid"));
    o.activation = *act;
    bool ok = false;
    o.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) return fail(QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615"));
    if (const ap::Status valid = ap::validate(o); !valid.ok) return fail(QString::fromStdString(valid.message));

    bool written = true;
    o.onEpoch = [&](const ap::ChannelSnapshot& s) {
        written = printOut(QStringLiteral("epoch %1/%2: loss %3, test accuracy %4, excitation peaks at channel %5 (%6)")
                               .arg(s.epoch)
                               .arg(o.epochs)
                               .arg(s.trainLoss, 0, 'f', 4)
                               .arg(s.accuracy, 0, 'f', 3)
                               .arg(s.peakChannel)
                               .arg(s.channelWeights[std::size_t(s.peakChannel)], 0, 'f', 3)) &&
                  written;
    };
    const ap::ChannelSummary summary = ap::runChannelExperiment(o);
    if (!summary.ok) return fail(QString::fromStdString(summary.error));
    QJsonArray weights;
    for (double w : summary.final.channelWeights) weights.append(w);
    QJsonObject json;
    json[QStringLiteral("accuracy")] = summary.final.accuracy;
    json[QStringLiteral("channel_weights")] = weights;
    json[QStringLiteral("peak_channel")] = summary.final.peakChannel;
    json[QStringLiteral("seconds")] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    written = printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))) && written;
    if (!written) {
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
