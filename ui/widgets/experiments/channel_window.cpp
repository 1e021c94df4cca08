#include "widgets/experiments/channel_window.h"

#include "widgets/experiments/experiment_bar_chart.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/common/window_fit.h"

#include <QSpinBox>

namespace ui {
ChannelWindow::ChannelWindow(QWidget* parent) : ExperimentWindowOf(parent) {
    qRegisterMetaType<ap::ChannelSnapshot>("ap::ChannelSnapshot");
    setWindowTitle(tr("Channel attention"));
    setObjectName(QStringLiteral("channelWindow"));
    const TrainingTips tips{tr("Training images, drawn afresh from the seed"),
                            tr("Fresh images for the accuracy and the chart"),
                            tr("Passes over the training images"),
                            tr("Images per Adam step"),
                            tr("Adam's learning rate"),
                            tr("Seed of the data, the initial parameters and the order of the batches: the same seed "
                               "gives the same run")};
    using O = ap::ChannelOptions;
    QSpinBox* channels = fields_.addInt(tr("Channels C:"), &O::channels, 1, 256, tr("Channels C of each 8 × 8 image"));
    QSpinBox* informative = fields_.addInt(
        tr("Informative channel K:"), &O::informative, 0, 255,
        tr("The channel K shifted by +0.5 for label 1 and by -0.5 for label 0; the others are N(0, 1) noise"));
    addTrainingRows(fields_, tips);
    fields_.addChoice(tr("Excitation:"), &O::activation,
                      {{tr("Hard sigmoid (MobileNetV3)"), int(ap::ExcitationActivation::HardSigmoid)},
                       {tr("Hard swish"), int(ap::ExcitationActivation::HardSwish)},
                       {tr("Sigmoid (SENet)"), int(ap::ExcitationActivation::Sigmoid)}},
                      tr("The activation that turns the second layer's output into channel weights"));
    addSeedRow(fields_, tips);
    connect(channels, &QSpinBox::valueChanged, this, [informative](int c) { informative->setMaximum(c - 1); });
    fields_.write(O{});
    informative->setMaximum(channels->value() - 1);

    chart()->setSeries({{tr("all test samples"), QColor(0x31, 0x68, 0x8e)},
                        {tr("class 0"), QColor(0x9e, 0xc9, 0xe2)},
                        {tr("class 1"), QColor(0xe3, 0x7b, 0x40)}});
    chart()->setTitle(tr("Mean excitation per channel"));
    chart()->setValueLabel(tr("excitation"));
    chart()->setPositionLabel(tr("channel"));
    chart()->setToolTip(tr("The weight the excitation gives each channel, averaged over the test images, and over "
                           "those of each class; the shaded channel carries the label"));
    resizeWithinScreen(this, QSize(1100, 700));
}

void ChannelWindow::clearViews() {
    last_.reset();
    chart()->clear();
}

void ChannelWindow::showSnapshot(const QVariant& data) {
    const auto s = data.value<ap::ChannelSnapshot>();
    const int informative = runOptions().informative;
    showBars({s.channelWeights, s.classWeights[0], s.classWeights[1]}, 0.5, informative,
             tr("informative channel %1").arg(informative));
    addCurvePoint(s);
    setProgressStatus(
        progressText(tr("Epoch %1, batch %2 of %3: test accuracy %4, excitation peaks at channel %5 with %6."), s)
            .arg(s.peakChannel)
            .arg(s.channelWeights[std::size_t(s.peakChannel)], 0, 'f', 3));
    last_ = s;
}

QString ChannelWindow::chartCsv() const {
    const QString header = QStringLiteral("channel,excitation,class_0,class_1,informative");
    if (!last_) return barsCsv(header, {}, 0);
    return barsCsv(header, {&last_->channelWeights, &last_->classWeights[0], &last_->classWeights[1]},
                   runOptions().informative);
}

}  // namespace ui
