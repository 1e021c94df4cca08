// Experiments > Spatial attention: trains a spatial transformer network and
// its baseline on distorted digits on the worker thread and shows, while
// they learn, test digits with the region the transformer samples drawn on
// them beside what the classifier sees, and the accuracy of both models.
#pragma once

#include "experiments/spatial_experiment.h"
#include "widgets/experiments/experiment_window.h"

#include <optional>

namespace ui {

class SpatialGridView;

class SpatialWindow : public ExperimentWindow {
    Q_OBJECT
public:
    explicit SpatialWindow(QWidget* parent = nullptr);

    static SpatialWindow* open(QWidget* parent = nullptr);

    ap::SpatialOptions options() const;
    void setOptions(const ap::SpatialOptions& options);
    const std::optional<ap::SpatialSnapshot>& lastSnapshot() const { return last_; }
    SpatialGridView* grid() const { return grid_; }

    // Writes the grid of digits as PNG, SVG or PDF.
    QString exportChart(const QString& path, QSize size = {900, 620}) override;

    static constexpr int kSnapshotsPerEpoch = 10;
    static constexpr int kGridSamples = 12;

protected:
    JobWorker::Job makeJob(QString& error) override;
    void showSnapshot(const QVariant& snapshot) override;
    QString chartCsv() const override;
    void clearViews() override;
    QSize exportSize() const override;

private:
    OptionsForm<ap::SpatialOptions> fields_;
    SpatialGridView* grid_ = nullptr;
    std::optional<ap::SpatialSnapshot> last_;
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::SpatialSnapshot)
