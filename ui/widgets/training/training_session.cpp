#include "widgets/training/training_session.h"

#include "translation/corpus_split.h"
#include "translation/model_file.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace ui {

TrainingSession::TrainingSession(QObject* parent) : QObject(parent) {
    worker_ = new TrainingWorker(this);
    connect(worker_, &TrainingWorker::epochFinished, this, [this](const ap::EpochStats& stats, ModelPtr snapshot) {
        if (state_ == State::Idle) return;
        model_ = std::move(snapshot);
        lastStats_ = stats;
        emit epochFinished(stats);
    });
    connect(worker_, &TrainingWorker::trainingFinished, this, [this](bool completed) {
        // The worker's word counts: a Stop that came after the last epoch
        // did not stop anything.
        stoppedEarly_ = !completed;
        setState(State::Idle);
        emit modelChanged();
    });
    connect(worker_, &TrainingWorker::failed, this, &TrainingSession::failed);
}

TrainingSession::~TrainingSession() {
    // Join the worker before the members its queued signals would touch go.
    worker_->disconnect(this);
    delete worker_;
}

QString TrainingSession::loadCorpusFile(const QString& path) {
    if (isTraining()) return tr("Stop training before loading other pairs");
    ap::CorpusReadResult read = ap::readCorpusFile(QFile::encodeName(path).toStdString());
    if (!read.ok) return QString::fromStdString(read.error);
    original_ = std::move(read.value);
    corpusPath_ = QFileInfo(path).absoluteFilePath();
    rebuild();
    return {};
}

void TrainingSession::setLowercase(bool lowercase) {
    if (lowercase == lowercase_ || isTraining()) return;
    lowercase_ = lowercase;
    if (!original_.pairs.empty()) rebuild();
}

void TrainingSession::setHoldout(double fraction, quint64 seed) {
    if ((fraction == holdoutFraction_ && seed == holdoutSeed_) || isTraining()) return;
    holdoutFraction_ = fraction;
    holdoutSeed_ = seed;
    if (!corpus_) return;
    heldOut_ = ap::splitHoldout(*corpus_, holdoutFraction_, holdoutSeed_).heldOutIndices;
    emit splitChanged();
}

void TrainingSession::rebuild() {
    ap::Corpus corpus = original_;
    if (lowercase_) ap::lowercase(corpus);
    heldOut_ = ap::splitHoldout(corpus, holdoutFraction_, holdoutSeed_).heldOutIndices;
    corpus_ = std::make_shared<const ap::Corpus>(std::move(corpus));
    // A model belongs to the vocabulary of the corpus it was trained on.
    model_.reset();
    lastStats_.reset();
    emit corpusChanged();
    emit modelChanged();
}

bool TrainingSession::isHeldOut(int pair) const { return std::binary_search(heldOut_.begin(), heldOut_.end(), pair); }

int TrainingSession::epochsFor(const ap::Seq2SeqOptions& options) const {
    const std::size_t pairs = corpus_ ? corpus_->pairs.size() - heldOut_.size() : 0;
    return ap::resolvedEpochs(options, pairs);
}

QString TrainingSession::start(const ap::Seq2SeqOptions& options, bool ibm2Guide) {
    if (isTraining() || !corpus_) return {};
    if (const ap::Status valid = ap::validate(options); !valid.ok) return QString::fromStdString(valid.message);
    const ap::HoldoutSplit split = ap::splitHoldout(*corpus_, holdoutFraction_, holdoutSeed_);
    model_.reset();
    modelLowercase_ = lowercase_;
    lastStats_.reset();
    plannedEpochs_ = ap::resolvedEpochs(options, split.train.pairs.size());
    worker_->start(std::make_shared<const ap::Corpus>(split.train), std::make_shared<const ap::Corpus>(split.heldOut),
                   options, ibm2Guide);
    setState(State::Training);
    emit modelChanged();
    return {};
}

void TrainingSession::pause() {
    if (state_ != State::Training) return;
    worker_->pause();
    setState(State::Paused);
}

void TrainingSession::resume() {
    if (state_ != State::Paused) return;
    worker_->resume();
    setState(State::Training);
}

void TrainingSession::stop() {
    if (state_ != State::Training && state_ != State::Paused) return;
    worker_->stop();
    setState(State::Stopping);
}

void TrainingSession::setState(State state) {
    if (state == state_) return;
    state_ = state;
    emit stateChanged(state_);
}

QString TrainingSession::saveModel(const QString& path) const {
    if (!model_) return tr("There is no model to save: train first");
    const std::string error =
        ap::writeModelFile(QFile::encodeName(path).toStdString(), *model_, modelLowercase_).message;
    return QString::fromStdString(error);
}

QString TrainingSession::loadModel(const QString& path) {
    if (isTraining()) return tr("Stop training before loading a model");
    return adoptModel(ap::readModelFile(QFile::encodeName(path).toStdString()));
}

QString TrainingSession::adoptModel(ap::ModelReadResult read) {
    if (isTraining()) return tr("Stop training before loading a model");
    if (!read.ok) return QString::fromStdString(read.error);
    model_ = std::make_shared<const ap::Seq2SeqModel>(std::move(read.value.model));
    modelLowercase_ = read.value.lowercase;
    lastStats_.reset();
    stoppedEarly_ = false;
    emit modelChanged();
    return {};
}

}  // namespace ui
