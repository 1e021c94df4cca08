#include "render/image_export.h"

#include "render/save_file.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

namespace ui {

std::optional<ImageFormat> imageFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return ImageFormat::Png;
    if (suffix == QLatin1String("svg")) return ImageFormat::Svg;
    if (suffix == QLatin1String("pdf")) return ImageFormat::Pdf;
    return std::nullopt;
}

static QByteArray paintPng(const PaintFunction& paint, const QSize& size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        paint(p, QSizeF(size));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

static QByteArray paintSvg(const PaintFunction& paint, const QSize& size, const QString& title) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setResolution(72);
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("Attention Playground heatmap"));
    {
        QPainter p(&svg);
        paint(p, QSizeF(size));
    }
    // QSvgGenerator states the size in millimetres (at its resolution),
    // which viewers turn back into pixels at their own dpi; the requested
    // size is in pixels, so say exactly that.
    static const QRegularExpression mmSize(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    QString text = QString::fromUtf8(bytes);
    const QRegularExpressionMatch m = mmSize.match(text);
    if (m.hasMatch())
        text.replace(m.capturedStart(), m.capturedLength(),
                     QStringLiteral("width=\"%1\" height=\"%2\"").arg(size.width()).arg(size.height()));
    return text.toUtf8();
}

static QByteArray paintPdf(const PaintFunction& paint, const QSize& size, const QString& title) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("Attention Playground"));
    // 72 dpi makes one pixel of the requested size one point of the page;
    // ExactMatch keeps Qt from snapping the page to a nearby paper size.
    pdf.setResolution(72);
    pdf.setPageLayout(QPageLayout(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch),
                                  QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    {
        QPainter p(&pdf);
        paint(p, QSizeF(size));
    }
    return bytes;
}

QString exportPicture(const PaintFunction& paint, const QSize& size, const QString& path) {
    const auto format = imageFormatForPath(path);
    if (!format) return QStringLiteral("%1: unknown image type (use .png, .svg or .pdf)").arg(path);
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
        return QStringLiteral("%1: image size %2 x %3 is outside 16..16384 pixels")
            .arg(path)
            .arg(size.width())
            .arg(size.height());
    const QString title = QFileInfo(path).completeBaseName();
    QByteArray bytes;
    switch (*format) {
    case ImageFormat::Png: bytes = paintPng(paint, size); break;
    case ImageFormat::Svg: bytes = paintSvg(paint, size, title); break;
    case ImageFormat::Pdf: bytes = paintPdf(paint, size, title); break;
    }
    if (bytes.isEmpty()) return QStringLiteral("%1: the image could not be drawn").arg(path);
    return saveFile(path, bytes);
}

QString exportHeatmap(const HeatmapData& data, const HeatmapStyle& style, const QSize& size, const QString& path) {
    return exportPicture([&](QPainter& p,
                             const QSizeF& s) { paintHeatmap(p, data, layoutHeatmap(data, s, style), style); },
                         size, path);
}

QImage renderHeatmapImage(const HeatmapData& data, const HeatmapStyle& style, const QSize& size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paintHeatmap(p, data, layoutHeatmap(data, QSizeF(size), style), style);
    return image;
}

}  // namespace ui
