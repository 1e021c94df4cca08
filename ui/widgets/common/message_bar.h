// An inline message above the views, in place of modal error boxes: a bad
// file or a refused edit is reported without blocking the window (or a test).
#pragma once

#include <QFrame>

class QLabel;

namespace ui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Level { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(const QString& text, Level level = Level::Error);
    QString text() const;

private:
    QLabel* label_ = nullptr;
};

}  // namespace ui
