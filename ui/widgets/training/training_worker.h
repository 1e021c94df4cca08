// Trains the encoder-decoder off the GUI thread on the application's one
// worker for long jobs (concurrent/job_worker.h): the GUI only flips
// flags and never waits for an epoch; a new run replaces the one under way;
// the destructor stops and joins the thread.
#pragma once

#include "translation/corpus.h"
#include "translation/seq2seq.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace ui {

class JobWorker;

using CorpusPtr = std::shared_ptr<const ap::Corpus>;
using ModelPtr = std::shared_ptr<const ap::Seq2SeqModel>;

// What one epoch reports: its figures and a copy of the model made on the
// worker thread, so the GUI reads it without locks while training goes on.
struct EpochReport {
    ap::EpochStats stats;
    ModelPtr model;
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Starts a run from freshly initialised parameters. A run still under
    // way is stopped first (it reports trainingFinished(false)), so runs
    // never overlap. heldOut may be null or empty: then there are no
    // held-out figures. ibm2Guide: with guided alignment on, guide the
    // attention with IBM Model 2 links (aligned on the worker before the
    // first epoch) instead of the pairs' gold links.
    void start(CorpusPtr corpus, CorpusPtr heldOut, const ap::Seq2SeqOptions& options, bool ibm2Guide = false);
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
    // After each epoch of the newest run.
    void epochFinished(const ap::EpochStats& stats, ui::ModelPtr snapshot);
    // The run ended: completed = all epochs done, false when stopped.
    void trainingFinished(bool completed);
    // The run could not start (options or corpus refused by the engine);
    // trainingFinished(false) follows, so every start() ends in exactly one
    // trainingFinished.
    void failed(const QString& message);

private:
    JobWorker* worker_ = nullptr;
    quint64 run_ = 0;  // the newest run; reports of older ones are dropped
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::EpochStats)
Q_DECLARE_METATYPE(ui::EpochReport)
