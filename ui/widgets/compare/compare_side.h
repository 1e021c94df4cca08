// One side (A or B) of the compare window: its own copy of the scene as a
// document with undo, its own controls, its heatmap of the heads' mean
// weights and its own worker thread.
#pragma once

#include "widgets/playground/attention_worker.h"

#include <QWidget>

namespace ui {

class ControlsPanel;
class HeatmapView;
class SceneDocument;

class CompareSide : public QWidget {
    Q_OBJECT
public:
    CompareSide(const QString& name, const ap::Scene& scene, QWidget* parent = nullptr);

    SceneDocument* document() const { return document_; }
    ControlsPanel* controls() const { return controls_; }
    HeatmapView* heatmap() const { return heatmap_; }
    // The newest result (null until the first one arrives) and its scene.
    ResultPtr result() const { return result_; }
    ScenePtr resultScene() const { return resultScene_; }

signals:
    void resultChanged();
    void failed(const QString& message);

private:
    void syncControls();
    void requestCompute();
    void onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec view, HeatmapPtr heatmap);

    QString name_;
    SceneDocument* document_ = nullptr;
    ControlsPanel* controls_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    AttentionWorker worker_;
    quint64 requestId_ = 0;
    ResultPtr result_;
    ScenePtr resultScene_;
};

}  // namespace ui
