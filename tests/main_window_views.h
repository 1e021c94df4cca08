// Waiting for the playground window's views in Qt Test cases. Results arrive
// as queued signals, so a watcher made right after the window misses none.
#pragma once

#include "widgets/playground/main_window.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTest>

// Records the newest request whose result the views show.
struct Views {
    explicit Views(ui::MainWindow& window) : w(window) {
        QObject::connect(&w, &ui::MainWindow::viewsUpdated, &w, [this](quint64 id) { shown = id; });
    }
    // True once the views show the window's newest request, false when
    // `timeoutMs` passes first.
    [[nodiscard]] bool wait(int timeoutMs = 60000) {
        QElapsedTimer clock;
        clock.start();
        while (shown != w.latestRequestId() && clock.elapsed() < timeoutMs) QTest::qWait(5);
        return shown == w.latestRequestId();
    }
    // Shows the window and waits until it is on screen and its views show
    // the scene it starts with, as a user first sees it.
    [[nodiscard]] bool showAndWait() {
        w.show();
        return QTest::qWaitForWindowExposed(&w) && wait();
    }
    // Shows the window, opens the scene file `path` in it and waits until
    // the views show that scene.
    [[nodiscard]] bool showAndOpen(const QString& path) {
        w.show();
        return QTest::qWaitForWindowExposed(&w) && w.openFile(path) && wait();
    }
    ui::MainWindow& w;
    quint64 shown = 0;
};
