// The spatial attention experiment end to end: distorted digits
// (digit_data.h), a spatial transformer network and its baseline
// (spatial_model.h) trained side by side with Adam on the same batches, and
// what the transformer learned on fresh test digits: its accuracy against
// the baseline's, how well the region it samples covers the digit, and how
// its rotation follows the one applied. Options in, Summary out.
#pragma once

#include "core/status.h"
#include "experiments/digit_data.h"
#include "experiments/spatial_model.h"
#include "experiments/timestep_experiment.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ap {

struct SpatialData {
    DigitSet train, test;
};

// One test digit as the transformer sees it.
struct SpatialSample {
    std::vector<float> input;   // 40 x 40, in 0..1
    std::vector<float> output;  // S x S: what the classifier sees
    std::array<double, 6> theta{};
    std::array<float, 4> box{};  // the digit's true box, pixel edges
    int label = 0;
    int predicted = 0;  // by the transformer network
    int baselinePredicted = 0;
    double angle = 0.0;         // applied, degrees
    double learnedAngle = 0.0;  // of theta, degrees
    double iou = 0.0;
};

struct SpatialSnapshot {
    int epoch = 0;
    int batch = 0;
    int batchesPerEpoch = 0;
    bool endOfEpoch = false;
    double trainLoss = 0.0;  // mean over the epoch so far
    double baselineTrainLoss = 0.0;
    double testLoss = 0.0;  // the transformer network's, on the test digits
    double accuracy = 0.0;  // on the test digits
    double baselineAccuracy = 0.0;
    double boxIou = 0.0;              // mean over the test digits
    double angleCorrelation = 0.0;    // Pearson, applied vs learned angle; 0 when either is constant
    std::vector<SpatialSample> grid;  // the first gridSamples test digits
};

struct SpatialOptions {
    Distortion distortion = Distortion::All;
    int samples = 8000;
    int testSamples = 1000;
    int epochs = 3;
    // 32 rather than 64: twice the Adam steps in the same 3 epochs (375 ->
    // 750 with 8,000 digits) raised both accuracies (docs/experiments.md).
    int batch = 32;
    // Adam's, for the classifiers. 2e-3 rather than 3e-3 with the decay
    // below: the transformer turned the digits further (angle correlation
    // median 0.69 -> 0.76 on the tuning seeds) at the same accuracy.
    double learningRate = 2e-3;
    // The localisation network's learning rate is learningRate times this.
    // The paper lowers it (section 4.1); with batches of 32 and the general
    // affine, a factor of 1 lost the digit, 0.5 lost it on one tuning seed
    // of three, and 0.3 did not; with the similarity transform 0.3 lost it
    // on seed 11 and 0.2 did not; with the scale-angle transform, its
    // warm-up and the delayed zoom penalty below, 0.3 kept it on every
    // seed measured (docs/experiments.md).
    double localisationRate = 0.3;
    // The localisation network's rate rises linearly from 0 over this many
    // Adam steps (0: from the first), so that the classifier has learned
    // something before the transformer follows its gradient; without it the
    // zoom penalty shrank the region to nothing in the first epoch.
    int localisationWarmup = 250;
    // S, the side of the transformer's output: smaller than the 40 x 40
    // canvas, so that the identity shrinks the digit and zooming in on it
    // keeps detail (the paper samples cluttered MNIST down the same way).
    int sampleSide = 24;
    // The transform (spatial_model.h): its kind, gains, bounds and zoom
    // penalty. Trained on the labels alone, neither the general affine nor
    // the similarity transform zoomed in (scale 0.84-0.99); the scale-angle
    // transform with the zoom penalty crops the digit (box IoU 0.6) and
    // turns it (angle correlation about 0.77). The gains make Adam move the
    // log scale, log aspect and angle 3, 3 and 8 times faster than the
    // translation, which is what lost the digit when it moved too fast;
    // with the decay below, an angle gain of 8 turned the digits further
    // than 5, and 12 lost the digit on one tuning seed of twelve. Bounds
    // cost accuracy and angle correlation on the tuning seeds, so there are
    // none. The zoom penalty works against a larger crop than the
    // classifier needs: the smallest region that still classifies is the
    // digit. The classifier must have learned first (from the start, or
    // rising from the start, it shrank the region to nothing on most
    // seeds). With the decay below, 1.5 cropped closer than 1 (box IoU 0.61
    // against 0.55) and turned further; 2 cost accuracy
    // (docs/experiments.md).
    TransformHead transform{
        .kind = Transform::ScaleAngle, .scaleGain = 3.0, .aspectGain = 3.0, .angleGain = 8.0, .zoomPenalty = 1.5};
    // The zoom penalty is 0 for the first zoomStart Adam steps, then rises
    // linearly to transform.zoomPenalty over zoomWarmup steps (with 8,000 digits in
    // batches of 32: from the second epoch, at full strength in the third).
    int zoomStart = 250, zoomWarmup = 250;
    // After this fraction of the run's Adam steps (1: never), every learning
    // rate falls linearly to decayTo times its value at the last step: the
    // classifiers settle on the region the transformer has come to sample
    // (with the defaults, over the third epoch; accuracy and box IoU rose
    // on every tuning seed, docs/experiments.md).
    double decayFrom = 2.0 / 3.0;
    double decayTo = 0.1;
    std::uint64_t seed = 0;
    // As in the time-step experiment: each batch is split in two fixed
    // halves, summed in a fixed order, so 1 and 2 threads give the same bits.
    int threads = 2;
    int snapshotEvery = 0;  // also evaluate every this many batches (0: per epoch only)
    int gridSamples = 12;

    std::function<void(const SpatialData&)> onData;  // once, before training
    std::function<void(const ExperimentProgress&)> onBatch;
    std::function<void(const SpatialSnapshot&)> onSnapshot;
    std::function<void(const SpatialSnapshot&)> onEpoch;
    const std::atomic<bool>* cancel = nullptr;
};

Status validate(const SpatialOptions& options);

struct SpatialSummary {
    Status status;  // why the run did not start; Status::cancelledByUser() when stopped
    int epochsRun = 0;
    SpatialSnapshot final;
    double seconds = 0.0;
};

// Draw order: the training digits, the test digits, the transformer
// network's initial parameters, the baseline's, then one shuffle per epoch.
SpatialSummary runSpatialExperiment(const SpatialOptions& options);

// The intersection over union of the region theta samples (the output
// square mapped into the input: a parallelogram) and an axis-aligned box,
// both in pixel edges of a canvas x canvas input.
double samplingBoxIou(const double* theta, const std::array<float, 4>& box, int canvas);
// The rotation of theta's linear part (the angle of the nearest rotation),
// degrees, clockwise on screen like the applied angle.
double learnedAngle(const double* theta);
// Pearson's r; 0 when either series is constant.
double pearson(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace ap
