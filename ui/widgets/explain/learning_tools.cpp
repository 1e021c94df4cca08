#include "widgets/explain/learning_tools.h"

#include "attention/explain.h"
#include "document/matrix_model.h"
#include "document/scene_document.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/compare/compare_window.h"
#include "widgets/explain/step_view.h"
#include "widgets/lessons/lessons.h"
#include "widgets/lessons/lessons_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QScrollArea>
#include <QMainWindow>
#include <QMenu>
#include <QEvent>
#include <QTimer>
#include <QMenuBar>

#include <algorithm>

namespace ui {

LearningTools::LearningTools(const PlaygroundParts& parts, QMenu* before) : QObject(parts.window), parts_(parts) {
    QMainWindow* w = parts.window;
    w->installEventFilter(this);
    steps_ = new StepView(w);
    steps_->setObjectName(QStringLiteral("stepView"));
    stepsDock_ = new QDockWidget(tr("Steps"), w);
    stepsDock_->setObjectName(QStringLiteral("stepsDock"));
    stepsDock_->setWidget(steps_);
    stepsDock_->setToolTip(tr("How the selected weight is computed, step by step"));
    w->addDockWidget(Qt::RightDockWidgetArea, stepsDock_);
    connect(steps_, &StepView::stepHovered, this, &LearningTools::highlight);

    lessons_ = new LessonsPanel(parts.document, w);
    lessons_->setObjectName(QStringLiteral("lessonsPanel"));
    lessons_->setReplaceGuard(parts.confirmReplace);
    lessonsDock_ = new QDockWidget(tr("Lessons"), w);
    lessonsDock_->setObjectName(QStringLiteral("lessonsDock"));
    // Scrolls rather than widening the window's right side past a small screen.
    auto* lessonsScroll = new QScrollArea(w);
    lessonsScroll->setWidget(lessons_);
    lessonsScroll->setWidgetResizable(true);
    lessonsScroll->setFrameShape(QFrame::NoFrame);
    lessonsDock_->setWidget(lessonsScroll);
    w->addDockWidget(Qt::RightDockWidgetArea, lessonsDock_);
    w->tabifyDockWidget(stepsDock_, lessonsDock_);
    stepsDock_->raise();

    auto* menu = new QMenu(tr("&Lessons"), w);
    menu->setObjectName(QStringLiteral("lessonsMenu"));
    for (int i = 0; i < int(lessons().size()); ++i) {
        QAction* a = menu->addAction(lessons()[std::size_t(i)].title, this, [this, i] {
            lessonsDock_->show();
            lessonsDock_->raise();
            lessons_->startLesson(i);
        });
        a->setObjectName(QStringLiteral("lessonAction%1").arg(i + 1));
        a->setStatusTip(lessons()[std::size_t(i)].task);
    }
    menu->addSeparator();
    QAction* compare = menu->addAction(tr("&Compare Two Settings…"), this, &LearningTools::openCompare);
    compare->setObjectName(QStringLiteral("compareAction"));
    compare->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    compare->setStatusTip(tr("Open the scene twice, side by side, with independent controls and their difference"));
    menu->addAction(stepsDock_->toggleViewAction());
    menu->addAction(lessonsDock_->toggleViewAction());
    if (before)
        w->menuBar()->insertMenu(before->menuAction(), menu);
    else
        w->menuBar()->addMenu(menu);
}

LearningTools::~LearningTools() { delete compare_; }

CompareWindow* LearningTools::compareWindow() const { return compare_; }

void LearningTools::setResult(ScenePtr scene, ResultPtr result, int head) {
    scene_ = std::move(scene);
    result_ = std::move(result);
    head_ = head;
    explain();
    if (scene_ && result_) lessons_->evaluate(*scene_, *result_);
}

void LearningTools::setHead(int head) {
    head_ = head;
    explain();
}

bool LearningTools::eventFilter(QObject* watched, QEvent* event) {
    // The header names the cell in the interface language: build it again.
    if (event->type() == QEvent::LanguageChange && watched == parts_.window) {
        // "Steps" and the Steps list's "Step" are one word in Chinese, so a
        // lookup by the shown text cannot tell them apart: set them here.
        stepsDock_->setWindowTitle(tr("Steps"));
        lessonsDock_->setWindowTitle(tr("Lessons"));
        QTimer::singleShot(0, this, &LearningTools::explain);
    }
    return QObject::eventFilter(watched, event);
}

void LearningTools::selectCell(int query, int key) {
    query_ = std::max(query, 0);
    if (key >= 0) key_ = key;
    explain();
}

void LearningTools::explain() {
    if (!scene_ || !result_ || result_->heads.empty()) {
        steps_->clear(tr("The scene has no result yet."));
        return;
    }
    const ap::Scene& s = *scene_;
    ap::ExplainOptions o;
    o.cell.query = std::clamp(query_, 0, s.queryCount() - 1);
    o.cell.key = std::clamp(key_, 0, s.keyCount() - 1);
    o.cell.head = std::clamp(head_, 0, s.heads - 1);
    o.maxEntries = 12;
    ap::Explanation e;
    const ap::Status st = ap::explainCell(s, *result_, o, e);
    if (!st.ok) {
        steps_->clear(QString::fromStdString(st.message));
        return;
    }
    const QString query = QString::fromStdString(s.queryLabel(o.cell.query));
    const QString key = QString::fromStdString(s.keyLabel(o.cell.key));
    // Heads are 0-based, as in the heatmap and the head grid. The engine
    // explains one head; with the mean shown, say which one it is.
    QString cell;
    if (s.heads == 1)
        cell = tr("“%1” → “%2”").arg(query, key);
    else if (head_ < 0)
        cell = tr("“%1” → “%2”, head %3 (the heatmap shows the mean of the heads; these steps explain head %3)")
                   .arg(query, key)
                   .arg(o.cell.head);
    else
        cell = tr("“%1” → “%2”, head %3").arg(query, key).arg(o.cell.head);
    steps_->setExplanation(e, cell);
}

void LearningTools::highlight(const std::vector<ap::ExplainUse>& uses) {
    for (MatrixModel* m : parts_.tables)
        if (m) m->clearHighlight();
    std::optional<QRect> cells;
    for (const ap::ExplainUse& u : uses) {
        if (u.table == ap::ExplainTable::Heatmap) {
            const int cols = u.columns < 0 ? (result_ ? int(result_->mask.cols()) - u.firstColumn : 1) : u.columns;
            cells = QRect(u.firstColumn, u.row, cols, 1);
            continue;
        }
        MatrixModel* m = parts_.tables[std::size_t(u.table)];
        if (m) m->setHighlight(u.row, u.firstColumn, u.columns);
    }
    if (parts_.heatmap) parts_.heatmap->setHighlight(cells);
}

void LearningTools::updateBarReference(int row, bool showingWeights) {
    if (!parts_.barChart) return;
    if (!scene_ || !result_ || !showingWeights || scene_->normalization != ap::Normalization::Sample || row < 0 ||
        row >= scene_->queryCount()) {
        parts_.barChart->setReference({}, {}, {});
        return;
    }
    // The heatmap shows one head or the mean of the heads: the softmax
    // probabilities of the same.
    const int heads = int(result_->heads.size());
    std::vector<float> p(std::size_t(result_->mask.cols()), 0.0f);
    const int first = head_ < 0 ? 0 : head_, last = head_ < 0 ? heads - 1 : head_;
    for (int h = first; h <= last; ++h) {
        const std::vector<float> ph = softmaxRow(*scene_, *result_, h, row);
        for (std::size_t j = 0; j < p.size(); ++j) p[j] += ph[j] / float(last - first + 1);
    }
    parts_.barChart->setReference(std::move(p), tr("sampled frequency (N = %1)").arg(scene_->samples),
                                  tr("softmax probability"));
}

CompareWindow* LearningTools::openCompare() {
    if (!compare_) {
        compare_ = new CompareWindow(parts_.document->scene());
        compare_->setAttribute(Qt::WA_DeleteOnClose);
    }
    compare_->show();
    compare_->raise();
    compare_->activateWindow();
    return compare_;
}

}  // namespace ui
