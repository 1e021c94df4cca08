// The main window's docks, one function each. A new dock is a function
// that builds its widget and calls addDock(), plus one line in createDocks().
#include "document/scene_document.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/playground/controls_panel.h"
#include "widgets/playground/head_params_editor.h"
#include "widgets/playground/main_window.h"
#include "widgets/playground/matrix_editor.h"
#include "widgets/playground/output_view.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QStyle>

#include <algorithm>
#include <QTabWidget>

namespace ui {

void MainWindow::createDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    QDockWidget* controls = createControlsDock();
    QDockWidget* inputs = createInputsDock();
    QDockWidget* bars = createBarChartDock();
    QDockWidget* output = createOutputDock();
    splitDockWidget(bars, output, Qt::Horizontal);
    // The heatmap is what the window is for: give it most of the room.
    // The left docks start as wide as the controls ask (in the language and
    // font in use), within reason; a narrower window scrolls them.
    // Room for a vertical scroll bar too, so that a short window scrolls
    // the controls one way only.
    const int left =
        std::clamp(controls_->sizeHint().width() + 24 + style()->pixelMetric(QStyle::PM_ScrollBarExtent), 340, 480);
    resizeDocks({controls, inputs}, {left, left}, Qt::Horizontal);
    // The controls as tall as they ask where the window allows; the inputs'
    // tables scroll, and a few rows of them are enough to start with.
    resizeDocks({controls, inputs}, {controls_->sizeHint().height() + 8, 260}, Qt::Vertical);
    resizeDocks({bars, output}, {220, 220}, Qt::Vertical);
    resizeDocks({bars, output}, {560, 340}, Qt::Horizontal);
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* widget,
                                 Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(objectName);  // for saveState()
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
}

// In a small window the docks of one area get less room than their
// controls ask for, and Qt then draws one dock over the next; a scroll area
// lets a dock shrink and scroll instead.
static QScrollArea* scrolling(QWidget* content, QWidget* parent) {
    auto* area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setMinimumSize(160, 80);
    return area;
}

QDockWidget* MainWindow::createControlsDock() {
    controls_ = new ControlsPanel(this);
    return addDock(tr("Attention"), QStringLiteral("controlsDock"), scrolling(controls_, this), Qt::LeftDockWidgetArea);
}

QDockWidget* MainWindow::createInputsDock() {
    auto* inputs = new QTabWidget(this);
    inputs_ = inputs;
    const MatrixRole roles[] = {MatrixRole::Q, MatrixRole::K, MatrixRole::V};
    const QString tips[] = {tr("Queries Q (Lq × d): one row per query token"),
                            tr("Keys K (Lk × d): one row per key token; tick a key to pad it"),
                            tr("Values V (Lk × dv): what the weights average")};
    for (int r = 0; r < 3; ++r) {
        editors_[r] = new MatrixEditor(document_, roles[r], inputs);
        const int index = inputs->addTab(editors_[r], SceneDocument::roleName(roles[r]));
        inputs->setTabToolTip(index, tips[r]);
        connect(editors_[r], &MatrixEditor::message, this, [this](const QString& m) { showError(m); });
    }
    connect(editors_[0], &MatrixEditor::currentRowChanged, this, &MainWindow::selectQuery);
    auto* headParams = new HeadParamsEditor(document_, inputs);
    inputs->setTabToolTip(inputs->addTab(headParams, tr("Scoring parameters")),
                          tr("W of general scoring; Wq, Wk and v of additive scoring, per head"));
    return addDock(tr("Inputs"), QStringLiteral("inputsDock"), scrolling(inputs, this), Qt::LeftDockWidgetArea);
}

QDockWidget* MainWindow::createBarChartDock() {
    barChart_ = new BarChartView(this);
    barChart_->setMinimumHeight(190);  // room for the axis, bars and key labels
    return addDock(tr("Weights of the selected query"), QStringLiteral("barDock"), barChart_, Qt::BottomDockWidgetArea);
}

QDockWidget* MainWindow::createOutputDock() {
    output_ = new OutputView(this);
    output_->setMinimumHeight(190);
    return addDock(tr("Output (context)"), QStringLiteral("outputDock"), output_, Qt::BottomDockWidgetArea);
}

}  // namespace ui
