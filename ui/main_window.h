// The application window: wires the scene, the worker and the views.
#pragma once

#include "attention_worker.h"
#include "heatmap_data.h"

#include <QMainWindow>

class QLabel;
class QTimer;

namespace ui {

class HeatmapView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a scene file; on failure shows the message and keeps the scene
    // that was open. Returns whether the file was opened.
    bool openFile(const QString& path);
    void setScene(ap::Scene scene);
    const ap::Scene& scene() const { return *scene_; }
    HeatmapView* heatmapView() const { return heatmap_; }
    // The result the views show, or null before the first one arrives.
    ResultPtr currentResult() const { return result_; }
    // Id of the newest request; results for older ones are dropped.
    quint64 latestRequestId() const { return requestId_; }

    // Last error shown to the user (for tests); empty when none.
    QString lastError() const { return lastError_; }

signals:
    // Emitted after the views show the result of the newest request.
    void viewsUpdated(quint64 requestId);

private:
    void createActions();
    void recompute();
    void onResult(quint64 id, ScenePtr scene, ResultPtr result);
    void onFailed(quint64 id, const QString& message);
    void showError(const QString& message);
    void exportImage();
    void openDialog();

    AttentionWorker worker_;
    ScenePtr scene_;
    ResultPtr result_;
    quint64 requestId_ = 0;
    HeatmapView* heatmap_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* busyTimer_ = nullptr;
    QString lastError_;
};

}  // namespace ui
