// The translation window: the TrainingPanel in a scroll area (so that its
// plots stay whole on a screen lower than the panel's minimum), sized
// within the screen. Closing it stops a training run under way, and a
// model load under way, rather than leaving them running unseen.
#pragma once

#include <QWidget>

namespace ui {

class TrainingPanel;

class TrainingWindow : public QWidget {
    Q_OBJECT
public:
    explicit TrainingWindow(QWidget* parent = nullptr);

    TrainingPanel* panel() const { return panel_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    TrainingPanel* panel_ = nullptr;
};

}  // namespace ui
