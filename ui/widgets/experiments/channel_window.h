// Experiments > Channel attention: trains the squeeze-and-excitation model
// on the worker thread and shows, while it learns, the mean excitation per
// channel over the test samples, over those of each class, with the
// informative channel marked, and the accuracy and loss curves.
#pragma once

#include "experiments/channel_experiment.h"
#include "widgets/experiments/experiment_window.h"

namespace ui {

class ChannelWindow : public ExperimentWindowOf<ChannelWindow, &ap::runChannelExperiment> {
    Q_OBJECT
public:
    explicit ChannelWindow(QWidget* parent = nullptr);

    static constexpr int kSnapshotsPerEpoch = 20;
    // The chart's series: all test samples, then class 0, then class 1.
    enum Series { AllSamples = 0, ClassZero = 1, ClassOne = 2 };

protected:
    void showSnapshot(const QVariant& snapshot) override;
    QString chartCsv() const override;
    void clearViews() override;
};

}  // namespace ui

Q_DECLARE_METATYPE(ap::ChannelSnapshot)
