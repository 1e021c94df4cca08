#include "translation/trainer.h"

#include "translation/guided_alignment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <utility>

namespace ap {

Status Seq2SeqTrainer::start(const Corpus& corpus, const Seq2SeqOptions& options, const Corpus& heldOut,
                             const TrainerOptions& trainerOptions) {
    epoch_ = 0;
    seconds_ = 0.0;
    history_.clear();
    encoded_.clear();
    lastFigures_ = {};
    if (trainerOptions.evaluateEvery < 1) return Status::error("evaluateEvery must be >= 1");
    Seq2SeqOptions resolved = options;
    resolved.epochs = resolvedEpochs(options, corpus.pairs.size());
    if (Status init = model_.initialize(corpus, resolved); !init.ok) return init;
    for (const SentencePair& p : heldOut.pairs)
        if (p.source.empty() || p.target.empty())
            return Status::error(heldOut.name + ":" + std::to_string(p.line) +
                                 ": a pair needs at least one source and one target token");
    corpus_ = corpus;
    heldOut_ = heldOut;
    trainerOptions_ = trainerOptions;
    if (!trainerOptions.guideLinks.empty() && trainerOptions.guideLinks.size() != corpus_.pairs.size())
        return Status::error("guide links: " + std::to_string(trainerOptions.guideLinks.size()) + " lists for " +
                             std::to_string(corpus_.pairs.size()) + " pairs");
    for (std::size_t i = 0; i < corpus_.pairs.size(); ++i) {
        const SentencePair& pair = corpus_.pairs[i];
        encoded_.push_back(model_.encode(pair));
        if (options.guidedAlignment <= 0.0) continue;
        encoded_.back().guide =
            trainerOptions.guideLinks.empty()
                ? guideFromLinks(pair)
                : guideFromLinks(trainerOptions.guideLinks[i], int(pair.source.size()), int(pair.target.size()));
    }
    trainerOptions_.guideLinks.clear();  // encoded into the pairs
    gradient_.setZero(model_.parameters().size());
    adam_ = Adam<>(options.adam, model_.parameters().size());
    // A stream of its own (golden-ratio offset), so the visiting order does
    // not repeat the draws of the initialisation.
    rng_ = Random(options.seed + 0x9E3779B97F4A7C15ull);
    order_.resize(encoded_.size());
    std::iota(order_.begin(), order_.end(), 0);
    updates_ = 0;
    const long long perEpoch = (long long)(encoded_.size() + std::size_t(options.batchSize) - 1) / options.batchSize;
    plannedUpdates_ = perEpoch * resolved.epochs;
    return Status::success();
}

bool Seq2SeqTrainer::runEpoch(EpochStats& stats, const std::atomic<bool>* cancel) {
    if (finished() || encoded_.empty()) return false;
    const auto begin = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count(); };
    const Seq2SeqOptions& o = model_.options();
    if (o.shuffle) shuffle(order_, rng_);
    gradient_.setZero();
    int inBatch = 0;
    double lossSum = 0.0;
    long long steps = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            seconds_ += elapsed();
            return false;
        }
        const EncodedPair& pair = encoded_[std::size_t(order_[i])];
        const double T = double(pair.target.size() + 1);
        model_.forward(pair, workspace_);
        lossSum += workspace_.crossEntropy * T;
        steps += (long long)T;
        model_.backward(workspace_, gradient_.data());
        if (++inBatch == o.batchSize || i + 1 == order_.size()) {
            gradient_ *= 1.0 / inBatch;
            if (o.decayLearningRate)  // linear to 0: update k of K takes (1 - k/K) of the rate
                adam_.setLearningRate(o.adam.learningRate *
                                      (1.0 - double(updates_) / double(std::max(1LL, plannedUpdates_))));
            ++updates_;
            adam_.step(model_.parameters(), gradient_);
            gradient_.setZero();
            inBatch = 0;
        }
    }
    ++epoch_;
    EpochStats s = lastFigures_;
    s.evaluated = epoch_ % trainerOptions_.evaluateEvery == 0 || finished();
    if (s.evaluated) {
        if (trainerOptions_.evaluateTraining) {
            const Evaluation e = evaluate(model_, corpus_);
            s.loss = e.loss;
            s.tokenAccuracy = e.tokenAccuracy;
            s.exactMatch = e.exactMatch;
            s.bleu = e.bleu;
            s.aer = e.aer;
            s.pairsWithGold = e.pairsWithGold;
        }
        s.hasHeldOut = !heldOut_.pairs.empty();
        if (s.hasHeldOut) s.heldOut = evaluate(model_, heldOut_);
        lastFigures_ = s;
    }
    const double took = elapsed();
    seconds_ += took;
    s.epoch = epoch_;
    s.trainLoss = steps > 0 ? lossSum / double(steps) : 0.0;
    s.seconds = seconds_;
    s.epochSeconds = took;
    stats = s;
    history_.push_back(stats);
    return true;
}

TrainSummary train(const Corpus& corpus, const Seq2SeqOptions& options,
                   const std::function<bool(const EpochStats&, const Seq2SeqModel&)>& callback,
                   const std::atomic<bool>* cancel, Seq2SeqModel* trained) {
    TrainSummary summary;
    Seq2SeqTrainer trainer;
    if (summary.status = trainer.start(corpus, options); !summary.status) return summary;
    while (!trainer.finished()) {
        EpochStats stats;
        if (!trainer.runEpoch(stats, cancel)) {
            summary.status = Status::cancelledByUser();
            break;
        }
        summary.epochs.push_back(stats);
        if (callback && !callback(stats, trainer.model())) break;
    }
    if (trained != nullptr) *trained = trainer.model();
    return summary;
}

}  // namespace ap
