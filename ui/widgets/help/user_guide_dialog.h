// Help ▸ User Guide: the guide of docs/ (built into the program), in the
// interface language, rendered from its Markdown.
#pragma once

#include <QDialog>

class QTextBrowser;

namespace ui {

class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget* parent = nullptr);

    // The resource path of the guide for the current interface language.
    static QString guideResource();
    QTextBrowser* browser() const { return browser_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void load();

    QTextBrowser* browser_ = nullptr;
};

}  // namespace ui
