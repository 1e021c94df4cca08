// Trains the encoder-decoder off the GUI thread, after Qt's
// mandelbrot example (renderthread.cpp): the GUI only flips flags under a
// mutex and never waits for an epoch; the thread sleeps on a wait condition
// between runs and while paused, and the destructor stops and joins it.
#pragma once

#include "translation/corpus.h"
#include "translation/seq2seq.h"

#include <QMetaType>
#include <QMutex>
#include <QString>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace ui {

using CorpusPtr = std::shared_ptr<const ap::Corpus>;
using ModelPtr = std::shared_ptr<const ap::Seq2SeqModel>;

class TrainingWorker : public QThread {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Starts a run from freshly initialised parameters. A run still under
    // way is stopped first (it reports trainingFinished(false)), so runs
    // never overlap. Hides QThread::start(): the thread needs a corpus.
    // heldOut may be null or empty: then there are no held-out figures.
    // ibm2Guide: with guided alignment on, guide the attention with IBM
    // Model 2 links (aligned on this thread before the first epoch) instead
    // of the pairs' gold links.
    void start(CorpusPtr corpus, CorpusPtr heldOut, const ap::Seq2SeqOptions& options,
               bool ibm2Guide = false);
    // Pause takes effect after the epoch under way; stop within it (the
    // engine checks the cancel flag between pairs) and also ends a pause.
    void pause();
    void resume();
    void stop();

    // Whether a run is under way or paused (from start() until its
    // trainingFinished is emitted).
    bool isTraining() const;
    bool isPaused() const;

signals:
    // After each epoch. The snapshot is a copy of the model made on this
    // thread, so the GUI reads it without locks while training goes on.
    void epochFinished(const ap::EpochStats& stats, ui::ModelPtr snapshot);
    // The run ended: completed = all epochs done, false when stopped.
    // (QThread::finished() keeps its meaning: the thread itself ended.)
    void trainingFinished(bool completed);
    // The run could not start (options or corpus refused by the engine);
    // trainingFinished(false) follows, so every start() ends in exactly one
    // trainingFinished.
    void failed(const QString& message);

protected:
    void run() override;

private:
    // Blocks while paused; false when the run is to stop or the thread to end.
    bool waitWhilePaused();
    // The epochs of one run; true when all were done.
    bool runEpochs(ap::Seq2SeqTrainer& trainer);

    mutable QMutex mutex_;
    QWaitCondition condition_;
    CorpusPtr pendingCorpus_, pendingHeldOut_;
    ap::Seq2SeqOptions pendingOptions_;
    bool pendingIbm2Guide_ = false;
    bool abort_ = false;     // the destructor: leave run()
    bool paused_ = false;
    bool stopPending_ = false;  // stop() came before the run was picked up
    bool training_ = false;  // a run is pending, under way or paused
    std::atomic<bool> cancel_{false};  // the engine's flag: stop the run
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::EpochStats)
