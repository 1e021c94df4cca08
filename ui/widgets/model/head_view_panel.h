// The head view with its choices: the layer, and which heads are drawn
// (one toggle per head, in the head's colour).
#pragma once

#include "widgets/model_view/model_view_worker.h"

#include <QWidget>

#include <vector>

class QHBoxLayout;
class QSpinBox;
class QToolButton;

namespace ui {

class HeadView;

class HeadViewPanel : public QWidget {
    Q_OBJECT
public:
    explicit HeadViewPanel(QWidget* parent = nullptr);

    void setTensor(AttentionPtr tensor);
    // Shows `layer` with `head` alone (a click on a grid tile).
    void showHead(int layer, int head);
    HeadView* view() const { return view_; }
    std::vector<int> chosenHeads() const;

private:
    void rebuildHeadButtons(int heads);
    void headsChanged();

    QSpinBox* layer_ = nullptr;
    QHBoxLayout* headRow_ = nullptr;
    std::vector<QToolButton*> headButtons_;
    HeadView* view_ = nullptr;
};

}  // namespace ui
