// What the time-step and channel experiments share while they train: the
// loop over epochs and batches, and what it reports: progress after every
// batch, a snapshot on the test samples every `snapshotEvery` batches and
// at the end of each epoch, and the final snapshot. Options and Summary are
// the experiment's; evaluate() returns a snapshot of the model as it is.
#pragma once

#include "core/random.h"
#include "experiments/timestep_experiment.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <numeric>
#include <vector>

namespace ap {

// Starts a run: false, with the message in summary.status, when the options
// do not validate.
template <class Options, class Summary>
bool acceptOptions(const Options& options, Summary& summary) {
    summary.status = validate(options);
    return summary.status.ok;
}

// A snapshot taken after `batch` of `epoch`, with the epoch's loss so far.
template <class Evaluate>
auto snapshotAt(Evaluate evaluate, int epoch, int batch, int batches, double loss) {
    auto s = evaluate();
    s.epoch = epoch;
    s.batch = batch;
    s.batchesPerEpoch = batches;
    s.trainLoss = loss;
    return s;
}

template <class Options, class Evaluate>
void reportBatch(const Options& options, int epoch, int batch, int batches, double loss, Evaluate evaluate) {
    if (options.onBatch) {
        ExperimentProgress p;
        p.epoch = epoch;
        p.epochs = options.epochs;
        p.batch = batch;
        p.batchesPerEpoch = batches;
        p.loss = loss;
        options.onBatch(p);
    }
    if (options.onSnapshot && options.snapshotEvery > 0 && batch % options.snapshotEvery == 0 && batch < batches)
        options.onSnapshot(snapshotAt(evaluate, epoch, batch, batches, loss));
}

template <class Options, class Evaluate>
void reportEpoch(const Options& options, int epoch, int batches, double loss, Evaluate evaluate) {
    if (!options.onEpoch) return;
    auto s = snapshotAt(evaluate, epoch, batches, batches, loss);
    s.endOfEpoch = true;
    options.onEpoch(s);
}

template <class Summary, class Evaluate>
void finishSummary(Summary& summary, int batches, Evaluate evaluate) {
    summary.final = evaluate();
    summary.final.epoch = summary.epochsRun;
    summary.final.batchesPerEpoch = batches;
    summary.final.endOfEpoch = !summary.status.cancelled;
    summary.final.trainLoss = summary.loss;
}

// Trains `options.epochs` passes over `options.samples` samples in batches
// of `options.batch`, reshuffled every epoch (Fisher-Yates, as Keras does).
// `step(indices, count)` trains on the samples at those indices and returns
// the loss it adds to the epoch's sum; summary.loss, reported after every
// batch, is that sum over the samples seen so far.
// Stops before the next batch once `options.cancel` is set.
template <class Options, class Summary, class Step, class Evaluate>
void trainInBatches(const Options& options, Random& random, Summary& summary, Step step, Evaluate evaluate) {
    std::vector<std::uint32_t> order(std::size_t(options.samples));
    std::iota(order.begin(), order.end(), 0u);
    const int batches = (options.samples + options.batch - 1) / options.batch;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        shuffle(order, random);
        double epochLoss = 0.0;
        int seen = 0;
        for (int b = 0; b < batches; ++b) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
                summary.status = Status::cancelledByUser();
                break;
            }
            const int first = b * options.batch;
            const int count = std::min(options.batch, options.samples - first);
            epochLoss += step(order.data() + first, count);
            seen += count;
            summary.loss = epochLoss / seen;
            reportBatch(options, epoch, b + 1, batches, summary.loss, evaluate);
        }
        if (summary.status.cancelled) break;
        summary.epochsRun = epoch;
        reportEpoch(options, epoch, batches, summary.loss, evaluate);
    }
    finishSummary(summary, batches, evaluate);
}

}  // namespace ap
