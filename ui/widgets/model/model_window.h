// The model window: a checkpoint opened in the engine, a text box, and the
// model view of the file window showing the attention of every layer and
// head as the user types (the text is sent to the worker 50 ms after the
// last key stroke). Besides the grid, large head and rollout it has the
// head view (BertViz's lines), the model's predictions, heads switched off
// by clicking them, and any head opened as a playground scene.
#pragma once

#include "widgets/model/model_worker.h"
#include "widgets/model/sentence_input.h"
#include "widgets/model_view/model_view_window.h"

class QAction;
class QLineEdit;

namespace ui {

class ChangeView;
class HeadViewPanel;
class OpeningIndicator;
class PredictionsView;

class ModelWindow : public ModelViewWindow {
    Q_OBJECT
public:
    explicit ModelWindow(QWidget* parent = nullptr);

    // Opens the checkpoint folder on the worker: the window shows a busy bar
    // with Cancel meanwhile; modelLoaded() or loadFailed() follows.
    void loadModel(const QString& dir);
    void cancelLoading();
    bool isLoading() const { return loadId_ != 0; }
    const ModelInfo& info() const { return info_; }

    // The text box; the text is run after the debounce, or at once here.
    QLineEdit* textBox() const;
    void runNow();
    // Switches a head off, or on again; the views follow at once.
    void toggleAblation(int layer, int head);
    void setAblated(HeadSet heads);
    const HeadSet& ablated() const { return ablated_; }
    void setWords(bool words);
    // Asks the worker for (layer, head) as a scene; openInPlayground follows.
    void openHeadInPlayground(int layer, int head);

    ModelResultPtr result() const { return result_; }
    quint64 latestRequest() const { return latest_; }
    HeadViewPanel* headViewPanel() const { return headPanel_; }
    ChangeView* changeView() const { return changeView_; }
    PredictionsView* predictions() const { return predictions_; }
    ModelWorker* worker() { return &worker_; }
    static constexpr int kDebounceMs = SentenceInput::kDebounceMs;

signals:
    void modelLoaded();
    void loadFailed(const QString& message);
    // The views show the answer to request `id`.
    void resultShown(quint64 id);
    // A result that answered an older request arrived and was dropped.
    void staleResultDropped(quint64 id);
    void openInPlayground(const ap::Scene& scene);

private:
    void onLoaded(quint64 id, const ModelInfo& info);
    void onResult(quint64 id, ModelResultPtr result);
    // After a load that failed or was cancelled: the model open before (if
    // any) is usable again.
    void keepPreviousModel();
    void showModelTitle();
    void sendRequest();
    ModelRequest currentRequest() const;
    void chooseModel();
    void openSelectedHead();
    void exportHeadView();
    void showGridMenu(const QPoint& pos);

    ModelWorker worker_;
    ModelInfo info_;
    bool loaded_ = false;
    quint64 nextId_ = 1, loadId_ = 0, latest_ = 0, sceneId_ = 0;
    HeadSet ablated_;
    ModelResultPtr result_;

    SentenceInput* sentence_ = nullptr;
    HeadViewPanel* headPanel_ = nullptr;
    ChangeView* changeView_ = nullptr;
    PredictionsView* predictions_ = nullptr;
    OpeningIndicator* loading_ = nullptr;
};

}  // namespace ui
