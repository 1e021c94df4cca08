#include "widgets/experiments/timestep_window.h"

#include "render/csv_export.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/experiments/experiment_bar_chart.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/common/window_fit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>

#include <limits>

namespace ui {
TimestepWindow::TimestepWindow(QWidget* parent) : ExperimentWindow(parent) {
    qRegisterMetaType<ap::TimestepSnapshot>("ap::TimestepSnapshot");
    setWindowTitle(tr("Time-step attention"));
    setObjectName(QStringLiteral("timestepWindow"));
    const ap::TimestepOptions d;
    makeTrainingControls(d, {tr("Training samples, drawn afresh from the seed"),
                             tr("Fresh samples for the accuracy, the chart and the heatmap"),
                             tr("Passes over the training samples"), tr("Samples per Adam step"),
                             tr("Adam's learning rate"),
                             tr("Seed of the data, the initial parameters and the order of the batches: the same seed "
                                "gives the same run")});
    QFormLayout* form = settingsForm();
    steps_ = spinBox(this, 1, 100, d.steps, tr("Time steps T of each sequence"));
    informative_ = spinBox(this, 0, 99, d.informative,
                           tr("The step K whose inputs equal the label; every other step is N(0, 10²) noise"));
    inputDim_ = spinBox(this, 1, 64, d.inputDim, tr("Inputs D per time step"));
    units_ = spinBox(this, 1, 256, d.units, tr("Width U of the LSTM"));
    placement_ = new QComboBox(this);
    placement_->addItem(tr("After the LSTM (on its states)"), int(ap::AttentionPlacement::AfterLstm));
    placement_->addItem(tr("Before the LSTM (on the inputs)"), int(ap::AttentionPlacement::BeforeLstm));
    placement_->setToolTip(tr("Where the attention block sits"));
    shared_ = new QCheckBox(tr("One vector per sample"), this);
    shared_->setToolTip(tr("Shared attention: the mean over the units (or inputs), repeated for each"));
    form->addRow(tr("Steps T:"), steps_);
    form->addRow(tr("Informative step K:"), informative_);
    form->addRow(tr("Input dimension D:"), inputDim_);
    form->addRow(tr("LSTM units U:"), units_);
    addTrainingRows();
    addSeedRow();
    form->addRow(tr("Attention:"), placement_);
    form->addRow(tr("Shared attention:"), shared_);
    connect(steps_, &QSpinBox::valueChanged, this, [this](int t) { informative_->setMaximum(t - 1); });
    informative_->setMaximum(steps_->value() - 1);

    chart()->setSeries({{tr("attention"), QColor(0x31, 0x68, 0x8e)}});
    chart()->setTitle(tr("Attention per time step, mean over test samples and units"));
    chart()->setValueLabel(tr("attention weight"));
    chart()->setPositionLabel(tr("time step"));
    chart()->setToolTip(tr("The attention weight of each step, averaged over the test samples and the units; the "
                           "shaded step carries the label"));
    heatmap_ = new HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("sampleHeatmap"));
    heatmap_->setToolTip(tr("Each test sample's attention over the steps (mean over the units)"));
    addView(heatmap_, 2);

    QMenu* file = menuBar()->actions().first()->menu();
    QAction* heatmapCsv = new QAction(tr("Export &heatmap data (CSV)..."), this);
    heatmapCsv->setToolTip(tr("Save each test sample's attention over the steps as CSV"));
    connect(heatmapCsv, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export heatmap data"), QString(), tr("CSV file (*.csv)"));
        if (!path.isEmpty()) exportHeatmapCsv(path);
    });
    file->insertAction(file->actions().at(2), heatmapCsv);
    resizeWithinScreen(this, QSize(1200, 820));
}

TimestepWindow* TimestepWindow::open(QWidget* parent) { return showNew<TimestepWindow>(parent); }

ap::TimestepOptions TimestepWindow::options() const {
    ap::TimestepOptions o;
    o.steps = steps_->value();
    o.informative = informative_->value();
    o.inputDim = inputDim_->value();
    o.units = units_->value();
    readTraining(o);
    o.placement = ap::AttentionPlacement(placement_->currentData().toInt());
    o.sharedAttention = shared_->isChecked();
    return o;
}

void TimestepWindow::setOptions(const ap::TimestepOptions& o) {
    steps_->setValue(o.steps);
    informative_->setValue(o.informative);
    inputDim_->setValue(o.inputDim);
    units_->setValue(o.units);
    writeTraining(o);
    placement_->setCurrentIndex(placement_->findData(int(o.placement)));
    shared_->setChecked(o.sharedAttention);
}

JobWorker::Job TimestepWindow::makeJob(QString& error) {
    const ap::TimestepOptions o = options();
    JobWorker::Job job = checkedJob(o, kSnapshotsPerEpoch, error,
                                    [](const auto& options) { return ap::runTimestepExperiment(options); });
    if (job) runInformative_ = o.informative;
    return job;
}

void TimestepWindow::clearViews() {
    last_.reset();
    chart()->clear();
    heatmap_->setData({});
}

void TimestepWindow::showSnapshot(const QVariant& data) {
    const auto s = data.value<ap::TimestepSnapshot>();
    const QStringList steps =
        showBars({s.attention}, 0.2, runInformative_, tr("informative step %1").arg(runInformative_));
    addCurvePoint(s);

    HeatmapData h;
    h.title = tr("Attention of each test sample over the steps (informative step %1)").arg(runInformative_);
    h.values = s.sampleAttention;
    for (int i = 0; i < int(s.sampleAttention.rows()); ++i)
        h.rowLabels << tr("sample %1, y = %2").arg(i + 1).arg(s.testLabels[std::size_t(i)]);
    h.columnLabels = steps;
    h.minValue = 0.0;
    h.maxValue = std::max(0.2, double(s.sampleAttention.maxCoeff()));
    h.scaleLabel = tr("weight");
    heatmap_->setData(std::move(h));
    setStatus(progressText(tr("Epoch %1, batch %2 of %3: test accuracy %4, attention peaks at step %5 with %6."), s)
                  .arg(s.peakStep)
                  .arg(s.attention[std::size_t(s.peakStep)], 0, 'f', 3));
    last_ = s;
}

QString TimestepWindow::chartCsv() const {
    const QString header = QStringLiteral("step,attention,informative");
    if (!last_) return barsCsv(header, {}, runInformative_);
    return barsCsv(header, {&last_->attention}, runInformative_);
}

QString TimestepWindow::exportHeatmapCsv(const QString& path) {
    const HeatmapData& h = heatmap_->data();
    return reportSaved(path, writeTextFile(path, matrixToCsv(h.values, h.rowLabels, h.columnLabels)));
}

}  // namespace ui
