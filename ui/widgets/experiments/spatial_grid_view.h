// The spatial transformer's figure: test digits side by side with what it
// made of them. Each pair is the input with the region the transformer
// samples drawn on it (and the digit's true box, dashed), then the sampled
// image the classifier sees, under them the label and the predictions.
// paint() draws the same picture for the widget and for export.
#pragma once

#include "experiments/spatial_experiment.h"

#include <QWidget>

#include <vector>

namespace ui {

class SpatialGridView : public QWidget {
    Q_OBJECT
public:
    explicit SpatialGridView(QWidget* parent = nullptr);

    void setSamples(std::vector<ap::SpatialSample> samples);
    void clear();
    const std::vector<ap::SpatialSample>& samples() const { return samples_; }

    void paint(QPainter& painter, const QSizeF& size) const;

    QSize sizeHint() const override { return {760, 520}; }
    QSize minimumSizeHint() const override { return {300, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<ap::SpatialSample> samples_;
};

}  // namespace ui
