// Experiments > Spatial attention: trains a spatial transformer network and
// its baseline on distorted digits on the worker thread and shows, while
// they learn, test digits with the region the transformer samples drawn on
// them beside what the classifier sees, and the accuracy of both models.
#pragma once

#include "experiments/spatial_experiment.h"
#include "widgets/experiments/experiment_window.h"

namespace ui {

class SpatialGridView;

class SpatialWindow : public ExperimentWindowOf<SpatialWindow, &ap::runSpatialExperiment> {
    Q_OBJECT
public:
    explicit SpatialWindow(QWidget* parent = nullptr);

    SpatialGridView* grid() const { return grid_; }

    // Writes the grid of digits as PNG, SVG or PDF.
    QString exportChart(const QString& path, QSize size = {900, 620}) override;

    static constexpr int kSnapshotsPerEpoch = 10;
    static constexpr int kGridSamples = 12;

protected:
    void prepareRun(ap::SpatialOptions& o) const override;
    void showSnapshot(const QVariant& snapshot) override;
    QString chartCsv() const override;
    void clearViews() override;
    QSize exportSize() const override;

private:
    SpatialGridView* grid_ = nullptr;
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::SpatialSnapshot)
