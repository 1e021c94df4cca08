// A file opened on a worker thread, under way: "Opening NAME…", a busy bar
// (the readers report no fraction) and Cancel (Esc), for a window's status
// bar. Hidden until a file is opened; Cancel only asks (cancelRequested),
// the window decides what stopping means.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ui {

class OpeningIndicator : public QWidget {
    Q_OBJECT
public:
    // The tooltips of the bar and of Cancel ("" for none).
    OpeningIndicator(const QString& barTip, const QString& cancelTip, QWidget* parent = nullptr);

    // Shows "Opening NAME…" with NAME the file name of `path`.
    void showOpening(const QString& path);
    QString text() const;

signals:
    void cancelRequested();

private:
    QLabel* label_ = nullptr;
};

}  // namespace ui
