#include "widgets/common/window_fit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QWidget>

namespace ui {
namespace {

// Room for a title bar and borders; the frame is not known before a window
// is first shown, so this is what common desktops draw.
constexpr QSize kFrame(16, 48);

const QScreen* screenOf(const QWidget* window) {
    const QScreen* s = window ? window->screen() : nullptr;
    return s ? s : QGuiApplication::primaryScreen();
}

}  // namespace

QSize availableWindowSize(const QWidget* window) {
    const QScreen* s = screenOf(window);
    if (!s) return {1024, 640};
    return (s->availableGeometry().size() - kFrame).expandedTo(QSize(320, 240));
}

void resizeWithinScreen(QWidget* window, QSize preferred) {
    window->resize(preferred.boundedTo(availableWindowSize(window)));
}

bool restoreGeometryWithinScreen(QWidget* window, const QByteArray& geometry) {
    if (geometry.isEmpty()) return false;
    const QRect before = window->geometry();
    const Qt::WindowStates states = window->windowState();
    if (!window->restoreGeometry(geometry)) return false;
    const QScreen* s = screenOf(window);
    // Maximized and full-screen windows take the screen they are on.
    if (window->windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen)) return true;
    const QSize room = availableWindowSize(window);
    const bool fits = window->width() <= room.width() && window->height() <= room.height() &&
                      (!s || s->availableGeometry().intersects(window->geometry()));
    if (fits) return true;
    window->setWindowState(states);
    window->setGeometry(before);
    return false;
}

QScrollArea* scrollingContainer(QWidget* content, QWidget* parent) {
    auto* area = new QScrollArea(parent);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(content);
    return area;
}

}  // namespace ui
