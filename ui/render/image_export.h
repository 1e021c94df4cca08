// Writes heatmaps to PNG, SVG or PDF files, without a display, atomically
// (QSaveFile): a failed export leaves no file and no half-written file.
#pragma once

#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

namespace ui {

enum class ImageFormat { Png, Svg, Pdf };

// The format named by a path's suffix (case-insensitive), if it is one.
std::optional<ImageFormat> imageFormatForPath(const QString& path);

// Anything that can paint itself into a rectangle of a given size: one
// heatmap, or a grid of heads.
using PaintFunction = std::function<void(QPainter&, const QSizeF&)>;

// Paints to `path` at `size` (pixels for PNG and SVG, points for PDF, so the
// page is `size` at 72 dpi). Returns "" or one message naming the file.
QString exportPicture(const PaintFunction& paint, const QSize& size, const QString& path);

QString exportHeatmap(const HeatmapData& data, const HeatmapStyle& style, const QSize& size, const QString& path);

QImage renderHeatmapImage(const HeatmapData& data, const HeatmapStyle& style, const QSize& size);

}  // namespace ui
