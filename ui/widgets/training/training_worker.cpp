#include "widgets/training/training_worker.h"

#include "translation/aligner.h"
#include "concurrent/job_worker.h"

namespace ui {
namespace {

// The epochs of one run on the worker thread; true when all were done.
bool runEpochs(JobWorker& worker, ap::Seq2SeqTrainer& trainer) {
    for (;;) {
        worker.waitWhilePaused();
        if (worker.cancelFlag()->load()) return false;
        EpochReport report;
        if (!trainer.runEpoch(report.stats, worker.cancelFlag())) return false;
        report.model = std::make_shared<const ap::Seq2SeqModel>(trainer.model());
        worker.reportSnapshot(QVariant::fromValue(report));
        if (trainer.finished()) return true;
    }
}

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent), worker_(new JobWorker(this)) {
    qRegisterMetaType<ap::EpochStats>("ap::EpochStats");
    qRegisterMetaType<ui::ModelPtr>("ui::ModelPtr");
    connect(worker_, &JobWorker::snapshot, this, [this](quint64 run, const QVariant& data) {
        if (run != run_) return;
        const auto report = data.value<EpochReport>();
        emit epochFinished(report.stats, report.model);
    });
    connect(worker_, &JobWorker::failed, this, [this](quint64 run, const QString& message) {
        if (run == run_) emit failed(message);
    });
    // Every run ends in one runFinished, replaced runs too: each start()
    // gets its one trainingFinished.
    connect(worker_, &JobWorker::runFinished, this,
            [this](quint64, bool completed) { emit trainingFinished(completed); });
}

TrainingWorker::~TrainingWorker() {
    // Join the thread before this object's slots could still be reached.
    worker_->disconnect(this);
    delete worker_;
}

void TrainingWorker::start(CorpusPtr corpus, CorpusPtr heldOut, const ap::Seq2SeqOptions& options, bool ibm2Guide) {
    run_ = worker_->startJob(
        [corpus = std::move(corpus), heldOut = std::move(heldOut), options, ibm2Guide](JobWorker& worker) mutable {
            const std::atomic<bool>& cancel = *worker.cancelFlag();
            // A trainer per run: its working buffers are sized for one corpus
            // and model.
            ap::Seq2SeqTrainer trainer;
            ap::TrainerOptions trainerOptions;
            std::string error;
            if (options.guidedAlignment > 0.0 && ibm2Guide) {
                // The aligner's defaults are the CLI's --guide ibm2: IBM Model 2,
                // grow-diag-final-and, 10 iterations. Stop cancels it between EM
                // iterations.
                const ap::AlignerSummary aligned =
                    ap::alignCorpus(*corpus, ap::AlignerOptions{}, [&cancel](int, int) { return !cancel.load(); });
                if (aligned.status.ok)
                    for (const ap::PairAlignment& a : aligned.pairs) trainerOptions.guideLinks.push_back(a.links);
                else if (!cancel.load())
                    error = aligned.status.message;
            }
            if (error.empty() && !cancel.load())
                error = trainer.start(*corpus, options, heldOut ? *heldOut : ap::Corpus{}, trainerOptions).message;
            corpus.reset();
            heldOut.reset();
            if (!error.empty()) {
                worker.reportFailure(QString::fromStdString(error));
                return false;
            }
            return runEpochs(worker, trainer);
        });
}

void TrainingWorker::pause() { worker_->pause(); }

void TrainingWorker::resume() { worker_->resume(); }

void TrainingWorker::stop() { worker_->stop(); }

bool TrainingWorker::isTraining() const { return worker_->isRunningJob(); }

bool TrainingWorker::isPaused() const { return worker_->isPaused(); }

}  // namespace ui
