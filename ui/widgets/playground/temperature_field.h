// The temperature as a logarithmic slider beside a number box that accepts
// any T > 0 (a scene file may hold one beyond the slider's ends; the slider
// then rests at its end). The two follow each other; a change either makes
// is emitted once.
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSlider;

namespace ui {

class TemperatureField : public QWidget {
    Q_OBJECT
public:
    explicit TemperatureField(QWidget* parent = nullptr);

    // Shows `t` without emitting temperatureChanged.
    void setTemperature(double t);
    double temperature() const;
    // The label's buddy (its mnemonic focuses the slider).
    QSlider* slider() const { return slider_; }

    // The logarithmic slider: position 0 is kMinTemperature, kSliderSteps is
    // kMaxTemperature, the middle is T = 1.
    static constexpr double kMinTemperature = 0.05;
    static constexpr double kMaxTemperature = 20.0;
    static constexpr int kSliderSteps = 1000;
    static double temperatureForSlider(int position);
    static int sliderForTemperature(double temperature);

signals:
    // Also emitted while the slider is dragged.
    void temperatureChanged(double temperature);

private:
    void onSliderMoved(int position);
    void onSpinEdited(double value);

    QSlider* slider_ = nullptr;
    QDoubleSpinBox* spin_ = nullptr;
    // The temperature last shown or emitted, so that slider steps that round
    // to the same number box value are not sent twice.
    double temperature_ = 1.0;
};

}  // namespace ui
