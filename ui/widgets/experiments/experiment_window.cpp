#include "widgets/experiments/experiment_window.h"

#include "render/csv_export.h"
#include "widgets/common/message_bar.h"
#include "widgets/experiments/experiment_bar_chart.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/experiments/plot_export.h"

#include <QAction>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ExperimentWindow::ExperimentWindow(QWidget* parent) : QMainWindow(parent) {
    worker_ = new JobWorker(this);
    auto* central = new QWidget(this);
    auto* row = new QHBoxLayout(central);

    settings_ = new QWidget(central);
    auto* column = new QVBoxLayout(settings_);
    column->setContentsMargins(0, 0, 0, 0);
    form_ = new QFormLayout();
    column->addLayout(form_);
    auto* buttons = new QHBoxLayout();
    train_ = new QPushButton(tr("&Train"), central);
    train_->setToolTip(tr("Train a new model from the settings (Ctrl+Return)"));
    train_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    pause_ = new QPushButton(tr("&Pause"), central);
    pause_->setToolTip(tr("Hold the training at the next batch, or go on with it (Ctrl+P)"));
    pause_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    stop_ = new QPushButton(tr("&Stop"), central);
    stop_->setToolTip(tr("End the training at the next batch; the charts keep the model as it is (Esc)"));
    stop_->setShortcut(QKeySequence(Qt::Key_Escape));
    buttons->addWidget(train_);
    buttons->addWidget(pause_);
    buttons->addWidget(stop_);
    progress_ = new QProgressBar(central);
    progress_->setToolTip(tr("Batches done of the whole run"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    status_ = new QLabel(central);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addLayout(buttons);
    column->addWidget(progress_);
    column->addWidget(status_);
    column->addStretch(1);
    // The settings column is as wide as its fields need (a combo box's
    // longest item whole), no wider; the status wraps within it rather
    // than widen it.
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    settings_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    row->addWidget(settings_, 0);

    auto* viewColumn = new QVBoxLayout();
    messages_ = new MessageBar(central);
    messages_->setObjectName(QStringLiteral("experimentMessages"));
    views_ = new QSplitter(Qt::Vertical, central);
    chart_ = new ExperimentBarChart(views_);
    curves_ = new LearningCurves(views_);
    views_->addWidget(chart_);
    views_->addWidget(curves_);
    viewColumn->addWidget(messages_);
    viewColumn->addWidget(views_, 1);
    row->addLayout(viewColumn, 1);
    setCentralWidget(central);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportChart = exportChartAction_ =
        file->addAction(tr("Export &chart..."), this, &ExperimentWindow::exportChartInteractive);
    exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportChart->setToolTip(tr("Save the bar chart as a PNG, SVG or PDF file"));
    QAction* exportData = exportDataAction_ =
        file->addAction(tr("Export chart &data (CSV)..."), this, &ExperimentWindow::exportCsvInteractive);
    exportData->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportData->setToolTip(tr("Save the numbers of the bar chart as CSV"));
    file->addSeparator();
    QAction* close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    connect(train_, &QPushButton::clicked, this, &ExperimentWindow::startTraining);
    connect(pause_, &QPushButton::clicked, this, [this] {
        if (isPaused())
            resumeTraining();
        else
            pauseTraining();
    });
    connect(stop_, &QPushButton::clicked, this, &ExperimentWindow::stopTraining);
    connect(worker_, &JobWorker::progress, this, [this](quint64 run, int done, int total, double loss) {
        if (run != run_) return;
        progress_->setRange(0, total);
        progress_->setValue(done);
        setProgressStatus(tr("Batch %1 of %2, training loss %3.").arg(done).arg(total).arg(loss, 0, 'f', 4));
    });
    connect(worker_, &JobWorker::snapshot, this, [this](quint64 run, const QVariant& data) {
        if (run == run_) showSnapshot(data);
    });
    connect(worker_, &JobWorker::failed, this, [this](quint64 run, const QString& message) {
        if (run != run_) return;
        runFailed_ = true;
        setStatus(tr("Training failed."));
        showError(message);
    });
    connect(worker_, &JobWorker::runFinished, this, [this](quint64 run, bool completed) {
        if (run != run_) return;
        if (completed) {
            ++finishedRuns_;
            progress_->setValue(progress_->maximum());
        }
        updateButtons();
        setSettingsEnabled(true);
        if (completed)
            setStatus(tr("Training finished."));
        else if (!runFailed_)
            setStatus(tr("Training stopped."));
    });
    updateButtons();
}

void ExperimentWindow::addView(QWidget* view, int stretch) {
    views_->insertWidget(1, view);
    views_->setStretchFactor(1, stretch);
}

void ExperimentWindow::replaceChart(QWidget* view, const QString& exportText, const QString& exportTip,
                                    const QString& dataTip) {
    views_->insertWidget(0, view);
    views_->setStretchFactor(0, 3);
    chart_->hide();
    exportChartAction_->setText(exportText);
    exportChartAction_->setToolTip(exportTip);
    exportDataAction_->setToolTip(dataTip);
}

QSize ExperimentWindow::exportSize() const { return chart_->size().expandedTo(QSize(640, 360)); }

void ExperimentWindow::startTraining() {
    QString error;
    JobWorker::Job job = makeJob(error);
    if (!job) {
        showError(error);
        return;
    }
    messages_->hide();
    clearViews();
    curves_->clear();
    progress_->setRange(0, 1);
    progress_->setValue(0);
    setStatus(tr("Generating the data..."));
    runFailed_ = false;
    run_ = worker_->startJob(std::move(job));
    setSettingsEnabled(false);
    updateButtons();
}

void ExperimentWindow::pauseTraining() {
    worker_->pause();
    setStatus(tr("Paused."));
    updateButtons();
}

void ExperimentWindow::resumeTraining() {
    worker_->resume();
    updateButtons();
}

void ExperimentWindow::stopTraining() {
    worker_->stop();
    updateButtons();
}

bool ExperimentWindow::isTraining() const { return worker_->isRunningJob(); }

bool ExperimentWindow::isPaused() const { return worker_->isPaused(); }

QString ExperimentWindow::statusText() const { return status_->text(); }

void ExperimentWindow::setStatus(const QString& text) { status_->setText(text); }

void ExperimentWindow::setProgressStatus(const QString& text) {
    if (!isPaused()) setStatus(text);
}

QString ExperimentWindow::errorText() const { return messages_->text(); }

void ExperimentWindow::showError(const QString& text) { messages_->showMessage(text, MessageBar::Level::Error); }

QString ExperimentWindow::reportSaved(const QString& path, const QString& error) {
    if (error.isEmpty())
        setStatus(tr("Saved %1.").arg(path));
    else
        showError(error);
    return error;
}

void ExperimentWindow::setSettingsEnabled(bool enabled) {
    for (int i = 0; i < form_->count(); ++i)
        if (QWidget* w = form_->itemAt(i)->widget()) w->setEnabled(enabled);
}

void ExperimentWindow::updateButtons() {
    const bool training = isTraining();
    train_->setEnabled(!training);
    pause_->setEnabled(training);
    stop_->setEnabled(training);
    pause_->setText(isPaused() ? tr("&Resume") : tr("&Pause"));
}

QString ExperimentWindow::exportChart(const QString& path, QSize size) {
    return reportSaved(path, exportPlot(chart_->plot(), size, path));
}

QString ExperimentWindow::exportCsv(const QString& path) { return reportSaved(path, writeTextFile(path, chartCsv())); }

void ExperimentWindow::exportChartInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty()) exportChart(path, exportSize());
}

void ExperimentWindow::exportCsvInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"), QString(), tr("CSV file (*.csv)"));
    if (!path.isEmpty()) exportCsv(path);
}

QStringList ExperimentWindow::showBars(const std::vector<std::vector<double>>& series, double floor, int marked,
                                       const QString& markText) {
    QStringList positions;
    const int n = series.empty() ? 0 : int(series.front().size());
    for (int i = 0; i < n; ++i) positions << QString::number(i);
    chart_->setValues(positions, series, floor);
    chart_->setMarked(marked, markText);
    return positions;
}

void ExperimentWindow::addCurvePoint(double epoch, double accuracy, double trainLoss, double testLoss) {
    curves_->addPoint(epoch, accuracy, trainLoss, testLoss);
}

QString ExperimentWindow::barsCsv(const QString& header, const std::vector<const std::vector<double>*>& series,
                                  int marked) {
    QString csv = header + QLatin1Char('\n');
    const std::size_t n = series.empty() ? 0 : series.front()->size();
    for (std::size_t i = 0; i < n; ++i) {
        csv += QString::number(i);
        for (const std::vector<double>* values : series) csv += QStringLiteral(",%1").arg((*values)[i], 0, 'g', 17);
        csv += QStringLiteral(",%1\n").arg(int(i) == marked ? 1 : 0);
    }
    return csv;
}

}  // namespace ui
