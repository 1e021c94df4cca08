#include "widgets/experiments/plot_export.h"

#include "render/image_export.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace ui {

QString exportPlot(QCustomPlot* plot, const QSize& size, const QString& path) {
    const auto format = imageFormatForPath(path);
    if (!format) return QObject::tr("%1: unknown image type (use .png, .svg or .pdf)").arg(path);
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
        return QObject::tr("%1: image size %2 x %3 is outside 16..16384 pixels")
            .arg(path)
            .arg(size.width())
            .arg(size.height());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (*format) {
    case ImageFormat::Png: plot->toPixmap(size.width(), size.height(), 1.0).toImage().save(&buffer, "PNG"); break;
    case ImageFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(72);
        svg.setTitle(QFileInfo(path).completeBaseName());
        QCPPainter painter(&svg);
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
        break;
    }
    case ImageFormat::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setTitle(QFileInfo(path).completeBaseName());
        pdf.setCreator(QStringLiteral("Attention Playground"));
        // 72 dpi: one pixel of the requested size is one point of the page.
        pdf.setResolution(72);
        pdf.setPageLayout(QPageLayout(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch),
                                      QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        QCPPainter painter(&pdf);
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
        break;
    }
    }
    buffer.close();
    if (bytes.isEmpty()) return QObject::tr("%1: the image could not be drawn").arg(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

}  // namespace ui
