// The model window's worker thread, a CoalescingWorker like the
// playground's AttentionWorker: it opens the checkpoint, then runs the model
// on the newest text only. A newer text cancels the pass under way (the
// engine checks the flag between layers) and every answer carries the id of
// the request it answers. The model, its tokenizer and the forward pass's
// buffers live on this thread.
#pragma once

#include "core/scene.h"
#include "concurrent/coalescing_worker.h"
#include "widgets/model_view/model_view_worker.h"

#include <QString>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ui {

struct ModelInfo {
    QString modelType, dir;
    int layers = 0, heads = 0, hidden = 0, maxPositions = 0;
    bool causal = false;
    bool predicts = false;  // has the head that gives token probabilities
};

using HeadSet = std::set<std::pair<int, int>>;  // (layer, head)

struct ModelRequest {
    QString text;
    HeadSet ablate;
    bool words = false;  // gather sub-word tokens into words
};

struct TokenPrediction {
    QString token;
    int id = 0;
    float probability = 0.0f;
    float unablated = 0.0f;  // the same token's probability with every head on
};

struct ModelResult {
    AttentionPtr tensor;   // what the views show: tokens, or words
    std::vector<int> ids;  // the tokens the model ran on
    QStringList tokens;    // each token as shown (pieces marked)
    int wordCount = 0;     // words when gathered, else tokens
    // Next token (causal) or the first [MASK]'s predictions; empty when
    // the model has no such head or the text has no [MASK].
    int predictedAt = -1;  // token position predicted from, -1: none
    std::vector<TokenPrediction> top;
    // With heads switched off: the head whose weights moved most from the
    // unablated run, and how far (largest absolute change of a weight).
    int changedLayer = -1, changedHead = -1;
    float largestChange = 0.0f;
    // With heads switched off, per head (layer * heads + head), how far its
    // token attention moved from the run with every head on: the largest
    // |Δ weight|, and the Jensen-Shannon divergence of the two rows
    // (engine/attention/divergence.h) averaged over the queries. Empty with
    // every head on.
    std::vector<float> headMaxChange, headDivergence;
    // The run with every head on, as `tensor` shows it (tokens or words);
    // null with every head on.
    AttentionPtr unablated;
    double seconds = 0.0;  // the forward passes alone
};
using ModelResultPtr = std::shared_ptr<const ModelResult>;
using ScenePtr = std::shared_ptr<const ap::Scene>;

// The continuation mark shown before a piece that continues a word.
inline const QString kContinuationMark = QStringLiteral("·");

class ModelWorker : public CoalescingWorker {
    Q_OBJECT
public:
    explicit ModelWorker(QObject* parent = nullptr);
    ~ModelWorker() override;

    // Opens the checkpoint folder; answers with loaded() or loadFailed().
    // The model open until then stays until the new one is ready, and stays
    // for good when the load fails or is cancelled.
    void load(const QString& dir, quint64 id);
    // Gives up load `id`: nothing more is said of it and the model open
    // before stays. Returns false when it is too late: the new model is
    // already in, and loaded() is on its way.
    bool cancelLoad(quint64 id);
    // Never blocks on a computation: swaps the pending request and cancels
    // the pass under way. Answers with resultReady() or failed().
    void request(const ModelRequest& request, quint64 id);
    // One head as a playground scene (its queries, keys and values from a
    // pass over `request`); answers with sceneReady() or failed().
    void requestScene(const ModelRequest& request, int layer, int head, quint64 id);

signals:
    void loaded(quint64 id, ui::ModelInfo info);
    void loadFailed(quint64 id, const QString& message);
    void resultReady(quint64 id, ui::ModelResultPtr result);
    void sceneReady(quint64 id, ui::ScenePtr scene);
    void failed(quint64 id, const QString& message);

private:
    struct Engine;
    // Served in this order: a checkpoint to open before a text to run.
    enum Lane { kLoadLane, kRequestLane, kSceneLane };
    void doLoad(const Job& job, const QString& dir);
    void doRequest(const Job& job, const ModelRequest& request);
    void doScene(const Job& job, const ModelRequest& request, int layer, int head);

    std::unique_ptr<Engine> engine_;  // worker thread only
    // Under mutex(): the load given up, and the last one installed.
    quint64 cancelledLoad_ = 0, installedLoad_ = 0;
};

}  // namespace ui
