// The Open Recent menu, kept in QSettings.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 8;
    RecentFiles(QMenu* menu, QObject* parent = nullptr);
    void add(const QString& path);
    QStringList files() const;

signals:
    void openRequested(const QString& path);

private:
    void rebuild();
    QMenu* menu_;
};

}  // namespace ui
