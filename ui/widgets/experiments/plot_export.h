// Writes a QCustomPlot to PNG, SVG or PDF (vector for the last two), and
// atomically (QSaveFile): a failed export leaves no file behind.
#pragma once

#include <QSize>
#include <QString>

class QCustomPlot;

namespace ui {

// Returns "" or one message naming the file.
QString exportPlot(QCustomPlot* plot, const QSize& size, const QString& path);

}  // namespace ui
