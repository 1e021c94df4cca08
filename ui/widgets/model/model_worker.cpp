#include "widgets/model/model_worker.h"

#include "analysis/word_groups.h"
#include "attention/divergence.h"
#include "import/attention_tensor.h"
#include "tokenizer/tokenizer.h"
#include "transformer/forward.h"
#include "transformer/head_scene.h"
#include "transformer/model.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ui {

namespace tf = ap::transformer;

namespace {

constexpr int kTopPredictions = 10;

std::vector<float> softmax(const Eigen::Ref<const Eigen::RowVectorXf>& logits) {
    std::vector<float> p(std::size_t(logits.size()));
    const float top = logits.maxCoeff();
    double sum = 0;
    for (Eigen::Index i = 0; i < logits.size(); ++i) sum += p[std::size_t(i)] = std::exp(logits[i] - top);
    for (float& v : p) v = float(v / sum);
    return p;
}

std::string trimmed(std::string s) {
    const auto space = [](unsigned char c) { return c == ' '; };
    while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && space(static_cast<unsigned char>(s[b]))) ++b;
    return s.substr(b);
}

}  // namespace

struct ModelWorker::Engine {
    std::shared_ptr<const tf::Model> model;
    std::shared_ptr<const ap::tokenizer::Tokenizer> tokenizer;
    // The run with every head on and the run with heads off keep their own
    // buffers, so that each reuses the rows of the text's unchanged prefix
    // from its own previous run (ForwardOptions::reusePrefix).
    std::unique_ptr<tf::Forward> forward, ablatedForward;
    tf::ForwardResult pass;
    int maskId = -1;
    QString folder;
    // The unablated run of the last token sequence, to show what ablation
    // changes without running it again while only the heads change.
    std::vector<int> baselineIds;
    std::vector<float> baselineAttention, baselineProbabilities;
};

ModelWorker::ModelWorker(QObject* parent) : CoalescingWorker(3, QThread::InheritPriority, parent) {
    qRegisterMetaType<ui::ModelInfo>("ui::ModelInfo");
    qRegisterMetaType<ui::ModelResultPtr>("ui::ModelResultPtr");
    qRegisterMetaType<ui::ScenePtr>("ui::ScenePtr");
}

ModelWorker::~ModelWorker() { stop(); }

void ModelWorker::load(const QString& dir, quint64 id) {
    // Texts asked of the old model are not run on the new one.
    clearLane(kRequestLane);
    clearLane(kSceneLane);
    post(kLoadLane, id, [this, dir](const Job& job) { doLoad(job, dir); });
}

void ModelWorker::request(const ModelRequest& request, quint64 id) {
    post(kRequestLane, id, [this, request](const Job& job) { doRequest(job, request); });
}

bool ModelWorker::cancelLoad(quint64 id) {
    {
        QMutexLocker lock(&mutex());
        if (installedLoad_ == id) return false;
        cancelledLoad_ = id;
    }
    clearLane(kLoadLane);
    return true;
}

void ModelWorker::requestScene(const ModelRequest& request, int layer, int head, quint64 id) {
    post(
        kSceneLane, id, [this, request, layer, head](const Job& job) { doScene(job, request, layer, head); },
        Running::LetFinish);
}

void ModelWorker::doLoad(const Job& job, const QString& dir) {
    const quint64 id = job.id();
    if (!QFileInfo(QDir(dir).filePath(QStringLiteral("config.json"))).isFile()) {
        deliver(job, [&] {
            emit loadFailed(
                id, tr("%1 is not a checkpoint folder: it has no config.json.").arg(QDir::toNativeSeparators(dir)));
        });
        return;
    }
    const std::string path = QFile::encodeName(dir).toStdString();
    auto model = tf::Model::open(path);
    if (!model.ok) {
        deliver(job, [&] { emit loadFailed(id, QString::fromStdString(model.error)); });
        return;
    }
    auto tokenizer = ap::tokenizer::Tokenizer::load(path);
    if (!tokenizer.ok) {
        deliver(job, [&] { emit loadFailed(id, QString::fromStdString(tokenizer.error)); });
        return;
    }
    auto e = std::make_unique<Engine>();
    e->model = model.value;
    e->tokenizer = std::make_shared<const ap::tokenizer::Tokenizer>(std::move(tokenizer.value));
    e->forward = std::make_unique<tf::Forward>(e->model);
    e->ablatedForward = std::make_unique<tf::Forward>(e->model);
    e->folder = QFileInfo(dir).fileName();
    const tf::ModelConfig& c = e->model->config();
    if (!c.causal)
        for (const char* name : {"[MASK]", "<mask>"})
            if (e->maskId < 0) e->maskId = e->tokenizer->tokenId(name).value_or(-1);
    ModelInfo info;
    info.modelType = QString::fromStdString(c.modelType);
    info.dir = dir;
    info.layers = c.layers;
    info.heads = c.heads;
    info.hidden = c.hidden;
    info.maxPositions = c.maxPositions;
    info.causal = c.causal;
    info.predicts = e->model->hasOutputHead();
    std::unique_ptr<Engine> old;  // closed after the lock: unmapping takes a while
    {
        QMutexLocker lock(&mutex());
        if (cancelledLoad_ == id) return;
        old = std::move(engine_);
        engine_ = std::move(e);
        installedLoad_ = id;
    }
    deliver(job, [&] { emit loaded(id, info); });
}

void ModelWorker::doRequest(const Job& job, const ModelRequest& request) {
    const quint64 id = job.id();
    if (!engine_) return;
    Engine& e = *engine_;
    const tf::ModelConfig& c = e.model->config();
    auto result = std::make_shared<ModelResult>();
    const QByteArray utf8 = request.text.toUtf8();
    const auto encoded = e.tokenizer->encode(std::string_view(utf8.constData(), std::size_t(utf8.size())), true);
    if (!encoded.ok) {
        deliver(job, [&] { emit failed(id, QString::fromStdString(encoded.error)); });
        return;
    }
    result->ids.assign(encoded.value.ids.begin(), encoded.value.ids.end());
    const std::vector<int>& ids = result->ids;
    if (ids.empty()) {
        deliver(job, [&] { emit failed(id, tr("The text gives no tokens.")); });
        return;
    }
    if (int(ids.size()) > c.maxPositions) {
        deliver(job, [&] {
            emit failed(id, tr("The text is %1 tokens long; %2 takes at most %3.")
                                .arg(ids.size())
                                .arg(QString::fromStdString(c.modelType))
                                .arg(c.maxPositions));
        });
        return;
    }
    const int n = int(ids.size());
    if (e.model->hasOutputHead()) {
        if (c.causal)
            result->predictedAt = n - 1;
        else if (const auto it = std::find(ids.begin(), ids.end(), e.maskId); e.maskId >= 0 && it != ids.end())
            result->predictedAt = int(it - ids.begin());
    }
    tf::ForwardOptions options;
    options.cancel = job.cancelFlag();
    // One thread: the GUI thread and the model view's worker need the other
    // cores, and two OpenMP threads on busy cores wait for each other
    // (docs/model-window.md, "Latency").
    options.threads = 1;
    // Typing at the end of a causal model's text computes only the new
    // tokens (docs/model-window.md, "Latency").
    options.reusePrefix = true;
    if (result->predictedAt >= 0) options.logitPositions = {result->predictedAt};

    // The unablated run, kept for the comparison.
    if (e.baselineIds != ids || e.baselineAttention.empty()) {
        const ap::Status s = e.forward->run(ids, options, e.pass);
        if (!s.ok) {
            if (!s.cancelled) deliver(job, [&] { emit failed(id, QString::fromStdString(s.message)); });
            return;
        }
        result->seconds += e.pass.seconds;
        e.baselineIds = ids;
        e.baselineAttention = e.pass.attentions;
        e.baselineProbabilities = result->predictedAt >= 0 ? softmax(e.pass.logits.row(0)) : std::vector<float>{};
    }
    std::vector<float> probabilities = e.baselineProbabilities;
    const std::vector<float>* attention = &e.baselineAttention;
    if (!request.ablate.empty()) {
        for (const auto& [l, h] : request.ablate) options.ablate.push_back({l, h});
        const ap::Status s = e.ablatedForward->run(ids, options, e.pass);
        if (!s.ok) {
            if (!s.cancelled) deliver(job, [&] { emit failed(id, QString::fromStdString(s.message)); });
            return;
        }
        result->seconds += e.pass.seconds;
        attention = &e.pass.attentions;
        if (result->predictedAt >= 0) probabilities = softmax(e.pass.logits.row(0));
        const int slices = c.layers * c.heads;
        result->headMaxChange.assign(std::size_t(slices), 0.0f);
        result->headDivergence.assign(std::size_t(slices), 0.0f);
        for (int slice = 0; slice < slices; ++slice) {
            const std::size_t at = std::size_t(slice) * n * n;
            float largest = 0.0f;
            double divergence = 0.0;
            for (int q = 0; q < n; ++q) {
                const float* a = e.baselineAttention.data() + at + std::size_t(q) * n;
                const float* b = attention->data() + at + std::size_t(q) * n;
                for (int k = 0; k < n; ++k) largest = std::max(largest, std::abs(b[k] - a[k]));
                divergence += ap::jensenShannon(a, b, n);
            }
            result->headMaxChange[std::size_t(slice)] = largest;
            result->headDivergence[std::size_t(slice)] = float(divergence / n);
            if (largest > result->largestChange) {
                result->largestChange = largest;
                result->changedLayer = slice / c.heads;
                result->changedHead = slice % c.heads;
            }
        }
    }

    // Tokens as shown: the tokenizer's readable form (spaces for Ġ and ▁,
    // bytes decoded), a piece that continues a word marked before it.
    std::vector<bool> continues(std::size_t(n), false);
    std::vector<std::string> pieces, labels;
    for (int i = 0; i < n; ++i) {
        std::string piece = trimmed(e.tokenizer->displayToken(ids[std::size_t(i)]));
        continues[std::size_t(i)] = i > 0 && e.tokenizer->continuesWord(ids[std::size_t(i)]);
        if (continues[std::size_t(i)] && piece.compare(0, 2, "##") == 0 && piece.size() > 2) piece.erase(0, 2);
        if (piece.empty()) piece = "␣";
        pieces.push_back(piece);
        labels.push_back(continues[std::size_t(i)] ? kContinuationMark.toStdString() + piece : piece);
        result->tokens.push_back(QString::fromStdString(labels.back()));
    }

    const ap::analysis::WordGroups groups =
        request.words ? ap::analysis::groupWords(continues, pieces) : ap::analysis::WordGroups{};
    result->wordCount = request.words ? groups.words() : n;
    const auto makeTensor = [&](const std::vector<float>& weights) {
        auto data = std::make_shared<std::vector<float>>();
        auto tensor = std::make_shared<ap::import::AttentionTensor>();
        tensor->fileName = e.folder.toStdString();
        tensor->format = "model";
        tensor->arrayName = "attentions";
        tensor->dtype = ap::import::DType::F32;
        tensor->layers = c.layers;
        tensor->heads = c.heads;
        if (request.words) {
            *data = ap::analysis::wordAttention(weights, c.layers * c.heads, n, groups);
            tensor->queryTokens = groups.labels;
        } else {
            *data = weights;
            tensor->queryTokens = labels;
        }
        tensor->keyTokens = tensor->queryTokens;
        tensor->queries = tensor->keys = result->wordCount;
        tensor->data = reinterpret_cast<const unsigned char*>(data->data());
        tensor->owner = data;
        return tensor;
    };
    result->tensor = makeTensor(*attention);
    if (!request.ablate.empty()) result->unablated = makeTensor(e.baselineAttention);

    if (!probabilities.empty()) {
        std::vector<int> order(probabilities.size());
        std::iota(order.begin(), order.end(), 0);
        const int top = std::min<int>(kTopPredictions, int(order.size()));
        std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](int a, int b) {
            return probabilities[std::size_t(a)] > probabilities[std::size_t(b)] ||
                   (probabilities[std::size_t(a)] == probabilities[std::size_t(b)] && a < b);
        });
        for (int k = 0; k < top; ++k) {
            const int token = order[std::size_t(k)];
            TokenPrediction p;
            p.id = token;
            p.token = QString::fromStdString(e.tokenizer->displayToken(token));
            p.probability = probabilities[std::size_t(token)];
            p.unablated = e.baselineProbabilities[std::size_t(token)];
            result->top.push_back(p);
        }
    }
    deliver(job, [&] { emit resultReady(id, std::move(result)); });
}

void ModelWorker::doScene(const Job& job, const ModelRequest& request, int layer, int head) {
    const quint64 id = job.id();
    if (!engine_) return;
    Engine& e = *engine_;
    const QByteArray utf8 = request.text.toUtf8();
    const auto encoded = e.tokenizer->encode(std::string_view(utf8.constData(), std::size_t(utf8.size())), true);
    if (!encoded.ok) {
        deliver(job, [&] { emit failed(id, QString::fromStdString(encoded.error)); });
        return;
    }
    const std::vector<int> ids(encoded.value.ids.begin(), encoded.value.ids.end());
    tf::ForwardOptions options;
    options.capture = {layer, head};
    for (const auto& [l, h] : request.ablate) options.ablate.push_back({l, h});
    tf::ForwardResult pass;
    const ap::Status s = e.forward->run(ids, options, pass);
    if (!s.ok) {
        deliver(job, [&] { emit failed(id, QString::fromStdString(s.message)); });
        return;
    }
    std::vector<std::string> tokens;
    for (int t : ids) tokens.push_back(e.tokenizer->displayToken(t));
    const std::string title = tr("%1 · layer %2 · head %3").arg(e.folder).arg(layer).arg(head).toStdString();
    auto scene = tf::headScene(pass, tokens, title);
    if (!scene.ok) {
        deliver(job, [&] { emit failed(id, QString::fromStdString(scene.error)); });
        return;
    }
    deliver(job, [&] { emit sceneReady(id, std::make_shared<const ap::Scene>(std::move(scene.value))); });
}

}  // namespace ui
