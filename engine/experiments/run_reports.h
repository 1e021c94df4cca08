// What both experiments report while they train: progress after every
// batch, a snapshot on the test samples every `snapshotEvery` batches and
// at the end of each epoch, and the final snapshot. Options and Summary are
// the experiment's; evaluate() returns a snapshot of the model as it is.
#pragma once

#include "experiments/timestep_experiment.h"

namespace ap {

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
    if (options.onSnapshot && options.snapshotEvery > 0 && batch % options.snapshotEvery == 0 && batch < batches) {
        auto s = evaluate();
        s.epoch = epoch;
        s.batch = batch;
        s.batchesPerEpoch = batches;
        s.trainLoss = loss;
        options.onSnapshot(s);
    }
}

template <class Options, class Evaluate>
void reportEpoch(const Options& options, int epoch, int batches, double loss, Evaluate evaluate) {
    if (!options.onEpoch) return;
    auto s = evaluate();
    s.epoch = epoch;
    s.batch = batches;
    s.batchesPerEpoch = batches;
    s.endOfEpoch = true;
    s.trainLoss = loss;
    options.onEpoch(s);
}

template <class Summary, class Evaluate>
void finishSummary(Summary& summary, int batches, Evaluate evaluate) {
    summary.final = evaluate();
    summary.final.epoch = summary.epochsRun;
    summary.final.batchesPerEpoch = batches;
    summary.final.endOfEpoch = !summary.cancelled;
    summary.final.trainLoss = summary.loss;
}

}  // namespace ap
