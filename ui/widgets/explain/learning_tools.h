// What the playground window gains for learners: the Steps dock (how the
// selected weight is computed, live), the Lessons dock and menu, the
// sampled-vs-softmax bars of the bar chart, and the compare window. Kept
// apart from the main window so that the window only forwards its results
// and selection here.
#pragma once

#include "widgets/playground/attention_worker.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <functional>
#include <vector>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace ap {
struct ExplainUse;
}

namespace ui {

class BarChartView;
class CompareWindow;
class HeatmapView;
class LessonsPanel;
class MatrixModel;
class SceneDocument;
class StepView;

struct PlaygroundParts {
    QMainWindow* window = nullptr;
    SceneDocument* document = nullptr;
    HeatmapView* heatmap = nullptr;
    BarChartView* barChart = nullptr;
    std::array<MatrixModel*, 3> tables{};  // Q, K, V
    // Asked before a lesson replaces the scene; false keeps it.
    std::function<bool()> confirmReplace;
};

class LearningTools : public QObject {
    Q_OBJECT
public:
    // Adds the Steps and Lessons docks to parts.window and the Lessons menu
    // to its menu bar (before `before`, when given).
    explicit LearningTools(const PlaygroundParts& parts, QMenu* before = nullptr);
    ~LearningTools() override;

    StepView* stepView() const { return steps_; }
    LessonsPanel* lessonsPanel() const { return lessons_; }
    QDockWidget* stepsDock() const { return stepsDock_; }
    QDockWidget* lessonsDock() const { return lessonsDock_; }
    CompareWindow* compareWindow() const;
    int selectedQuery() const { return query_; }

    // A new result of `scene`; `head` is the head the heatmap shows (-1 =
    // the mean, explained on head 0).
    void setResult(ScenePtr scene, ResultPtr result, int head);
    void setHead(int head);
    // The selected cell (from a heatmap click); key -1 keeps the key.
    void selectCell(int query, int key = -1);
    // The bar chart shows query `row` of what the heatmap shows: adds the
    // softmax probabilities beside sampled frequencies (sample
    // normalization, weights shown), removes them otherwise.
    void updateBarReference(int row, bool showingWeights);

public slots:
    // Opens (or raises) the compare window on a copy of the current scene.
    CompareWindow* openCompare();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void explain();
    void highlight(const std::vector<ap::ExplainUse>& uses);

    PlaygroundParts parts_;
    StepView* steps_ = nullptr;
    LessonsPanel* lessons_ = nullptr;
    QDockWidget* stepsDock_ = nullptr;
    QDockWidget* lessonsDock_ = nullptr;
    QPointer<CompareWindow> compare_;
    ScenePtr scene_;
    ResultPtr result_;
    int head_ = -1;
    int query_ = 0;
    int key_ = 0;
};

}  // namespace ui
