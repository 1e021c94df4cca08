// What switching heads off did to one head: its attention with the heads
// off minus its attention with every head on, on the diverging colour map
// of the compare window (red where the head now gives more weight, blue
// where less, white where nothing moved).
#pragma once

#include "widgets/model/model_worker.h"

#include <QWidget>

class QLabel;

namespace ui {

class HeatmapView;

class ChangeView : public QWidget {
    Q_OBJECT
public:
    explicit ChangeView(QWidget* parent = nullptr);

    void setResult(ModelResultPtr result);
    // The head shown; -1 for a tile that is not one head (then the head
    // whose weights moved most is shown).
    void showHead(int layer, int head);
    HeatmapView* heatmap() const { return heatmap_; }
    // The head shown now, (layer, head), or (-1, -1) with nothing to show.
    std::pair<int, int> shownHead() const { return shown_; }

private:
    void rebuild();

    ModelResultPtr result_;
    int layer_ = -1, head_ = -1;
    std::pair<int, int> shown_{-1, -1};
    QLabel* hint_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
};

}  // namespace ui
