#include "experiment_command.h"

#include "command_output.h"

namespace app {

QCommandLineOption experimentSeedOption(std::uint64_t value) {
    return QCommandLineOption(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the data, the initial parameters and the order (default %1).").arg(value),
        QStringLiteral("S"), QString::number(value));
}

QString peakEpochLine(int epoch, int epochs, double loss, double accuracy, const char* peak, int at, double value) {
    return QStringLiteral("epoch %1/%2: loss %3, test accuracy %4, %5 %6 (%7)")
        .arg(epoch)
        .arg(epochs)
        .arg(loss, 0, 'f', 4)
        .arg(accuracy, 0, 'f', 3)
        .arg(QLatin1String(peak))
        .arg(at)
        .arg(value, 0, 'f', 3);
}

PositionOptions positionOptions(const char* countName, const char* countText, const char* informativeText, int count,
                                int informative, int samples, int epochs) {
    return {defaultedIntOption(countName, countText, count),
            defaultedIntOption("informative", informativeText, informative),
            defaultedIntOption("samples", "Training samples", samples),
            defaultedIntOption("epochs", "Passes over the training samples", epochs)};
}

bool PositionOptions::read(CommandLine& cl, int maxCount, int& countOut, int& informativeOut, int& samplesOut,
                           int& epochsOut) const {
    return readIntOptions(cl, {{count, 1, maxCount, countOut},
                               {informative, 0, maxCount - 1, informativeOut},
                               {samples, 1, 10000000, samplesOut},
                               {epochs, 1, 10000, epochsOut}});
}

bool readSeed(CommandLine& cl, const QCommandLineOption& seed, std::uint64_t& out) {
    unsigned long long value = 0;
    if (!cl.seedOption(seed, value)) return false;
    out = value;
    return true;
}

namespace detail {

int ExperimentReport::failed(const std::string& message) const {
    return cl_.usageError(QString::fromStdString(message));
}

int ExperimentReport::finish(const std::function<void(ap::json::InlineObjectWriter&)>& writeMembers) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    written_ = printJsonLine([&](ap::json::InlineObjectWriter& o) {
                   writeMembers(o);
                   o.key("seconds").number(seconds);
               }) &&
               written_;
    return written_ ? kOk : kWriteFailed;
}

}  // namespace detail
}  // namespace app
