// Keeps a Qt test's settings, recent files and recovery folder apart from
// the user's: QStandardPaths' test mode and an organisation of the tests'
// own. Call it from initTestCase(), before any window is made.
#pragma once

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>

inline void isolateSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("attention-playground-tests"));
}
