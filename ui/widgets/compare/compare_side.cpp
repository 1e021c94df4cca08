#include "widgets/compare/compare_side.h"

#include "document/scene_document.h"
#include "document/scene_edits.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/controls_panel.h"

#include <QScrollArea>
#include <QVBoxLayout>

namespace ui {

CompareSide::CompareSide(const QString& name, const ap::Scene& scene, QWidget* parent) : QWidget(parent), name_(name) {
    document_ = new SceneDocument(this);
    document_->resetScene(scene);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    heatmap_ = new HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("compareHeatmap") + name);
    layout->addWidget(heatmap_, 1);
    controls_ = new ControlsPanel(this);
    controls_->setObjectName(QStringLiteral("compareControls") + name);
    // Both sides have a Resample button: its shortcut acts on the side
    // being worked in.
    controls_->limitShortcutTo(this);
    layout->addWidget(controls_);

    connectToDocument(
        controls_, document_, this, [this](const QString& message) { emit failed(message); },
        [this] { syncControls(); });
    connect(document_, &SceneDocument::sceneChanged, this, [this] {
        syncControls();
        requestCompute();
    });
    connect(&worker_, &AttentionWorker::resultReady, this, &CompareSide::onResult);
    connect(&worker_, &AttentionWorker::failed, this, [this](quint64 id, const QString& message) {
        if (id == requestId_) emit failed(message);
    });
    syncControls();
    requestCompute();
}

void CompareSide::syncControls() { controls_->setState(controlsStateOf(*document_)); }

void CompareSide::requestCompute() {
    ViewSpec view;
    view.head = HeadChoice{};
    worker_.request(document_->snapshot(), ++requestId_, view);
}

void CompareSide::onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec, HeatmapPtr heatmap) {
    if (id != requestId_) return;  // a newer request is on its way
    result_ = std::move(result);
    resultScene_ = std::move(scene);
    HeatmapData data = heatmap && heatmap->heatmap.rows() == int(result_->weightsMean.rows())
                           ? std::move(heatmap->heatmap)
                           : heatmapFromResult(*resultScene_, *result_, HeadChoice{}, HeatmapQuantity::Weights);
    data.title = tr("%1: %2").arg(name_, data.title);
    heatmap_->setData(std::move(data));
    heatmap_->setTooltipSource(result_, nullptr, &result_->weightsMean);
    emit resultChanged();
}

}  // namespace ui
