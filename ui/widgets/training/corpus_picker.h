// Choosing the sentence pairs: the shipped corpora in a combo box and a
// Load pairs… button for any file. It only reports the choice; whoever owns
// the corpus loads it and tells the picker which file is in use.
#pragma once

#include <QWidget>

class QAction;
class QComboBox;

namespace ui {

class CorpusPicker : public QWidget {
    Q_OBJECT
public:
    // loadAction is the panel's Load pairs… action, shown as a button;
    // the button's menu also holds generateAction (Generate corpus…) when
    // it is given.
    CorpusPicker(QAction* loadAction, QAction* generateAction = nullptr, QWidget* parent = nullptr);

    // Names the corpus in use (adding a file not offered yet) without
    // emitting chosen().
    void setCurrentPath(const QString& path);
    QString currentPath() const;
    int shippedCount() const;
    // The path of item `index`.
    QString pathAt(int index) const;

signals:
    // The user picked a corpus in the combo box.
    void chosen(const QString& path);

private:
    QComboBox* combo_ = nullptr;
    QString current_;
};

}  // namespace ui
