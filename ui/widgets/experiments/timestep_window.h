// Experiments > Time-step attention: trains the LSTM with attention over
// its steps on the worker thread and shows, while it learns, the attention
// over the steps averaged over the test samples and units (the informative
// step marked), each test sample's attention as a heatmap, and the
// accuracy and loss curves.
#pragma once

#include "experiments/timestep_experiment.h"
#include "widgets/experiments/experiment_window.h"

#include <optional>

namespace ui {

class HeatmapView;

class TimestepWindow : public ExperimentWindow {
    Q_OBJECT
public:
    explicit TimestepWindow(QWidget* parent = nullptr);

    // Opens a window (deleted when closed) and shows it.
    static TimestepWindow* open(QWidget* parent = nullptr);

    ap::TimestepOptions options() const;
    void setOptions(const ap::TimestepOptions& options);
    // The latest evaluation shown, if any.
    const std::optional<ap::TimestepSnapshot>& lastSnapshot() const { return last_; }
    HeatmapView* heatmap() const { return heatmap_; }
    // The heatmap's numbers as CSV (test samples x steps).
    QString exportHeatmapCsv(const QString& path);

    // Test evaluations per epoch, on top of the one at its end.
    static constexpr int kSnapshotsPerEpoch = 20;

protected:
    JobWorker::Job makeJob(QString& error) override;
    void showSnapshot(const QVariant& snapshot) override;
    QString chartCsv() const override;
    void clearViews() override;

private:
    OptionsForm<ap::TimestepOptions> fields_;
    HeatmapView* heatmap_ = nullptr;
    std::optional<ap::TimestepSnapshot> last_;
    int runInformative_ = 0;  // K of the run the views show
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::TimestepSnapshot)
