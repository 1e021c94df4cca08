// spatial: the spatial attention experiment (a spatial transformer network
// learns where to look in distorted digits, beside a baseline without
// one). One line per epoch, then, as the last line, one JSON object with
// both accuracies, the mean IoU of the sampled region with the digit's box,
// the correlation of the learned rotation with the applied one and the wall
// time. --save-data writes the digits as .npz for other frameworks.
#include "command_line.h"
#include "experiments/spatial_experiment.h"
#include "io/npz_writer.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <cstdint>

namespace app {
namespace {

std::string_view bytesOf(const void* data, std::size_t size) { return {static_cast<const char*>(data), size}; }

ap::Status saveData(const std::string& path, const ap::SpatialData& data) {
    const auto& train = data.train;
    const auto& test = data.test;
    const std::size_t side = ap::kDigitCanvas;
    std::vector<std::int64_t> trainLabels(train.labels.begin(), train.labels.end());
    std::vector<std::int64_t> testLabels(test.labels.begin(), test.labels.end());
    const std::size_t N = std::size_t(train.count), M = std::size_t(test.count);
    return ap::writeNpz(path,
                        {{"train_images", "|u1", {N, side, side}, bytesOf(train.images.data(), train.images.size())},
                         {"train_labels", "<i8", {N}, bytesOf(trainLabels.data(), N * 8)},
                         {"test_images", "|u1", {M, side, side}, bytesOf(test.images.data(), test.images.size())},
                         {"test_labels", "<i8", {M}, bytesOf(testLabels.data(), M * 8)},
                         {"test_angles", "<f8", {M}, bytesOf(test.angles.data(), M * 8)},
                         {"test_boxes", "<f4", {M, 4}, bytesOf(test.boxes.data(), M * 16)}});
}

}  // namespace

int runSpatial(const QStringList& args) {
    const auto start = std::chrono::steady_clock::now();
    const ap::SpatialOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("attention-playground spatial"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    auto intOpt = [](const char* name, const char* text, int value) {
        return QCommandLineOption(QString::fromLatin1(name),
                                  QStringLiteral("%1 (default %2).").arg(QString::fromLatin1(text)).arg(value),
                                  QStringLiteral("N"), QString::number(value));
    };
    const QCommandLineOption distortion(
        QStringLiteral("distortion"),
        QStringLiteral("What distorts the digits: rotate, translate, scale, clutter or all (default %1).")
            .arg(QString::fromLatin1(ap::toString(defaults.distortion))),
        QStringLiteral("NAME"), QString::fromLatin1(ap::toString(defaults.distortion)));
    const QCommandLineOption samples = intOpt("samples", "Training digits", defaults.samples);
    const QCommandLineOption testSamples = intOpt("test-samples", "Test digits", defaults.testSamples);
    const QCommandLineOption epochs = intOpt("epochs", "Passes over the training digits", defaults.epochs);
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("Seed of the data, the initial parameters and the order (default %1).").arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption saveData(QStringLiteral("save-data"),
                                      QStringLiteral(
                                          "Also write the digits, labels, test angles and boxes to this .npz file."),
                                      QStringLiteral("FILE.npz"));
    parser.addOptions({help, distortion, samples, testSamples, epochs, seed, saveData});
    const auto fail = [](const QString& message) {
        printErr(QStringLiteral("attention-playground spatial: %1").arg(message));
        return kBadInput;
    };
    if (!parser.parse(args)) return fail(parser.errorText());
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                           QStringLiteral("attention-playground spatial")));
        return kOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    ap::SpatialOptions o;
    struct IntField {
        const QCommandLineOption& option;
        int lo, hi;
        int& out;
    };
    const IntField fields[] = {{samples, 1, 1000000, o.samples},
                               {testSamples, 1, 100000, o.testSamples},
                               {epochs, 1, 1000, o.epochs}};
    for (const IntField& f : fields)
        if (!parseInt(parser.value(f.option), f.lo, f.hi, f.out))
            return fail(QStringLiteral("--%1 must be a whole number from %2 to %3")
                            .arg(f.option.names().first())
                            .arg(f.lo)
                            .arg(f.hi));
    const auto kind = ap::distortionFromString(parser.value(distortion).toStdString());
    if (!kind) return fail(QStringLiteral("--distortion must be rotate, translate, scale, clutter or all"));
    o.distortion = *kind;
    bool ok = false;
    o.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) return fail(QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615"));
    if (parser.isSet(saveData) && parser.value(saveData).isEmpty())
        return fail(QStringLiteral("--save-data needs a file name"));
    if (const std::string bad = ap::validate(o); !bad.empty()) return fail(QString::fromStdString(bad));

    std::atomic<bool> cancel{false};
    ap::Status saved;
    const std::string path = parser.isSet(saveData) ? nativePath(parser.value(saveData)) : std::string();
    if (parser.isSet(saveData)) {
        o.cancel = &cancel;
        o.onData = [&](const ap::SpatialData& data) {
            saved = app::saveData(path, data);
            if (!saved) cancel = true;
        };
    }
    bool written = true;
    o.onEpoch = [&](const ap::SpatialSnapshot& s) {
        written = printOut(QStringLiteral("epoch %1/%2: loss %3 (baseline %4), test accuracy %5 (baseline %6), "
                                          "box IoU %7, angle correlation %8")
                               .arg(s.epoch)
                               .arg(o.epochs)
                               .arg(s.trainLoss, 0, 'f', 4)
                               .arg(s.baselineTrainLoss, 0, 'f', 4)
                               .arg(s.accuracy, 0, 'f', 3)
                               .arg(s.baselineAccuracy, 0, 'f', 3)
                               .arg(s.boxIou, 0, 'f', 3)
                               .arg(s.angleCorrelation, 0, 'f', 3)) &&
                  written;
    };
    const ap::SpatialSummary summary = ap::runSpatialExperiment(o);
    if (!summary.ok) return fail(QString::fromStdString(summary.error));
    if (!saved) {
        printErrBytes("attention-playground spatial: " + saved.message);
        return kWriteFailed;
    }
    QJsonObject json;
    json[QStringLiteral("accuracy")] = summary.final.accuracy;
    json[QStringLiteral("baseline_accuracy")] = summary.final.baselineAccuracy;
    json[QStringLiteral("box_iou")] = summary.final.boxIou;
    json[QStringLiteral("angle_correlation")] = summary.final.angleCorrelation;
    json[QStringLiteral("seconds")] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    written = printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))) && written;
    if (!written) {
        printErr(QStringLiteral("attention-playground spatial: cannot write to standard output"));
        return kWriteFailed;
    }
    return kOk;
}

}  // namespace app
