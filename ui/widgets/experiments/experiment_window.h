// What the experiment windows share: a settings column with Train /
// Pause / Stop, a progress bar and a status line, a message bar for errors
// above the views, the live bar chart, the learning curves, export of the
// chart and its data, and the worker thread that trains. Subclasses add
// their settings, make the run's job and show its snapshots.
#pragma once

#include "concurrent/job_worker.h"
#include "widgets/common/options_form.h"

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

class QAction;
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
        if (!summary.status.ok && !summary.status.cancelled) {
            worker.reportFailure(QString::fromStdString(summary.status.message));
            return false;
        }
        if (summary.status.cancelled) worker.reportSnapshot(QVariant::fromValue(summary.final));
        return !summary.status.cancelled;
    };
}

class ExperimentBarChart;
class LearningCurves;
class MessageBar;

class ExperimentWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ExperimentWindow(QWidget* parent = nullptr);

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
    // The last error shown (a refused setting, a failed run or export), ""
    // when none is shown.
    QString errorText() const;
    // Completed runs since the window opened (for tests and the title).
    int finishedRuns() const { return finishedRuns_; }

protected:
    // Opens a window of type W (deleted when closed) and shows it.
    template <class W>
    static W* showNew(QWidget* parent) {
        auto* w = new W(parent);
        w->setWindowFlag(Qt::Window, true);
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        return w;
    }
    // For the experiments that look for one informative position (a channel,
    // a step): the chart's bars, one per position, named 0, 1, ..., with
    // `marked` shaded and labelled; returns the position names.
    QStringList showBars(const std::vector<std::vector<double>>& series, double floor, int marked,
                         const QString& markText);
    // The chart's series as CSV: one row per position with `header`'s
    // columns: the position, each series' value, and 1 on the marked row.
    static QString barsCsv(const QString& header, const std::vector<const std::vector<double>*>& series, int marked);
    // A snapshot's point on the learning curves, at its fraction of an epoch.
    template <class Snapshot>
    void addCurvePoint(const Snapshot& s) {
        const double fraction = s.batchesPerEpoch > 0 ? double(s.batch) / s.batchesPerEpoch : 1.0;
        addCurvePoint(s.epoch - 1 + fraction, s.accuracy, s.trainLoss, s.testLoss);
    }
    void addCurvePoint(double epoch, double accuracy, double trainLoss, double testLoss);
    // `text` ("Epoch %1, batch %2 of %3: test accuracy %4, ...") with the
    // snapshot's epoch, batch, batches per epoch and accuracy filled in.
    template <class Snapshot>
    static QString progressText(const QString& text, const Snapshot& s) {
        return text.arg(s.epoch).arg(s.batch).arg(s.batchesPerEpoch).arg(s.accuracy, 0, 'f', 3);
    }
    // The settings form the subclass fills, and a place under the chart
    // for its own view (the heatmap).
    QFormLayout* settingsForm() const { return form_; }
    void addView(QWidget* view, int stretch);
    // The job of a run from the current settings, or null with `error` set.
    virtual JobWorker::Job makeJob(QString& error) = 0;
    virtual void showSnapshot(const QVariant& snapshot) = 0;
    virtual QString chartCsv() const = 0;
    virtual void clearViews() = 0;
    // The training settings every experiment has, with the experiment's own
    // tooltips: the rows samples to learning rate, and the seed's row, for
    // the subclass to place around its own rows (their labels keep their
    // translations here).
    struct TrainingTips {
        QString samples, testSamples, epochs, batch, learningRate, seed;
    };
    template <class Options>
    void addTrainingRows(OptionsForm<Options>& fields, const TrainingTips& tips, int minBatch = 1) {
        fields.addInt(tr("Training samples:"), &Options::samples, 1, 1000000, tips.samples)->setSingleStep(1000);
        fields.addInt(tr("Test samples:"), &Options::testSamples, 1, 100000, tips.testSamples);
        fields.addInt(tr("Epochs:"), &Options::epochs, 1, 1000, tips.epochs);
        fields.addInt(tr("Batch size:"), &Options::batch, minBatch, 4096, tips.batch);
        fields.addReal(tr("Learning rate:"), &Options::learningRate, 0.00001, 1.0, 0.0005, 5, tips.learningRate);
    }
    template <class Options>
    void addSeedRow(OptionsForm<Options>& fields, const TrainingTips& tips) {
        fields.addInt(tr("Seed:"), &Options::seed, 0, std::numeric_limits<int>::max(), tips.seed);
    }

    // Shows one line in the status bar at the bottom of the settings.
    void setStatus(const QString& text);
    // The same for news of the run (batch, accuracy), except while paused:
    // progress the worker sent before the pause reached it would otherwise
    // replace "Paused." at once.
    void setProgressStatus(const QString& text);
    // Shows an error in the message bar above the views.
    void showError(const QString& text);
    // After an export: "Saved PATH." in the status line, or `error` in the
    // message bar. Returns `error`.
    QString reportSaved(const QString& path, const QString& error);
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
    MessageBar* messages_ = nullptr;
    QSplitter* views_ = nullptr;
    ExperimentBarChart* chart_ = nullptr;
    QAction* exportChartAction_ = nullptr;
    QAction* exportDataAction_ = nullptr;
    LearningCurves* curves_ = nullptr;
};

// An engine experiment, named by the function that runs it
// (ap::runChannelExperiment, ...): its options and its snapshot type.
template <auto Run>
struct ExperimentTypes;
template <class Summary, class Opts, Summary (*Run)(const Opts&)>
struct ExperimentTypes<Run> {
    using Options = Opts;
    using Snapshot = decltype(Summary::final);
};

// What depends on an experiment's own types: open(), its settings bound to
// its options (fields_), the run's job, the options of the run shown and the
// last snapshot shown (last_). `Window` says how many snapshots to take per
// epoch (kSnapshotsPerEpoch).
template <class Window, auto Run>
class ExperimentWindowOf : public ExperimentWindow {
public:
    using Options = typename ExperimentTypes<Run>::Options;
    using Snapshot = typename ExperimentTypes<Run>::Snapshot;

    // Opens a window (deleted when closed) and shows it.
    static Window* open(QWidget* parent = nullptr) { return showNew<Window>(parent); }
    Options options() const {
        Options o;
        fields_.read(o);
        return o;
    }
    void setOptions(const Options& o) { fields_.write(o); }
    // The options of the run the views show: those of the last Train.
    const Options& runOptions() const { return runOptions_; }
    // The latest snapshot shown, if any.
    const std::optional<Snapshot>& lastSnapshot() const { return last_; }

protected:
    explicit ExperimentWindowOf(QWidget* parent) : ExperimentWindow(parent), fields_(this, settingsForm()) {}

    // Sets what the run needs beyond the settings form, before it is checked.
    virtual void prepareRun(Options&) const {}

    // The settings are checked here, on the GUI thread, so that a bad one is
    // reported before the worker starts.
    JobWorker::Job makeJob(QString& error) override {
        Options o = options();
        const int batches = (o.samples + o.batch - 1) / o.batch;
        o.snapshotEvery = std::max(1, batches / Window::kSnapshotsPerEpoch);
        prepareRun(o);
        if (const auto valid = validate(o); !valid.ok) {
            error = QString::fromStdString(valid.message);
            return nullptr;
        }
        runOptions_ = o;
        return experimentJob(o, Run);
    }

    OptionsForm<Options> fields_;
    std::optional<Snapshot> last_;

private:
    Options runOptions_;
};

}  // namespace ui
