// Training the encoder-decoder epoch by epoch with Adam, so that a worker
// thread can pause, resume and stop between epochs. Deterministic: the
// visiting order is a Fisher-Yates shuffle (core/random.h) seeded with
// Options::seed, so a seed repeats its run bit for bit on a given build.
#pragma once

#include "core/adam.h"
#include "core/random.h"
#include "translation/evaluation.h"
#include "translation/seq2seq_model.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace ap {

struct EpochStats {
    int epoch = 0;           // 1-based
    double trainLoss = 0.0;  // mean loss of the pairs while they were trained on
    // Whether the figures below were computed after this epoch (see
    // TrainerOptions::evaluateEvery); when false they repeat the last ones.
    bool evaluated = true;
    // On the training pairs, after the epoch.
    double loss = 0.0;
    double tokenAccuracy = 0.0;
    double exactMatch = 0.0;
    double bleu = 0.0;
    double aer = 0.0;
    int pairsWithGold = 0;
    // On the held-out pairs, when there are any.
    bool hasHeldOut = false;
    Evaluation heldOut;
    double seconds = 0.0;       // wall time inside runEpoch since start (pauses excluded)
    double epochSeconds = 0.0;  // this epoch's wall time
};

struct TrainerOptions {
    // Compute the figures after every this many epochs (and always after
    // the last). Greedy decoding of every pair costs about as much as an
    // epoch, so large corpora evaluate less often.
    int evaluateEvery = 1;
    // Evaluate the training pairs too (the held-out pairs always are).
    bool evaluateTraining = true;
    // Guided alignment's links, one list per training pair (for example a
    // statistical aligner's); empty: the pairs' gold links.
    std::vector<std::vector<AlignmentLink>> guideLinks;
};

// Epoch by epoch training, so that a worker thread can pause, resume and
// stop between epochs. Not thread-safe: read model() from the thread that
// runs the epochs (or copy it there: Seq2SeqModel is a value).
class Seq2SeqTrainer {
public:
    // Copies the corpora, validates the options and initialises the model.
    // options.epochs = 0 becomes automaticEpochs(training pairs): read the
    // run's epochs from model().options().epochs.
    // The vocabularies come from the training corpus only: held-out words
    // it lacks are unknown to the model, as they would be to a user.
    Status start(const Corpus& corpus, const Seq2SeqOptions& options, const Corpus& heldOut = {},
                 const TrainerOptions& trainerOptions = {});

    // One pass of per-batch Adam updates over the pairs, then evaluate().
    // Returns false when *cancel became true (checked between pairs): the
    // parameters keep the updates made so far and stats is not written.
    // Does nothing and returns false once options().epochs are done.
    bool runEpoch(EpochStats& stats, const std::atomic<bool>* cancel = nullptr);

    bool finished() const { return epoch_ >= model_.options().epochs; }
    int epochsDone() const { return epoch_; }
    const Seq2SeqModel& model() const { return model_; }
    const Corpus& corpus() const { return corpus_; }
    const Corpus& heldOut() const { return heldOut_; }
    const std::vector<EpochStats>& history() const { return history_; }

private:
    Corpus corpus_, heldOut_;
    TrainerOptions trainerOptions_;
    std::vector<EncodedPair> encoded_;
    Seq2SeqModel model_;
    Seq2SeqWorkspace workspace_;
    Eigen::VectorXd gradient_;
    Adam<> adam_;
    Random rng_{0};
    std::vector<int> order_;
    int epoch_ = 0;
    long long updates_ = 0, plannedUpdates_ = 0;  // Adam steps: done, and in the whole run
    double seconds_ = 0.0;
    EpochStats lastFigures_;
    std::vector<EpochStats> history_;
};

struct TrainSummary {
    Status status;  // why it failed; Status::cancelledByUser() when `cancel` stopped it
    std::vector<EpochStats> epochs;
};

// Runs every epoch. After each, callback(stats, model) is called on this
// thread; returning false stops the run (the status stays a success).
// cancel, when set, stops within the epoch (the epochs before it are kept).
// trained, when non-null, receives the model at the end.
TrainSummary train(const Corpus& corpus, const Seq2SeqOptions& options,
                   const std::function<bool(const EpochStats&, const Seq2SeqModel&)>& callback,
                   const std::atomic<bool>* cancel = nullptr, Seq2SeqModel* trained = nullptr);

}  // namespace ap
