// spatial: the spatial attention experiment (a spatial transformer network
// learns where to look in distorted digits, beside a baseline without
// one). One line per epoch, then, as the last line, one JSON object with
// both accuracies, the mean IoU of the sampled region with the digit's box,
// the correlation of the learned rotation with the applied one and the wall
// time. --save-data writes the digits as .npz for other frameworks.
#include "experiment_command.h"
#include "experiments/spatial_experiment.h"
#include "io/npz_writer.h"

#include <atomic>
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
    const ap::SpatialOptions defaults;
    CommandLine cl(QStringLiteral("spatial"), QString(), QString());
    const QCommandLineOption distortion(
        QStringLiteral("distortion"),
        QStringLiteral("What distorts the digits: rotate, translate, scale, clutter or all (default %1).")
            .arg(QString::fromLatin1(ap::toString(defaults.distortion))),
        QStringLiteral("NAME"), QString::fromLatin1(ap::toString(defaults.distortion)));
    const QCommandLineOption samples = defaultedIntOption("samples", "Training digits", defaults.samples);
    const QCommandLineOption testSamples = defaultedIntOption("test-samples", "Test digits", defaults.testSamples);
    const QCommandLineOption epochs = defaultedIntOption("epochs", "Passes over the training digits", defaults.epochs);
    const QCommandLineOption seed = experimentSeedOption(defaults.seed);
    const QCommandLineOption saveData(QStringLiteral("save-data"),
                                      QStringLiteral(
                                          "Also write the digits, labels, test angles and boxes to this .npz file."),
                                      QStringLiteral("FILE.npz"));
    cl.addOptions({distortion, samples, testSamples, epochs, seed, saveData});
    int code = kOk;
    if (!cl.parse(args, code)) return code;

    ap::SpatialOptions o;
    if (!readIntOptions(cl, {{samples, 1, 1000000, o.samples},
                             {testSamples, 1, 100000, o.testSamples},
                             {epochs, 1, 1000, o.epochs}}))
        return kBadInput;
    const auto kind = ap::distortionFromString(cl.parser.value(distortion).toStdString());
    if (!kind) return cl.usageError(QStringLiteral("--distortion must be rotate, translate, scale, clutter or all"));
    o.distortion = *kind;
    unsigned long long seedValue = 0;
    if (!cl.seedOption(seed, seedValue)) return kBadInput;
    o.seed = seedValue;
    if (cl.parser.isSet(saveData) && cl.parser.value(saveData).isEmpty())
        return cl.usageError(QStringLiteral("--save-data needs a file name"));

    std::atomic<bool> cancel{false};
    ap::Status saved;
    if (cl.parser.isSet(saveData)) {
        o.cancel = &cancel;
        o.onData = [&, path = nativePath(cl.parser.value(saveData))](const ap::SpatialData& data) {
            saved = app::saveData(path, data);
            if (!saved) cancel = true;
        };
    }
    return runExperiment(
        cl, o, &ap::runSpatialExperiment,
        [&](const ap::SpatialSnapshot& s) {
            return QStringLiteral("epoch %1/%2: loss %3 (baseline %4), test accuracy %5 (baseline %6), "
                                  "box IoU %7, angle correlation %8")
                .arg(s.epoch)
                .arg(o.epochs)
                .arg(s.trainLoss, 0, 'f', 4)
                .arg(s.baselineTrainLoss, 0, 'f', 4)
                .arg(s.accuracy, 0, 'f', 3)
                .arg(s.baselineAccuracy, 0, 'f', 3)
                .arg(s.boxIou, 0, 'f', 3)
                .arg(s.angleCorrelation, 0, 'f', 3);
        },
        [](const ap::SpatialSummary& summary, ap::json::InlineObjectWriter& json) {
            json.key("accuracy").number(summary.final.accuracy);
            json.key("angle_correlation").number(summary.final.angleCorrelation);
            json.key("baseline_accuracy").number(summary.final.baselineAccuracy);
            json.key("box_iou").number(summary.final.boxIou);
        },
        [&](const ap::SpatialSummary&) {
            if (saved) return kOk;
            printErrBytes("attention-playground spatial: " + saved.message);
            return kWriteFailed;
        });
}

}  // namespace app
