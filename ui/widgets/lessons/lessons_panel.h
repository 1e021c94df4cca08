// The Lessons panel: pick a lesson, its scene is loaded into the document,
// its text shown, and its "try this" task checked on every new result
// (green when done). Lesson 5 adds a slider over the width d.
#pragma once

#include "attention/attention.h"
#include "core/scene.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QSlider;
class QTextBrowser;

namespace ui {

class SceneDocument;

class LessonsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonsPanel(SceneDocument* document, QWidget* parent = nullptr);

    // Asked before a lesson replaces the scene; returning false keeps the
    // scene (the window asks Save / Discard / Cancel when it is modified).
    void setReplaceGuard(std::function<bool()> guard) { guard_ = std::move(guard); }
    // Loads lesson `index` (0-based) into the document; returns false when
    // the guard keeps the scene, or (saying why in the panel) when the
    // lesson's scene does not read.
    bool startLesson(int index);
    // Another scene was opened: the lesson's task no longer applies.
    void leaveLesson();
    int currentLesson() const { return current_; }
    bool taskDone() const { return done_; }
    QString taskText() const;
    QString shownText() const;
    // Lesson 5's slider: the exponent e of d = 2^e, from 1 to 10.
    QSlider* dimensionSlider() const { return dimension_; }
    QString dimensionSummary() const;

public slots:
    // Checks the current lesson's task against a new result of `scene`.
    void evaluate(const ap::Scene& scene, const ap::AttentionResult& result);

signals:
    void lessonStarted(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showIntroduction();
    void setDimension(int exponent);
    void showTask();
    // Replaces the scene as the lesson's own (not a reason to leave it).
    void replaceScene(ap::Scene scene);

    SceneDocument* document_;
    QComboBox* chooser_ = nullptr;
    QTextBrowser* text_ = nullptr;
    QLabel* task_ = nullptr;
    QWidget* dimensionBox_ = nullptr;
    QSlider* dimension_ = nullptr;
    QLabel* dimensionInfo_ = nullptr;
    std::function<bool()> guard_;
    int current_ = -1;
    bool done_ = false;
    bool replacing_ = false;
};

}  // namespace ui
