// The state of the translation window without its widgets: the corpus (and
// which of its pairs are held out), the worker that trains, the newest
// model and its figures, and the training state. The panel shows it; tests
// drive it directly.
#pragma once

#include "translation/model_file.h"
#include "translation/seq2seq.h"
#include "widgets/training/training_worker.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace ui {

class TrainingSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Training, Paused, Stopping };

    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;

    // Reads a corpus file. On success it replaces the corpus and drops the
    // model; on failure the message names the file and the line and
    // nothing changes. Refused while training. Returns "" on success.
    QString loadCorpusFile(const QString& path);
    // Lower-case both sides of every pair (from the file as read).
    void setLowercase(bool lowercase);
    bool lowercase() const { return lowercase_; }
    // Whether the model shown was trained on lower-cased pairs (the
    // setting at its training, or the flag of the model file it came from).
    bool modelLowercase() const { return modelLowercase_; }
    // Hold out a seeded random fraction of the pairs (0: none).
    void setHoldout(double fraction, quint64 seed);
    double holdoutFraction() const { return holdoutFraction_; }

    // Training, as the Train / Pause / Resume / Stop buttons do. start()
    // returns "" or why the options were refused. ibm2Guide: guided
    // alignment follows IBM Model 2 links rather than the gold ones.
    QString start(const ap::Seq2SeqOptions& options, bool ibm2Guide = false);
    void pause();
    void resume();
    void stop();

    // Keeps the model: "" or a message naming the file.
    QString saveModel(const QString& path) const;
    // Loads a model trained elsewhere (its vocabularies replace nothing in
    // the corpus: unknown words are <unk> to it). "" or a message.
    QString loadModel(const QString& path);
    // Takes the model a ModelLoader read (or its message): "" or a message.
    QString adoptModel(ap::ModelReadResult read);

    // The corpus in use (lower-cased when asked), its held-out pairs.
    CorpusPtr corpus() const { return corpus_; }
    QString corpusPath() const { return corpusPath_; }
    bool isHeldOut(int pair) const;
    const std::vector<int>& heldOutIndices() const { return heldOut_; }
    State state() const { return state_; }
    bool isTraining() const { return state_ != State::Idle; }
    bool stoppedEarly() const { return stoppedEarly_; }
    // The run's epochs (automatic ones resolved for the training pairs).
    int plannedEpochs() const { return plannedEpochs_; }
    // The epochs `options` would train the current corpus for, with the
    // current held-out share.
    int epochsFor(const ap::Seq2SeqOptions& options) const;
    // The newest model snapshot (null before the first epoch).
    ModelPtr model() const { return model_; }
    std::optional<ap::EpochStats> lastStats() const { return lastStats_; }
    // A model trained (or loaded) since the corpus was loaded.
    bool hasModel() const { return model_ != nullptr; }

signals:
    void corpusChanged();
    void splitChanged();
    void stateChanged(ui::TrainingSession::State state);
    // After each epoch; the model snapshot is in model().
    void epochFinished(const ap::EpochStats& stats);
    void modelChanged();
    void failed(const QString& message);

private:
    void rebuild();
    void setState(State state);

    TrainingWorker* worker_ = nullptr;
    ap::Corpus original_;
    CorpusPtr corpus_;
    QString corpusPath_;
    bool lowercase_ = false;
    bool modelLowercase_ = false;
    double holdoutFraction_ = 0.0;
    quint64 holdoutSeed_ = 1;
    std::vector<int> heldOut_;
    ModelPtr model_;
    std::optional<ap::EpochStats> lastStats_;
    int plannedEpochs_ = 0;
    State state_ = State::Idle;
    bool stoppedEarly_ = false;
};

}  // namespace ui
