#include "widgets/experiments/spatial_grid_view.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

const QColor kRegion(0xff, 0x8c, 0x1a);
const QColor kBox(0x5a, 0xb4, 0xff);
const QColor kWrong(0xd6, 0x27, 0x28);

QImage grayImage(const std::vector<float>& pixels, int side) {
    QImage image(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < side; ++x)
            line[x] = uchar(std::lround(std::clamp(pixels[std::size_t(y * side + x)], 0.0f, 1.0f) * 255.0f));
    }
    return image;
}

int sideOf(const std::vector<float>& pixels) { return int(std::lround(std::sqrt(double(pixels.size())))); }

}  // namespace

SpatialGridView::SpatialGridView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("spatialGrid"));
    setToolTip(tr("Test digits: each input with the region the transformer samples (orange, its top edge thicker) "
                  "and the digit's true box (dashed blue), then what the classifier sees; below, the label, "
                  "the transformer network's and the baseline's predictions and the applied and learned rotations"));
    setAutoFillBackground(true);
}

void SpatialGridView::setSamples(std::vector<ap::SpatialSample> samples) {
    samples_ = std::move(samples);
    update();
}

void SpatialGridView::clear() {
    samples_.clear();
    update();
}

void SpatialGridView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paint(painter, QSizeF(size()));
}

void SpatialGridView::paint(QPainter& painter, const QSizeF& size) const {
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    const QFontMetricsF metrics(painter.font());
    const double margin = 8, gap = 12, inner = 4, line = metrics.height();
    painter.setPen(Qt::black);
    const QString legend = tr("Input with the sampled region and the digit's box | what the classifier sees");
    painter.drawText(QRectF(margin, margin, size.width() - 2 * margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(legend, Qt::ElideRight, size.width() - 2 * margin));
    const double top = margin + line + 6;
    const int n = int(samples_.size());
    if (n == 0) {
        painter.setPen(Qt::darkGray);
        painter.drawText(QRectF(0, top, size.width(), size.height() - top), Qt::AlignCenter,
                         tr("Train to see where the transformer looks."));
        return;
    }
    // The number of pairs per row that gives the largest images.
    int columns = 1;
    double cell = 0;
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double pairWidth = (size.width() - 2 * margin - (c - 1) * gap) / c;
        const double byWidth = (pairWidth - inner) / 2;
        const double byHeight = (size.height() - top - margin - rows * (2 * line + 2) - (rows - 1) * gap) / rows;
        const double candidate = std::min(byWidth, byHeight);
        if (candidate > cell) cell = candidate, columns = c;
    }
    if (cell < 8) return;
    for (int i = 0; i < n; ++i) {
        const ap::SpatialSample& s = samples_[std::size_t(i)];
        const double x = margin + (i % columns) * (2 * cell + inner + gap);
        const double y = top + (i / columns) * (cell + 2 * line + 2 + gap);
        const int side = sideOf(s.input), outSide = sideOf(s.output);
        const QRectF input(x, y, cell, cell), output(x + cell + inner, y, cell, cell);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(input, grayImage(s.input, side));
        painter.drawImage(output, grayImage(s.output, outSide));
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.save();
        painter.setClipRect(input);
        // Normalised -1 and 1 are the input's outer pixel edges 0 and side.
        const double scale = cell / side;
        auto map = [&](double u, double v) {
            const double px = (s.theta[0] * u + s.theta[1] * v + s.theta[2] + 1.0) * side / 2.0;
            const double py = (s.theta[3] * u + s.theta[4] * v + s.theta[5] + 1.0) * side / 2.0;
            return QPointF(x + px * scale, y + py * scale);
        };
        QPen dashed(kBox, 1.5, Qt::DashLine);
        painter.setPen(dashed);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(x + s.box[0] * scale, y + s.box[1] * scale, (s.box[2] - s.box[0]) * scale,
                                (s.box[3] - s.box[1]) * scale));
        painter.setPen(QPen(kRegion, 2));
        painter.drawPolygon(QPolygonF({map(-1, -1), map(1, -1), map(1, 1), map(-1, 1)}));
        // The output's top edge, so that a turned region shows which way is up.
        painter.setPen(QPen(kRegion, 4, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(map(-1, -1), map(1, -1));
        painter.restore();
        painter.setRenderHint(QPainter::Antialiasing, false);
        const bool wrong = s.predicted != s.label;
        painter.setPen(wrong ? kWrong : Qt::black);
        const double textWidth = 2 * cell + inner;
        painter.drawText(
            QRectF(x, y + cell + 1, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(tr("%1 → %2 (baseline %3)").arg(s.label).arg(s.predicted).arg(s.baselinePredicted),
                               Qt::ElideRight, textWidth));
        painter.setPen(Qt::darkGray);
        painter.drawText(
            QRectF(x, y + cell + 1 + line, textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(tr("turned %1°, learned %2°").arg(s.angle, 0, 'f', 0).arg(s.learnedAngle, 0, 'f', 0),
                               Qt::ElideRight, textWidth));
    }
}

}  // namespace ui
