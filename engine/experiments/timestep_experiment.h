// The time-step attention experiment end to end: the data of the Keras
// attention_3d_block experiment, the model of timestep_model.h trained with
// Adam on mini-batches, and its attention over the steps on fresh test
// samples. In the style of Ceres: Options in, Summary out, errors as text.
#pragma once

#include "core/status.h"
#include "experiments/timestep_model.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ap {

// x has shape (n, T, D), drawn from N(0, 10^2); y is 0 or 1 with equal
// probability; then x[:, K, :] = y, so step K alone carries the label.
// Draw order: all of x (sample-major), then all of y.
struct TimestepData {
    int samples = 0, steps = 0, inputDim = 0;
    std::vector<float> x;  // x[(s*T + t)*D + d]
    std::vector<float> y;
};
TimestepData makeTimestepData(int samples, int steps, int inputDim, int informative, Random& random);

// Where a run is, after each mini-batch.
struct ExperimentProgress {
    int epoch = 0;  // 1-based
    int epochs = 0;
    int batch = 0;  // 1-based, within the epoch
    int batchesPerEpoch = 0;
    double loss = 0.0;  // mean training loss of the epoch so far
};

// The model on the test samples, at some point of the run.
struct TimestepSnapshot {
    int epoch = 0;
    int batch = 0;  // batches done in this epoch
    int batchesPerEpoch = 0;
    bool endOfEpoch = false;
    double trainLoss = 0.0;  // mean training loss of the epoch so far
    double testLoss = 0.0;
    double accuracy = 0.0;            // test accuracy, p > 0.5 read as 1
    std::vector<double> attention;    // T: mean over test samples and series; sums to 1
    int peakStep = 0;                 // argmax of attention, ties to the lowest step
    Eigen::MatrixXf sampleAttention;  // test samples x T, each row the mean over series
    std::vector<int> testLabels;
};

struct TimestepOptions {
    int steps = 10;         // T
    int informative = 2;    // K, 0 <= K < T
    int inputDim = 2;       // D
    int units = 32;         // U, the LSTM's width
    int samples = 30000;    // training samples
    int testSamples = 300;  // fresh samples for accuracy and attention
    int epochs = 1;
    int batch = 64;
    double learningRate = 1e-3;  // Adam's
    std::uint64_t seed = 0;      // data, initial parameters and shuffling
    AttentionPlacement placement = AttentionPlacement::AfterLstm;
    bool sharedAttention = false;  // one attention vector per sample
    // Each mini-batch is split in two fixed halves whose gradients are
    // summed in a fixed order, so 1 and 2 threads give the same bits; from
    // 2 on, the halves run at once on two threads.
    int threads = 2;
    // Also evaluate on the test samples every this many batches (0: only
    // at the end of each epoch); each evaluation is passed to onSnapshot.
    int snapshotEvery = 0;

    std::function<void(const ExperimentProgress&)> onBatch;   // after every batch
    std::function<void(const TimestepSnapshot&)> onSnapshot;  // every snapshotEvery batches
    std::function<void(const TimestepSnapshot&)> onEpoch;     // after every epoch
    // When set to true by another thread, the run stops before its next
    // batch; the summary then describes the model as it is.
    const std::atomic<bool>* cancel = nullptr;
};

// Whether the options are usable; if not, what is wrong.
Status validate(const TimestepOptions& options);

struct TimestepSummary {
    Status status;           // why the run did not start; Status::cancelledByUser() when stopped
    int epochsRun = 0;       // completed epochs
    double loss = 0.0;       // mean training loss of the last epoch run
    TimestepSnapshot final;  // the model on the test samples at the end
    double seconds = 0.0;    // wall time of the whole run, data included
};

TimestepSummary runTimestepExperiment(const TimestepOptions& options);

// Index of the largest entry, ties to the lowest index.
int argmax(const std::vector<double>& values);

}  // namespace ap
