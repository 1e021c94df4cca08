#include "widgets/playground/temperature_field.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

// Shows the shortest form of the value ("1", "0.0503", "19.8") instead of a
// fixed number of decimals, so the box reads like the temperature it holds.
class TemperatureSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override { return locale().toString(value, 'g', 6); }
};

// Slider positions land on three significant digits: the number box then
// shows exactly the temperature that is sent, and scene files stay tidy.
double roundSignificant(double v, int digits) {
    if (v <= 0) return v;
    const double scale = std::pow(10.0, digits - 1 - int(std::floor(std::log10(v))));
    return std::round(v * scale) / scale;
}

}  // namespace

double TemperatureField::temperatureForSlider(int position) {
    const double lo = std::log10(kMinTemperature), hi = std::log10(kMaxTemperature);
    if (position <= 0) return kMinTemperature;
    if (position >= kSliderSteps) return kMaxTemperature;
    const double t = double(position) / kSliderSteps;
    return roundSignificant(std::pow(10.0, lo + t * (hi - lo)), 3);
}

int TemperatureField::sliderForTemperature(double temperature) {
    if (!(temperature > 0)) return 0;
    const double lo = std::log10(kMinTemperature), hi = std::log10(kMaxTemperature);
    const double t = (std::log10(temperature) - lo) / (hi - lo);
    return std::clamp(int(std::lround(t * kSliderSteps)), 0, kSliderSteps);
}

TemperatureField::TemperatureField(QWidget* parent) : QWidget(parent) {
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setObjectName(QStringLiteral("temperatureSlider"));
    slider_->setRange(0, kSliderSteps);
    slider_->setPageStep(kSliderSteps / 20);
    slider_->setTickPosition(QSlider::TicksBelow);
    // Ticks at 0.05, 1 and 20: the ends and the neutral temperature.
    slider_->setTickInterval(kSliderSteps / 2);
    spin_ = new TemperatureSpinBox(this);
    spin_->setObjectName(QStringLiteral("temperatureSpin"));
    spin_->setDecimals(4);
    spin_->setRange(0.0001, 1000.0);
    spin_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    spin_->setKeyboardTracking(false);
    const QString tip = tr("Temperature T divides the scores before normalization: "
                           "wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T). T < 1 sharpens the weights towards hard "
                           "attention, T > 1 flattens them towards uniform; hard attention ignores T. "
                           "The slider is logarithmic from %1 to %2.")
                            .arg(kMinTemperature)
                            .arg(kMaxTemperature);
    slider_->setToolTip(tip);
    spin_->setToolTip(tip);
    connect(slider_, &QSlider::valueChanged, this, &TemperatureField::onSliderMoved);
    connect(spin_, &QDoubleSpinBox::valueChanged, this, &TemperatureField::onSpinEdited);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(slider_, 1);
    row->addWidget(spin_);
    setFocusProxy(slider_);
}

void TemperatureField::setTemperature(double t) {
    const QSignalBlocker blockSlider(slider_);
    const QSignalBlocker blockSpin(spin_);
    spin_->setValue(t);
    // The document echoes each dragged temperature back; a slider already on
    // a position that gives t stays put instead of jumping a step under the
    // mouse.
    if (temperatureForSlider(slider_->value()) != spin_->value()) slider_->setValue(sliderForTemperature(t));
    temperature_ = spin_->value();
}

double TemperatureField::temperature() const { return spin_->value(); }

void TemperatureField::onSliderMoved(int position) {
    const double t = temperatureForSlider(position);
    {
        const QSignalBlocker block(spin_);
        spin_->setValue(t);
    }
    if (t == temperature_) return;
    temperature_ = t;
    emit temperatureChanged(t);
}

void TemperatureField::onSpinEdited(double value) {
    {
        const QSignalBlocker block(slider_);
        slider_->setValue(sliderForTemperature(value));
    }
    if (value == temperature_) return;
    temperature_ = value;
    emit temperatureChanged(value);
}

}  // namespace ui
