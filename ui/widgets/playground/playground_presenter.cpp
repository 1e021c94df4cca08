#include "widgets/playground/playground_presenter.h"

#include "document/scene_document.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/playground/output_view.h"

#include <QTimer>

#include <algorithm>

namespace ui {
namespace {

// Long enough that a typical edit's result arrives before it fires.
constexpr int kBusyDelayMs = 150;
// A result at least this big is let go of while the next is computed.
constexpr std::size_t kReleaseBytes = std::size_t(64) << 20;

std::size_t resultBytes(const ap::AttentionResult& r) {
    std::size_t floats = std::size_t(r.weightsMean.size() + r.output.size());
    for (const ap::HeadResult& h : r.heads)
        floats += std::size_t(h.scores.size() + h.weights.size() + h.context.size());
    return floats * sizeof(float);
}

}  // namespace

QStringList queryLabels(const ap::Scene& s) {
    QStringList l;
    for (int i = 0; i < s.queryCount(); ++i) l << QString::fromStdString(s.queryLabel(i));
    return l;
}

PlaygroundPresenter::PlaygroundPresenter(SceneDocument* document, PlaygroundViews views, QObject* parent)
    : QObject(parent), document_(document), views_(views) {
    busyTimer_ = new QTimer(this);
    busyTimer_->setSingleShot(true);
    busyTimer_->setInterval(kBusyDelayMs);
    connect(busyTimer_, &QTimer::timeout, this, [this] { setBusy(true); });
    connect(&worker_, &AttentionWorker::resultReady, this, &PlaygroundPresenter::onResult);
    connect(&worker_, &AttentionWorker::failed, this, &PlaygroundPresenter::onFailed);
    connect(document_, &SceneDocument::sceneChanged, this, &PlaygroundPresenter::onSceneChanged);
    connect(views_.headGrid, &HeadGridView::headSelected, this, &PlaygroundPresenter::selectHead);
    // The bars follow the heatmap's visible keys, so a zoomed map of 2,048
    // keys has bars as wide as its cells.
    connect(views_.heatmap, &HeatmapView::visibleCellsChanged, this,
            [this](const QRect& cells) { views_.barChart->setKeyRange(cells.x(), cells.width()); });
}

void PlaygroundPresenter::onSceneChanged(ChangeKind kind) {
    if (kind == ChangeKind::Whole) {
        head_ = HeadChoice{};
        selectedQuery_ = 0;
    }
    requestCompute();
}

void PlaygroundPresenter::requestCompute() {
    // Let go of a big shown result: the worker then computes into its buffer
    // instead of a second one, so the window holds one result and not two
    // (at 4,096 tokens and 16 heads a result is 2 GiB). The views keep the
    // heatmap and tiles they show; tooltips give one quantity until the
    // new result arrives. Small results stay, so nothing flickers.
    if (result_ && resultBytes(*result_) >= kReleaseBytes) {
        views_.heatmap->setTooltipSource(nullptr, nullptr, nullptr);
        result_.reset();
        emit resultReleased();
    }
    worker_.request(document_->snapshot(), ++requestId_, viewSpec());
    if (!busyTimer_->isActive() && !busyShown_) busyTimer_->start();
}

void PlaygroundPresenter::setBusy(bool busy) {
    if (!busy) busyTimer_->stop();
    if (busyShown_ == busy) return;
    busyShown_ = busy;
    emit busyChanged(busy);
}

ViewSpec PlaygroundPresenter::viewSpec() const {
    ViewSpec v;
    v.head = head_;
    v.quantity = showScores_ ? HeatmapQuantity::Scores : HeatmapQuantity::Weights;
    v.colormap = colormap_;
    v.colorScale = colorScale_;
    return v;
}

void PlaygroundPresenter::onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec view, HeatmapPtr heatmap) {
    if (id != requestId_) return;  // answers an older request; a newer result is on its way
    setBusy(false);
    resultScene_ = std::move(scene);
    result_ = std::move(result);
    emit resultArrived();
    refreshViews(view == viewSpec() ? std::move(heatmap) : nullptr);
    emit viewsUpdated(id);
}

void PlaygroundPresenter::onFailed(quint64 id, const QString& message) {
    if (id != requestId_) return;
    setBusy(false);
    emit failed(message);
}

void PlaygroundPresenter::refreshViews(HeatmapPtr prepared) {
    if (!result_ || !resultScene_) return;
    const ap::Scene& s = *resultScene_;
    const ap::AttentionResult& r = *result_;
    const int heads = int(r.heads.size());
    if (!head_.isMean() && head_.head >= heads) head_ = HeadChoice{};
    const HeatmapQuantity q = showScores_ ? HeatmapQuantity::Scores : HeatmapQuantity::Weights;
    if (prepared && prepared->heatmap.rows() == int(r.weightsMean.rows()))
        views_.heatmap->setData(std::move(prepared->heatmap));
    else
        views_.heatmap->setData(heatmapFromResult(s, r, head_, q));
    // The tooltip gives the other quantity of the same cell, read from the
    // result itself (no copies of Lq x Lk matrices on the GUI thread).
    const bool oneHead = !head_.isMean() || heads == 1;
    const ap::HeadResult& hr = r.heads[size_t(head_.isMean() ? 0 : head_.head)];
    views_.heatmap->setTooltipSource(result_, oneHead ? &hr.scores : nullptr, oneHead ? &hr.weights : &r.weightsMean);
    views_.headGrid->setVisible(heads > 1);
    if (heads > 1) {
        if (prepared && !prepared->tiles.empty())
            views_.headGrid->setTiles(std::move(prepared->tiles));
        else
            views_.headGrid->setResult(s, r, q);
        views_.headGrid->setSelected(head_);
    }
    views_.output->setOutput(r.output, queryLabels(s), r.fullyMaskedRows);
    refreshBarChart();
}

void PlaygroundPresenter::refreshBarChart() {
    const HeatmapData& d = views_.heatmap->data();
    if (d.rows() == 0) {
        views_.barChart->clear();
        return;
    }
    const int row = std::clamp(selectedQuery_, 0, d.rows() - 1);
    std::vector<float> values(size_t(d.columns()));
    std::vector<bool> masked(size_t(d.columns()));
    for (int c = 0; c < d.columns(); ++c) {
        values[size_t(c)] = d.values(row, c);
        masked[size_t(c)] = d.isMasked(row, c);
    }
    views_.barChart->setRow(d.rowLabels.value(row), d.columnLabels, std::move(values), std::move(masked), !showScores_);
    const QRect visible = views_.heatmap->visibleCells();
    views_.barChart->setKeyRange(visible.x(), visible.width());
    emit barChartRowChanged(row, !showScores_);
    views_.heatmap->setSelectedRow(row);
}

void PlaygroundPresenter::selectQuery(int row) {
    selectedQuery_ = std::max(0, row);
    refreshBarChart();
}

void PlaygroundPresenter::selectHead(HeadChoice head) {
    head_ = head;
    refreshViews();
}

void PlaygroundPresenter::setShowScores(bool on) {
    if (showScores_ == on) return;
    showScores_ = on;
    refreshViews();
}

void PlaygroundPresenter::setColormap(Colormap::Kind kind) {
    colormap_ = kind;
    views_.heatmap->setColormap(kind);
    views_.headGrid->setColormap(kind);
}

}  // namespace ui

namespace ui {

void PlaygroundPresenter::setColorScale(ColorScale scale) {
    colorScale_ = scale;
    views_.heatmap->setColorScale(scale);
    views_.headGrid->setColorScale(scale);
}

}  // namespace ui
