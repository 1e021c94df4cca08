#include "widgets/training/training_window.h"

#include "widgets/common/window_fit.h"
#include "widgets/training/training_panel.h"

#include <QCloseEvent>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ui {

TrainingWindow::TrainingWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
    setObjectName(QStringLiteral("trainingWindow"));
    setWindowTitle(tr("Translation — Attention Playground"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    panel_ = new TrainingPanel;
    layout->addWidget(scrollingContainer(panel_, this));
    resizeWithinScreen(this, QSize(1200, 800));
}

void TrainingWindow::closeEvent(QCloseEvent* event) {
    // A run nobody watches would go on using both cores; the model trained
    // so far stays (save it, or train again).
    panel_->stopTraining();
    panel_->cancelModelLoad();
    event->accept();
}

}  // namespace ui
