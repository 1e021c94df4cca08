// Experiments > Time-step attention: trains the LSTM with attention over
// its steps on the worker thread and shows, while it learns, the attention
// over the steps averaged over the test samples and units (the informative
// step marked), each test sample's attention as a heatmap, and the
// accuracy and loss curves.
#pragma once

#include "experiments/timestep_experiment.h"
#include "widgets/experiments/experiment_window.h"

namespace ui {

class HeatmapView;

class TimestepWindow : public ExperimentWindowOf<TimestepWindow, &ap::runTimestepExperiment> {
    Q_OBJECT
public:
    explicit TimestepWindow(QWidget* parent = nullptr);

    HeatmapView* heatmap() const { return heatmap_; }
    // The heatmap's numbers as CSV (test samples x steps).
    QString exportHeatmapCsv(const QString& path);

    // Test evaluations per epoch, on top of the one at its end.
    static constexpr int kSnapshotsPerEpoch = 20;

protected:
    void showSnapshot(const QVariant& snapshot) override;
    QString chartCsv() const override;
    void clearViews() override;

private:
    HeatmapView* heatmap_ = nullptr;
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::TimestepSnapshot)
