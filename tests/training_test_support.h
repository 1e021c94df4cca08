// Helpers shared by the training window's tests.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QToolButton>
#include <QWidget>

#include <cstdlib>

// Writes `text` to `name` in `dir` and returns its path; a test cannot go on
// without its file, so failing to write stops it.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

// The tool button called `name` inside `parent`.
inline QToolButton* button(QWidget& parent, const char* name) {
    auto* b = parent.findChild<QToolButton*>(QLatin1String(name));
    if (!b) qFatal("no button %s", name);
    return b;
}
