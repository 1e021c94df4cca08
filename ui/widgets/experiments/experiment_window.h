// What both experiment windows share: a settings column with Train /
// Pause / Stop and a progress bar, the live bar chart, the learning curves,
// export of the chart and its data, and the worker thread that trains.
// Subclasses add their settings, make the run's job and show its snapshots.
#pragma once

#include "concurrent/job_worker.h"

#include <QMainWindow>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <limits>
#include <string>

class QAction;
class QDoubleSpinBox;
class QSpinBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace ui {

// The job of one run of an engine experiment (ap::runTimestepExperiment,
// ap::runChannelExperiment, ...): its options report batches, snapshots and
// epochs through callbacks and stop on a cancel flag; its summary says
// whether it failed or was cancelled and holds the last snapshot. Progress
// counts batches over all epochs; a pause holds the run at its next batch.
template <class Options, class Run>
JobWorker::Job experimentJob(Options o, Run run) {
    return [o, run](JobWorker& worker) mutable {
        const int total = ((o.samples + o.batch - 1) / o.batch) * o.epochs;
        o.cancel = worker.cancelFlag();
        o.onBatch = [&worker, total](const auto& p) {
            worker.reportProgress((p.epoch - 1) * p.batchesPerEpoch + p.batch, total, p.loss);
            worker.waitWhilePaused();
        };
        o.onSnapshot = [&worker](const auto& s) { worker.reportSnapshot(QVariant::fromValue(s)); };
        o.onEpoch = o.onSnapshot;
        const auto summary = run(o);
        if (!summary.ok) {
            worker.reportFailure(QString::fromStdString(summary.error));
            return false;
        }
        if (summary.cancelled) worker.reportSnapshot(QVariant::fromValue(summary.final));
        return !summary.cancelled;
    };
}

class ExperimentBarChart;
class LearningCurves;

class ExperimentWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ExperimentWindow(QWidget* parent = nullptr);
    ~ExperimentWindow() override;

    // As the buttons do.
    void startTraining();
    void pauseTraining();
    void resumeTraining();
    void stopTraining();
    bool isTraining() const;
    bool isPaused() const;

    // Writes the bar chart as PNG, SVG or PDF, or its data as CSV;
    // returns "" or the message (also shown in the status line).
    virtual QString exportChart(const QString& path, QSize size = {900, 520});
    QString exportCsv(const QString& path);

    ExperimentBarChart* chart() const { return chart_; }
    LearningCurves* curves() const { return curves_; }
    QProgressBar* progressBar() const { return progress_; }
    QString statusText() const;
    // Completed runs since the window opened (for tests and the title).
    int finishedRuns() const { return finishedRuns_; }

protected:
    // The settings form the subclass fills, and a place under the chart
    // for its own view (the heatmap).
    QFormLayout* settingsForm() const { return form_; }
    void addView(QWidget* view, int stretch);
    // The job of a run from the current settings, or null with `error` set.
    virtual JobWorker::Job makeJob(QString& error) = 0;
    virtual void showSnapshot(const QVariant& snapshot) = 0;
    virtual QString chartCsv() const = 0;
    virtual void clearViews() = 0;
    static QSpinBox* spinBox(QWidget* parent, int lo, int hi, int value, const QString& tip);
    static QDoubleSpinBox* rateBox(QWidget* parent, double lo, double hi, double step, double value,
                                   const QString& tip);
    // The training controls every experiment has (samples_ ... seed_ below),
    // with the experiment's own tooltips; the subclass puts them in its form,
    // so that its row labels keep their place and translations.
    struct TrainingTips {
        QString samples, testSamples, epochs, batch, learningRate, seed;
    };
    template <class Options>
    void makeTrainingControls(const Options& d, const TrainingTips& tips, int minBatch = 1) {
        makeTrainingControls(d.samples, d.testSamples, d.epochs, d.batch, d.learningRate, d.seed, tips, minBatch);
    }
    void makeTrainingControls(int samples, int testSamples, int epochs, int batch, double learningRate,
                              std::uint64_t seed, const TrainingTips& tips, int minBatch);
    struct TrainingValues {
        int samples, testSamples, epochs, batch;
        double learningRate;
        std::uint64_t seed;
    };
    TrainingValues trainingValues() const;
    template <class Options>
    void readTraining(Options& o) const {
        const TrainingValues v = trainingValues();
        o.samples = v.samples;
        o.testSamples = v.testSamples;
        o.epochs = v.epochs;
        o.batch = v.batch;
        o.learningRate = v.learningRate;
        o.seed = v.seed;
    }
    template <class Options>
    void writeTraining(const Options& o) {
        setTrainingValues(o.samples, o.testSamples, o.epochs, o.batch, o.learningRate, o.seed);
    }
    void setTrainingValues(int samples, int testSamples, int epochs, int batch, double learningRate,
                           std::uint64_t seed);

    QSpinBox* samples_ = nullptr;
    QSpinBox* testSamples_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* seed_ = nullptr;

    // Shows one line in the status bar at the bottom of the settings.
    void setStatus(const QString& text);
    void setSettingsEnabled(bool enabled);
    // For a window whose main view is not the bar chart: the chart is
    // hidden and the export entries get this window's names.
    void replaceChart(QWidget* view, const QString& exportText, const QString& exportTip, const QString& dataTip);
    virtual QSize exportSize() const;

private:
    void updateButtons();
    void exportChartInteractive();
    void exportCsvInteractive();

    JobWorker* worker_ = nullptr;
    quint64 run_ = 0;
    int finishedRuns_ = 0;
    bool runFailed_ = false;
    QWidget* settings_ = nullptr;
    QFormLayout* form_ = nullptr;
    QPushButton* train_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QSplitter* views_ = nullptr;
    ExperimentBarChart* chart_ = nullptr;
    QAction* exportChartAction_ = nullptr;
    QAction* exportDataAction_ = nullptr;
    LearningCurves* curves_ = nullptr;
};

}  // namespace ui
