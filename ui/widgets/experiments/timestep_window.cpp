#include "widgets/experiments/timestep_window.h"

#include "render/csv_export.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/experiments/experiment_bar_chart.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/common/window_fit.h"

#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>

namespace ui {
TimestepWindow::TimestepWindow(QWidget* parent) : ExperimentWindowOf(parent) {
    qRegisterMetaType<ap::TimestepSnapshot>("ap::TimestepSnapshot");
    setWindowTitle(tr("Time-step attention"));
    setObjectName(QStringLiteral("timestepWindow"));
    const TrainingTips tips{tr("Training samples, drawn afresh from the seed"),
                            tr("Fresh samples for the accuracy, the chart and the heatmap"),
                            tr("Passes over the training samples"),
                            tr("Samples per Adam step"),
                            tr("Adam's learning rate"),
                            tr("Seed of the data, the initial parameters and the order of the batches: the same seed "
                               "gives the same run")};
    using O = ap::TimestepOptions;
    QSpinBox* steps = fields_.addInt(tr("Steps T:"), &O::steps, 1, 100, tr("Time steps T of each sequence"));
    QSpinBox* informative =
        fields_.addInt(tr("Informative step K:"), &O::informative, 0, 99,
                       tr("The step K whose inputs equal the label; every other step is N(0, 10²) noise"));
    fields_.addInt(tr("Input dimension D:"), &O::inputDim, 1, 64, tr("Inputs D per time step"));
    fields_.addInt(tr("LSTM units U:"), &O::units, 1, 256, tr("Width U of the LSTM"));
    addTrainingRows(fields_, tips);
    addSeedRow(fields_, tips);
    fields_.addChoice(tr("Attention:"), &O::placement,
                      {{tr("After the LSTM (on its states)"), int(ap::AttentionPlacement::AfterLstm)},
                       {tr("Before the LSTM (on the inputs)"), int(ap::AttentionPlacement::BeforeLstm)}},
                      tr("Where the attention block sits"));
    fields_.addCheck(tr("Shared attention:"), &O::sharedAttention, tr("One vector per sample"),
                     tr("Shared attention: the mean over the units (or inputs), repeated for each"));
    connect(steps, &QSpinBox::valueChanged, this, [informative](int t) { informative->setMaximum(t - 1); });
    fields_.write(O{});
    informative->setMaximum(steps->value() - 1);

    chart()->setSeries({{tr("attention"), QColor(0x31, 0x68, 0x8e)}});
    chart()->setTitle(tr("Attention per time step, mean over test samples and units"));
    chart()->setValueLabel(tr("attention weight"));
    chart()->setPositionLabel(tr("time step"));
    chart()->setToolTip(tr("The attention weight of each step, averaged over the test samples and the units; the "
                           "shaded step carries the label"));
    heatmap_ = new HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("sampleHeatmap"));
    heatmap_->setToolTip(tr("Each test sample's attention over the steps (mean over the units)"));
    heatmap_->setEmptyText(tr("Each test sample's attention over the steps appears here as the model trains "
                              "(Train, Ctrl+Return)."));
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

void TimestepWindow::clearViews() {
    last_.reset();
    chart()->clear();
    heatmap_->setData({});
}

void TimestepWindow::showSnapshot(const QVariant& data) {
    const auto s = data.value<ap::TimestepSnapshot>();
    const int informative = runOptions().informative;
    const QStringList steps = showBars({s.attention}, 0.2, informative, tr("informative step %1").arg(informative));
    addCurvePoint(s);

    HeatmapData h;
    h.title = tr("Attention of each test sample over the steps (informative step %1)").arg(informative);
    h.values = s.sampleAttention;
    for (int i = 0; i < int(s.sampleAttention.rows()); ++i)
        h.rowLabels << tr("sample %1, y = %2").arg(i + 1).arg(s.testLabels[std::size_t(i)]);
    h.columnLabels = steps;
    h.minValue = 0.0;
    h.maxValue = std::max(0.2, double(s.sampleAttention.maxCoeff()));
    h.scaleLabel = tr("weight");
    heatmap_->setData(std::move(h));
    setProgressStatus(
        progressText(tr("Epoch %1, batch %2 of %3: test accuracy %4, attention peaks at step %5 with %6."), s)
            .arg(s.peakStep)
            .arg(s.attention[std::size_t(s.peakStep)], 0, 'f', 3));
    last_ = s;
}

QString TimestepWindow::chartCsv() const {
    const QString header = QStringLiteral("step,attention,informative");
    if (!last_) return barsCsv(header, {}, 0);
    return barsCsv(header, {&last_->attention}, runOptions().informative);
}

QString TimestepWindow::exportHeatmapCsv(const QString& path) {
    const HeatmapData& h = heatmap_->data();
    return reportSaved(path, writeTextFile(path, matrixToCsv(h.values, h.rowLabels, h.columnLabels)));
}

}  // namespace ui
