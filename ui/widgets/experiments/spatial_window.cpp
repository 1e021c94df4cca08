#include "widgets/experiments/spatial_window.h"

#include "render/image_export.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/common/window_fit.h"
#include "widgets/experiments/spatial_grid_view.h"

#include <QPainter>

namespace ui {
SpatialWindow::SpatialWindow(QWidget* parent) : ExperimentWindowOf(parent) {
    qRegisterMetaType<ap::SpatialSnapshot>("ap::SpatialSnapshot");
    setWindowTitle(tr("Spatial attention"));
    setObjectName(QStringLiteral("spatialWindow"));
    const TrainingTips tips{tr("Training digits, drawn afresh from the seed"),
                            tr("Fresh digits for the accuracy, the boxes and the angles"),
                            tr("Passes over the training digits"),
                            tr("Digits per Adam step"),
                            tr("Adam's learning rate of the classifiers"),
                            tr("Seed of the digits, the initial parameters and the order of the batches: the same "
                               "seed gives the same run")};
    using O = ap::SpatialOptions;
    fields_.addChoice(tr("Distortion:"), &O::distortion,
                      {{tr("All of them"), int(ap::Distortion::All)},
                       {tr("Rotation (up to ±60°)"), int(ap::Distortion::Rotate)},
                       {tr("Translation"), int(ap::Distortion::Translate)},
                       {tr("Scale"), int(ap::Distortion::Scale)},
                       {tr("Clutter"), int(ap::Distortion::Clutter)}},
                      tr("What distorts the digits; every digit also gets a little noise"));
    addTrainingRows(fields_, tips, 2);
    fields_.addReal(tr("Localisation rate:"), &O::localisationRate, 0.0, 10.0, 0.05, 5,
                    tr("The localisation network learns at this fraction of the learning rate"));
    fields_.addReal(
        tr("Zoom penalty:"), [](auto& o) -> auto& { return o.transform.zoomPenalty; }, 0.0, 10.0, 0.1, 2,
        tr("How strongly a smaller sampled region is preferred, from the second epoch: "
           "the default suits all distortions at once; with one distortion alone the "
           "digits are easy and a smaller value (0.5) keeps the whole digit in the region"));
    addSeedRow(fields_, tips);
    fields_.write(O{});

    grid_ = new SpatialGridView(this);
    replaceChart(grid_, tr("Export &grid..."),
                 tr("Save the grid of digits and sampled regions as a PNG, SVG or PDF file"),
                 tr("Save the shown digits' labels, predictions, angles, overlaps and transforms as CSV"));
    curves()->showComparison(tr("transformer accuracy"), tr("baseline accuracy"));
    resizeWithinScreen(this, QSize(1160, 740));
}

void SpatialWindow::prepareRun(ap::SpatialOptions& o) const { o.gridSamples = std::min(kGridSamples, o.testSamples); }

void SpatialWindow::clearViews() {
    last_.reset();
    grid_->clear();
}

void SpatialWindow::showSnapshot(const QVariant& data) {
    auto s = data.value<ap::SpatialSnapshot>();
    const double fraction = s.batchesPerEpoch > 0 ? double(s.batch) / s.batchesPerEpoch : 1.0;
    const double at = std::max(0, s.epoch - 1) + fraction;
    curves()->addPoint(at, s.accuracy, s.trainLoss, s.testLoss);
    curves()->addComparisonPoint(at, s.baselineAccuracy);
    setProgressStatus(tr("Epoch %1, batch %2 of %3: test accuracy %4 (baseline %5), box IoU %6, angle correlation %7.")
                          .arg(s.epoch)
                          .arg(s.batch)
                          .arg(s.batchesPerEpoch)
                          .arg(s.accuracy, 0, 'f', 3)
                          .arg(s.baselineAccuracy, 0, 'f', 3)
                          .arg(s.boxIou, 0, 'f', 3)
                          .arg(s.angleCorrelation, 0, 'f', 3));
    grid_->setSamples(s.grid);
    last_ = std::move(s);
}

QSize SpatialWindow::exportSize() const { return grid_->size().expandedTo(QSize(640, 420)); }

QString SpatialWindow::exportChart(const QString& path, QSize size) {
    const QString error = exportPicture([this](QPainter& p, const QSizeF& s) { grid_->paint(p, s); }, size, path);
    setStatus(error.isEmpty() ? tr("Saved %1.").arg(path) : error);
    return error;
}

QString SpatialWindow::chartCsv() const {
    QString csv = QStringLiteral("sample,label,predicted,baseline_predicted,angle,learned_angle,iou,"
                                 "theta_0,theta_1,theta_2,theta_3,theta_4,theta_5\n");
    if (!last_) return csv;
    for (std::size_t i = 0; i < last_->grid.size(); ++i) {
        const ap::SpatialSample& s = last_->grid[i];
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7")
                   .arg(i)
                   .arg(s.label)
                   .arg(s.predicted)
                   .arg(s.baselinePredicted)
                   .arg(s.angle, 0, 'g', 17)
                   .arg(s.learnedAngle, 0, 'g', 17)
                   .arg(s.iou, 0, 'g', 17);
        for (double t : s.theta) csv += QStringLiteral(",%1").arg(t, 0, 'g', 17);
        csv += QLatin1Char('\n');
    }
    return csv;
}

}  // namespace ui
