// Top-level windows open within the screen they are on: a window asks for
// its preferred size and gets at most the screen's available room (less the
// frame the desktop adds), and a saved geometry is restored only where it
// still fits (a window saved on a large monitor reopened on a laptop).
#pragma once

#include <QByteArray>
#include <QSize>

class QScrollArea;
class QWidget;

namespace ui {

// The largest client size a top-level window may take on the screen it
// is on (or the primary screen): the available geometry less room for the
// title bar and borders.
QSize availableWindowSize(const QWidget* window);
// Resizes `window` to `preferred`, bounded by availableWindowSize().
void resizeWithinScreen(QWidget* window, QSize preferred);
// Restores `geometry` (QWidget::saveGeometry) only when the restored window
// lies within the available room; otherwise keeps the current geometry.
// Returns whether it was restored.
bool restoreGeometryWithinScreen(QWidget* window, const QByteArray& geometry);
// A frameless scroll area that resizes `content` to its width and height
// where there is room and scrolls where the screen is smaller than the
// content's minimum size.
QScrollArea* scrollingContainer(QWidget* content, QWidget* parent = nullptr);

}  // namespace ui
