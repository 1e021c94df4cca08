#include "widgets/training/training_worker.h"

#include "translation/aligner.h"

#include <QMutexLocker>

namespace ui {

TrainingWorker::TrainingWorker(QObject* parent) : QThread(parent) {
    qRegisterMetaType<ap::EpochStats>("ap::EpochStats");
    qRegisterMetaType<ui::ModelPtr>("ui::ModelPtr");
}

TrainingWorker::~TrainingWorker() {
    {
        QMutexLocker lock(&mutex_);
        abort_ = true;
        cancel_ = true;
        condition_.wakeAll();
    }
    wait();
}

void TrainingWorker::start(CorpusPtr corpus, CorpusPtr heldOut, const ap::Seq2SeqOptions& options,
                           bool ibm2Guide) {
    QMutexLocker lock(&mutex_);
    pendingCorpus_ = std::move(corpus);
    pendingHeldOut_ = std::move(heldOut);
    pendingOptions_ = options;
    pendingIbm2Guide_ = ibm2Guide;
    paused_ = false;
    stopPending_ = false;
    training_ = true;
    // A run under way gives way to the new one.
    cancel_ = true;
    if (!isRunning())
        QThread::start(QThread::LowPriority);
    else
        condition_.wakeAll();
}

void TrainingWorker::pause() {
    QMutexLocker lock(&mutex_);
    if (training_)
        paused_ = true;
}

void TrainingWorker::resume() {
    QMutexLocker lock(&mutex_);
    paused_ = false;
    condition_.wakeAll();
}

void TrainingWorker::stop() {
    QMutexLocker lock(&mutex_);
    cancel_ = true;
    // A run not picked up yet would clear cancel_ when it begins.
    stopPending_ = pendingCorpus_ != nullptr;
    paused_ = false;
    condition_.wakeAll();
}

bool TrainingWorker::isTraining() const {
    QMutexLocker lock(&mutex_);
    return training_;
}

bool TrainingWorker::isPaused() const {
    QMutexLocker lock(&mutex_);
    return training_ && paused_;
}

bool TrainingWorker::waitWhilePaused() {
    QMutexLocker lock(&mutex_);
    while (paused_ && !cancel_ && !abort_)
        condition_.wait(&mutex_);
    return !cancel_ && !abort_;
}

bool TrainingWorker::runEpochs(ap::Seq2SeqTrainer& trainer) {
    while (waitWhilePaused()) {
        ap::EpochStats stats;
        if (!trainer.runEpoch(stats, &cancel_))
            return false;
        emit epochFinished(stats, std::make_shared<const ap::Seq2SeqModel>(trainer.model()));
        if (trainer.finished())
            return true;
    }
    return false;
}

void TrainingWorker::run() {
    for (;;) {
        CorpusPtr corpus, heldOut;
        ap::Seq2SeqOptions options;
        bool ibm2Guide = false;
        {
            QMutexLocker lock(&mutex_);
            while (!pendingCorpus_ && !abort_)
                condition_.wait(&mutex_);
            if (abort_)
                return;
            corpus = std::move(pendingCorpus_);
            pendingCorpus_.reset();
            heldOut = std::move(pendingHeldOut_);
            pendingHeldOut_.reset();
            options = pendingOptions_;
            ibm2Guide = pendingIbm2Guide_;
            cancel_ = stopPending_;
            stopPending_ = false;
        }

        // A trainer per run: its working buffers are sized for one corpus
        // and model.
        ap::Seq2SeqTrainer trainer;
        ap::TrainerOptions trainerOptions;
        std::string error;
        if (options.guidedAlignment > 0.0 && ibm2Guide) {
            // The aligner's defaults are the CLI's --guide ibm2: IBM Model 2,
            // grow-diag-final-and, 10 iterations. Stop cancels it between
            // EM iterations.
            const ap::AlignerSummary aligned =
                ap::alignCorpus(*corpus, ap::AlignerOptions{}, [this](int, int) { return !cancel_.load(); });
            if (aligned.ok)
                for (const ap::PairAlignment& a : aligned.pairs)
                    trainerOptions.guideLinks.push_back(a.links);
            else if (!cancel_.load())
                error = aligned.error;
        }
        if (error.empty() && !cancel_.load())
            error = trainer.start(*corpus, options, heldOut ? *heldOut : ap::Corpus{}, trainerOptions).message;
        corpus.reset();
        heldOut.reset();
        bool completed = false;
        if (error.empty())
            completed = runEpochs(trainer);
        else
            emit failed(QString::fromStdString(error));
        {
            QMutexLocker lock(&mutex_);
            // A start() that came in meanwhile keeps its run marked as due.
            if (!pendingCorpus_) {
                training_ = false;
                paused_ = false;
            }
        }
        emit trainingFinished(completed);
    }
}

}  // namespace ui
