// The channel attention experiment end to end: synthetic images whose one
// informative channel is shifted by the label, the squeeze-and-excitation
// model of channel_model.h trained with Adam, and its mean excitation per
// channel on fresh test samples. Options in, Summary out, errors as text.
#pragma once

#include "core/status.h"
#include "experiments/channel_model.h"
#include "experiments/timestep_experiment.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ap {

inline constexpr int kChannelImageSide = 8;

// Per sample, in this order: y (0 or 1, equal odds), then the C x 8 x 8
// image of N(0, 1) noise; channel K is shifted by +0.5 when y = 1 and -0.5
// when y = 0. Only the images' channel means are kept: the model's first
// layer is the global average pool, which has no parameters.
struct ChannelData {
    Eigen::MatrixXd pooled;  // C x n
    std::vector<double> y;
};
ChannelData makeChannelData(int samples, int channels, int informative, Random& random);

struct ChannelSnapshot {
    int epoch = 0;
    int batch = 0;
    int batchesPerEpoch = 0;
    bool endOfEpoch = false;
    double trainLoss = 0.0;
    double testLoss = 0.0;
    double accuracy = 0.0;
    std::vector<double> channelWeights;   // C: mean excitation over the test samples
    std::vector<double> classWeights[2];  // C each: the same over the samples of class 0 and of class 1
    int peakChannel = 0;                  // argmax of channelWeights, ties to the lowest
};

struct ChannelOptions {
    int channels = 16;    // C
    int informative = 5;  // K, 0 <= K < C
    int samples = 20000;
    int testSamples = 2000;
    int epochs = 2;
    int batch = 64;
    // Adam's. 1e-2 rather than the time-step model's 1e-3: the output
    // weight of the informative channel may start with the wrong sign, and
    // must turn within the 626 steps of two epochs.
    double learningRate = 1e-2;
    ExcitationActivation activation = ExcitationActivation::HardSigmoid;
    std::uint64_t seed = 0;
    int snapshotEvery = 0;  // also evaluate every this many batches (0: per epoch only)

    std::function<void(const ExperimentProgress&)> onBatch;
    std::function<void(const ChannelSnapshot&)> onSnapshot;
    std::function<void(const ChannelSnapshot&)> onEpoch;
    const std::atomic<bool>* cancel = nullptr;
};

Status validate(const ChannelOptions& options);

struct ChannelSummary {
    Status status;  // why the run did not start; Status::cancelledByUser() when stopped
    int epochsRun = 0;
    double loss = 0.0;  // mean training loss of the last epoch run
    ChannelSnapshot final;
    double seconds = 0.0;
};

ChannelSummary runChannelExperiment(const ChannelOptions& options);

}  // namespace ap
