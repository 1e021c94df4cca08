// The compute round-trip of the playground, without any widget of its own:
// every change of the document becomes a request to the AttentionWorker;
// the result that answers the newest request is handed to the views it was
// given. Stale results are dropped by their request id.
#pragma once

#include "render/colormap.h"
#include "render/heatmap_data.h"
#include "widgets/playground/attention_worker.h"

#include <QObject>

class QTimer;

namespace ui {

class BarChartView;
class HeadGridView;
class HeatmapView;
class OutputView;
class SceneDocument;
enum class ChangeKind;

// The views the presenter fills; the window owns them.
struct PlaygroundViews {
    HeatmapView* heatmap = nullptr;
    HeadGridView* headGrid = nullptr;
    BarChartView* barChart = nullptr;
    OutputView* output = nullptr;
};

class PlaygroundPresenter : public QObject {
    Q_OBJECT
public:
    PlaygroundPresenter(SceneDocument* document, PlaygroundViews views, QObject* parent = nullptr);

    // Asks the worker for the document's current scene; never blocks.
    void requestCompute();

    // The result the views show, or null before the first one arrives.
    ResultPtr currentResult() const { return result_; }
    // The scene that result answers.
    ScenePtr resultScene() const { return resultScene_; }
    quint64 latestRequestId() const { return requestId_; }
    HeadChoice currentHead() const { return head_; }
    int selectedQuery() const { return selectedQuery_; }
    bool showScores() const { return showScores_; }
    Colormap::Kind colormap() const { return colormap_; }
    ColorScale colorScale() const { return colorScale_; }
    void setColorScale(ColorScale scale);

    void selectQuery(int row);
    void selectHead(HeadChoice head);
    void setShowScores(bool on);
    void setColormap(Colormap::Kind kind);
    // Shows the current result again (after a language change).
    void refresh() { refreshViews(); }

signals:
    // Emitted after the views show the result of the newest request.
    void viewsUpdated(quint64 requestId);
    // A new result is current; emitted before the views show it.
    void resultArrived();
    // The current result was let go of while the next one is computed:
    // whoever else holds it must let go too.
    void resultReleased();
    // The bar chart shows this query's row (of weights, or else of scores).
    void barChartRowChanged(int row, bool weights);
    void failed(const QString& message);
    // Whether to show the busy indicator: only computations longer than a
    // moment show it, so quick edits never flicker.
    void busyChanged(bool busy);

private:
    void onSceneChanged(ChangeKind kind);
    void onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec view, HeatmapPtr heatmap);
    void onFailed(quint64 id, const QString& message);
    ViewSpec viewSpec() const;
    // `prepared` is the worker's heatmap for the current ViewSpec, if any.
    void refreshViews(HeatmapPtr prepared = nullptr);
    void refreshBarChart();
    void setBusy(bool busy);

    SceneDocument* document_;
    PlaygroundViews views_;
    AttentionWorker worker_;
    QTimer* busyTimer_ = nullptr;
    bool busyShown_ = false;
    ScenePtr resultScene_;
    ResultPtr result_;
    quint64 requestId_ = 0;
    HeadChoice head_;
    int selectedQuery_ = 0;
    bool showScores_ = false;
    Colormap::Kind colormap_ = Colormap::Kind::Viridis;
    ColorScale colorScale_ = ColorScale::Fixed;
};

// The scene's query labels as the views show them.
QStringList queryLabels(const ap::Scene& scene);

}  // namespace ui
