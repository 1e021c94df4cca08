// The model window's input: a tool bar with the sentence to run and the
// Words switch, and one under it that says how the tokens are shown. A
// typed change is announced once the typing pauses (kDebounceMs after the
// last key stroke), so that a fast typist does not queue a pass per key.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMainWindow;

namespace ui {

class SentenceInput : public QObject {
    Q_OBJECT
public:
    // Adds the two tool bars at the top of `window`, which owns them.
    explicit SentenceInput(QMainWindow* window);

    QLineEdit* textBox() const { return text_; }
    QString text() const;
    // Whether sub-word tokens are gathered into words.
    bool words() const;
    void setWords(bool words);
    // The text box takes input only while a model is open.
    void setEnabled(bool enabled);
    // Forgets a change not yet announced (its request is sent some other way).
    void dropPending() { debounce_.stop(); }

    // The pause between the last key stroke and the request: long enough
    // for a key stroke to follow the one before while typing fluently,
    // short enough to leave the pass room within 150 ms (a newer text
    // cancels the pass under way anyway).
    static constexpr int kDebounceMs = 50;

signals:
    // The typing paused, or the text was set.
    void textSettled();
    void wordsToggled(bool words);

private:
    void updateLegend();

    QLineEdit* text_ = nullptr;
    QCheckBox* words_ = nullptr;
    QLabel* legend_ = nullptr;
    QTimer debounce_;
};

}  // namespace ui
