// What both experiments report while they train: progress after every
// batch, a snapshot on the test samples every `snapshotEvery` batches and
// at the end of each epoch, and the final snapshot. Options and Summary are
// the experiment's; evaluate() returns a snapshot of the model as it is.
#pragma once

#include "experiments/timestep_experiment.h"

namespace ap {

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
    summary.final.endOfEpoch = !summary.cancelled;
    summary.final.trainLoss = summary.loss;
}

}  // namespace ap
