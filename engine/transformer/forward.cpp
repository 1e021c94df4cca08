// One pass of the three families, layer by layer:
//   BERT (Devlin et al., 2019) and DistilBERT: x = LN(x + Attn(x)), x = LN(x + MLP(x)) (post-LN);
//   GPT-2 (Radford et al., 2019): x += Attn(LN(x)), x += MLP(LN(x)) (pre-LN), causal;
//   Llama (Touvron et al., 2023), Mistral, Qwen2: as GPT-2 with RMSNorm, rotary
//   queries and keys, grouped-query attention (Ainslie et al., 2023) and SwiGLU.
// Attention per head: softmax(q·kᵀ·scale + mask)·v (Vaswani et al., 2017).
#include "transformer/forward.h"

#include "transformer/ops.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace ap::transformer {

using ConstMap = Eigen::Map<const Matrix>;

struct Forward::Buffers {
    Matrix x, h, qkv, q, k, v, ctx, proj, up, gate, cos, sin, rows, hidden, logitsTmp;
    std::vector<float> scratch;  // a converted F16/BF16 matrix, sized once
    std::vector<char> ablated;   // layers x heads
    // Every token's keys and values per layer (after the rotary embedding),
    // the last layer's hidden states, and what the previous run was, for
    // reusePrefix.
    std::vector<Matrix> keys, values;
    Matrix final;
    std::vector<float> attentions;  // the previous run's, [layers, heads, T, T]
    std::vector<int> lastIds;
    std::vector<char> lastAblated;
    bool lastValid = false;
};

namespace {

// Output columns go to the threads in fixed blocks of this many columns, so
// that each block's product is the same computation whatever the thread
// count (Eigen's blocking, hence the order of its sums, follows the
// operands' sizes). Measured with bench_transformer on GPT-2 small, one
// thread, CPU time: blocks of 128 columns 1566 ms, 384 columns 235 ms, one
// product per matrix 213 ms; 384 also splits widths 768, 2304 and 3072
// evenly over two threads.
constexpr int kColumnBlock = 384;
// Logits are computed this many vocabulary rows at a time, so that a
// converted lm_head never needs more scratch than one block.
constexpr std::int64_t kVocabBlock = 8192;

bool inPlace(const TensorRef& t) {
    return t.type == WeightType::F32 && reinterpret_cast<std::uintptr_t>(t.data) % alignof(float) == 0;
}

// Rows [first, first + count) of a 2-D tensor as a float matrix: in place
// for aligned F32, otherwise converted into `scratch`.
ConstMap tensorRows(const TensorRef& t, std::int64_t first, std::int64_t count, std::vector<float>& scratch,
                    int threads) {
    const std::int64_t cols = t.shape[1];
    if (inPlace(t)) return ConstMap(reinterpret_cast<const float*>(t.data) + first * cols, count, cols);
    float* out = scratch.data();
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t r = 0; r < count; ++r) convertToFloat(t, (first + r) * cols, cols, out + r * cols);
    return ConstMap(out, count, cols);
}

// out = x·W (+ b), W [in, out]; or x·Wᵀ (+ b), W [out, in].
template <class Out>
void product(const Matrix& x, const ConstMap& w, bool inOut, Out&& out, int threads) {
    const int n = inOut ? int(w.cols()) : int(w.rows());
#ifdef EIGEN_USE_BLAS
    // OpenBLAS spreads one sgemm over its own threads.
    (void)threads;
    if (inOut)
        out.noalias() = x * w;
    else
        out.noalias() = x * w.transpose();
    (void)n;
#else
    const int width = kColumnBlock;
    const int blocks = (n + width - 1) / width;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int b = 0; b < blocks; ++b) {
        const int c0 = b * width, c = std::min(width, n - c0);
        if (inOut)
            out.middleCols(c0, c).noalias() = x * w.middleCols(c0, c);
        else
            out.middleCols(c0, c).noalias() = x * w.middleRows(c0, c).transpose();
    }
#endif
}

void linear(const Linear& l, const Matrix& x, Matrix& out, std::vector<float>& scratch, int threads) {
    out.resize(x.rows(), l.out);
    const ConstMap w = tensorRows(*l.weight, 0, l.weight->shape[0], scratch, threads);
    product(x, w, l.inOut, out, threads);
    if (l.bias.size()) out.rowwise() += l.bias.transpose();
}

void embedRow(const TensorRef& t, std::int64_t row, float* out, bool add) {
    const std::int64_t cols = t.shape[1];
    if (!add) {
        convertToFloat(t, row * cols, cols, out);
        return;
    }
    thread_local std::vector<float> tmp;
    tmp.resize(std::size_t(cols));
    convertToFloat(t, row * cols, cols, tmp.data());
    for (std::int64_t i = 0; i < cols; ++i) out[i] += tmp[std::size_t(i)];
}

}  // namespace

Forward::Forward(std::shared_ptr<const Model> model) : model_(std::move(model)), b_(std::make_unique<Buffers>()) {
    // Only non-F32 (or misaligned) weights are converted; a model read in
    // place needs no scratch at all.
    bool anyConverted = false;
    const auto check = [&](const TensorRef* t) {
        if (t && !inPlace(*t)) anyConverted = true;
    };
    for (const LayerWeights& l : model_->layers)
        for (const Linear* w : {&l.qkv, &l.q, &l.k, &l.v, &l.o, &l.up, &l.gate, &l.down}) check(w->weight);
    check(model_->mlmTransform.weight);
    check(model_->output);
    if (anyConverted) {
        std::int64_t layerMax = 0;
        for (const LayerWeights& l : model_->layers)
            for (const Linear* w : {&l.qkv, &l.q, &l.k, &l.v, &l.o, &l.up, &l.gate, &l.down})
                if (w->weight) layerMax = std::max<std::int64_t>(layerMax, std::int64_t(w->in) * w->out);
        if (model_->mlmTransform.weight)
            layerMax =
                std::max<std::int64_t>(layerMax, std::int64_t(model_->mlmTransform.in) * model_->mlmTransform.out);
        const std::int64_t outMax =
            model_->output ? std::min<std::int64_t>(kVocabBlock, model_->config().vocab) * model_->config().hidden : 0;
        b_->scratch.resize(std::size_t(std::max({layerMax, outMax, std::int64_t(1)})));
    }
    b_->ablated.assign(std::size_t(model_->config().layers) * model_->config().heads, 0);
    b_->keys.resize(std::size_t(model_->config().layers));
    b_->values.resize(std::size_t(model_->config().layers));
}

Forward::~Forward() = default;

Status Forward::run(const std::vector<int>& ids, const ForwardOptions& options, ForwardResult& r) {
    const Model& m = *model_;
    const ModelConfig& c = m.config();
    const int T = int(ids.size());
    const std::string& dir = m.dir();
    if (T == 0) return Status::error(dir + ": no tokens to run");
    if (T > c.maxPositions - c.positionOffset)
        return Status::error(dir + ": " + std::to_string(T) + " tokens, but the model takes at most " +
                             std::to_string(c.maxPositions - c.positionOffset));
    for (int i = 0; i < T; ++i)
        if (ids[i] < 0 || ids[i] >= c.vocab)
            return Status::error(dir + ": token id " + std::to_string(ids[i]) + " (position " + std::to_string(i) +
                                 ") is outside the vocabulary of " + std::to_string(c.vocab));
    for (int p : options.logitPositions)
        if (p < 0 || p >= T)
            return Status::error(dir + ": logits asked at position " + std::to_string(p) + " of " + std::to_string(T));
    if (!options.logitPositions.empty() && !m.output)
        return Status::error(m.checkpoint().describe() + ": the checkpoint has no " +
                             (c.family == Family::Bert ? "masked-LM head (cls.predictions / lm_head / vocab_projector)"
                                                       : "output head (lm_head.weight)"));
    const auto headOk = [&](HeadId h) { return h.layer >= 0 && h.layer < c.layers && h.head >= 0 && h.head < c.heads; };
    if (options.capture.layer >= 0 && !headOk(options.capture))
        return Status::error(dir + ": no head " + std::to_string(options.capture.layer) + ":" +
                             std::to_string(options.capture.head) + " (the model has " + std::to_string(c.layers) +
                             " layers of " + std::to_string(c.heads) + " heads)");
    std::fill(b_->ablated.begin(), b_->ablated.end(), 0);
    for (HeadId h : options.ablate) {
        if (!headOk(h))
            return Status::error(dir + ": no head " + std::to_string(h.layer) + ":" + std::to_string(h.head) +
                                 " to ablate (the model has " + std::to_string(c.layers) + " layers of " +
                                 std::to_string(c.heads) + " heads)");
        b_->ablated[std::size_t(h.layer) * c.heads + h.head] = 1;
    }

    const auto start = std::chrono::steady_clock::now();
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    Buffers& b = *b_;
    const int d = c.hidden, H = c.heads, KV = c.kvHeads, hd = c.headDim;
    const std::size_t TT = std::size_t(T) * T;
    r.layers = c.layers;
    r.heads = H;
    r.tokens = T;
    r.attentions.resize(std::size_t(c.layers) * H * TT);
    r.causal = c.causal;
    r.slidingWindow = c.slidingWindow;
    r.captured = {-1, -1};

    // The prefix shared with the previous run: in a causal model no row
    // depends on a later token, so its rows are what they were.
    const bool keep = options.reusePrefix && c.causal && options.capture.layer < 0;
    int P = 0;
    if (keep && b.lastValid && b.lastAblated == b.ablated) {
        const int n = std::min<int>(T, int(b.lastIds.size()));
        while (P < n && b.lastIds[std::size_t(P)] == ids[std::size_t(P)]) ++P;
        // At least the last token is computed: an unchanged text costs one row.
        if (P == T) --P;
    }
    const int S = T - P;  // the rows computed
    r.reusedTokens = P;
    const int lastT = int(b.lastIds.size());
    b.lastValid = false;  // until this run completes
    if (P > 0) {
        // Prefix rows of every head's attention: causal, so their weights
        // beyond the prefix are 0 whatever the length.
        const int copy = std::min(T, lastT);
        for (std::size_t slice = 0; slice < std::size_t(c.layers) * H; ++slice) {
            const float* from = b.attentions.data() + slice * std::size_t(lastT) * lastT;
            float* to = r.attentions.data() + slice * TT;
            for (int q = 0; q < P; ++q) {
                std::copy_n(from + std::size_t(q) * lastT, copy, to + std::size_t(q) * T);
                std::fill(to + std::size_t(q) * T + copy, to + std::size_t(q + 1) * T, 0.0f);
            }
        }
    }

    // Embeddings of the rows computed.
    b.x.resize(S, d);
    int position = c.positionOffset;
    for (int t = 0; t < T; ++t) {
        int p = t;
        // RoBERTa: padding tokens keep the padding index as position.
        if (c.padTokenId >= 0) p = ids[t] == c.padTokenId ? c.padTokenId : position++;
        if (t < P) continue;
        float* row = b.x.row(t - P).data();
        embedRow(*m.wordEmbeddings, ids[t], row, false);
        if (m.positionEmbeddings) embedRow(*m.positionEmbeddings, p, row, true);
        if (m.typeEmbeddings) embedRow(*m.typeEmbeddings, 0, row, true);
    }
    if (c.family == Family::Bert) {
        ops::normalize(b.x, m.embeddingNorm, c.normEps, b.h, threads);
        std::swap(b.x, b.h);
    }
    if (c.family == Family::Llama) ops::rotaryTables(c, T, b.cos, b.sin);

    const float baseScale = 1.0f / std::sqrt(float(hd));
    for (int layer = 0; layer < c.layers; ++layer) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return Status::cancelledByUser();
        const LayerWeights& w = m.layers[std::size_t(layer)];
        // GPT-2 and Llama normalise each block's input (pre-norm); BERT adds
        // the block's output to its input first and normalises the sum
        // (post-norm, Vaswani et al. 2017).
        const bool pre = c.family != Family::Bert;
        const auto blockInput = [&](const auto& norm) -> const Matrix& {
            if (!pre) return b.x;
            ops::normalize(b.x, norm, c.normEps, b.h, threads);
            return b.h;
        };
        const auto addBlockOutput = [&](const auto& norm) {
            b.x += b.proj;
            if (pre) return;
            ops::normalize(b.x, norm, c.normEps, b.h, threads);
            std::swap(b.x, b.h);
        };
        const Matrix& in = blockInput(w.attentionNorm);
        if (w.qkv.weight) {
            linear(w.qkv, in, b.qkv, b.scratch, threads);
            b.q = b.qkv.middleCols(0, d);
            b.k = b.qkv.middleCols(d, d);
            b.v = b.qkv.middleCols(2 * d, d);
        } else {
            linear(w.q, in, b.q, b.scratch, threads);
            linear(w.k, in, b.k, b.scratch, threads);
            linear(w.v, in, b.v, b.scratch, threads);
        }
        if (c.family == Family::Llama) {
            ops::rotate(b.q, H, hd, b.cos, b.sin, P, threads);
            ops::rotate(b.k, KV, hd, b.cos, b.sin, P, threads);
        }
        // Every token's keys and values: the prefix's kept, the rest new.
        Matrix& keys = b.keys[std::size_t(layer)];
        Matrix& values = b.values[std::size_t(layer)];
        if (P > 0) {
            keys.conservativeResize(T, b.k.cols());
            values.conservativeResize(T, b.v.cols());
            keys.bottomRows(S) = b.k;
            values.bottomRows(S) = b.v;
        } else {
            keys = b.k;
            values = b.v;
        }
        const float scale = c.scaleByInverseLayer ? baseScale / float(layer + 1) : baseScale;
        if (options.capture.layer == layer) {
            const int kvh = options.capture.head / (H / KV);
            r.captured = options.capture;
            r.queries = b.q.middleCols(std::size_t(options.capture.head) * hd, hd);
            r.keys = keys.middleCols(std::size_t(kvh) * hd, hd);
            r.values = values.middleCols(std::size_t(kvh) * hd, hd);
            r.scale = scale;
        }
        b.ctx.resize(S, std::int64_t(H) * hd);
#pragma omp parallel for num_threads(threads) schedule(static)
        for (int h = 0; h < H; ++h) {
            const int kvh = h / (H / KV);
            float* p = r.attentions.data() + (std::size_t(layer) * H + h) * TT + std::size_t(P) * T;
            Eigen::Map<Matrix> probs(p, S, T);
            probs.noalias() = (b.q.middleCols(std::size_t(h) * hd, hd) * scale) *
                              keys.middleCols(std::size_t(kvh) * hd, hd).transpose();
            ops::maskedSoftmax(p, S, T, P, c.causal, c.slidingWindow);
            if (b.ablated[std::size_t(layer) * H + h])
                b.ctx.middleCols(std::size_t(h) * hd, hd).setZero();
            else
                b.ctx.middleCols(std::size_t(h) * hd, hd).noalias() =
                    probs * values.middleCols(std::size_t(kvh) * hd, hd);
        }
        linear(w.o, b.ctx, b.proj, b.scratch, threads);
        addBlockOutput(w.attentionNorm);
        // The MLP.
        const Matrix& mlpIn = blockInput(w.mlpNorm);
        if (w.gate.weight) {
            linear(w.gate, mlpIn, b.gate, b.scratch, threads);
            linear(w.up, mlpIn, b.up, b.scratch, threads);
            ops::swiglu(b.gate, b.up, threads);
            linear(w.down, b.gate, b.proj, b.scratch, threads);
        } else {
            linear(w.up, mlpIn, b.up, b.scratch, threads);
            ops::activate(b.up, c.activation, threads);
            linear(w.down, b.up, b.proj, b.scratch, threads);
        }
        addBlockOutput(w.mlpNorm);
    }
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return Status::cancelledByUser();
    if (P > 0) {
        b.final.conservativeResize(T, d);
        b.final.bottomRows(S) = b.x;
    } else {
        std::swap(b.final, b.x);
    }
    if (keep) {
        b.attentions = r.attentions;
        b.lastIds = ids;
        b.lastAblated = b.ablated;
        b.lastValid = true;
    }

    // Logits at the positions asked for.
    r.logitPositions = options.logitPositions;
    const int positions = int(options.logitPositions.size());
    r.logits.resize(positions, positions ? c.vocab : 0);
    if (positions > 0) {
        b.rows.resize(positions, d);
        for (int i = 0; i < positions; ++i) b.rows.row(i) = b.final.row(options.logitPositions[std::size_t(i)]);
        if (c.family == Family::Bert) {
            // The masked-LM head: dense, activation, LayerNorm, decoder.
            linear(m.mlmTransform, b.rows, b.hidden, b.scratch, threads);
            ops::activate(b.hidden, c.activation, threads);
            ops::normalize(b.hidden, m.mlmNorm, c.normEps, b.rows, threads);
        } else {
            ops::normalize(b.rows, m.finalNorm, c.normEps, b.hidden, threads);
            std::swap(b.rows, b.hidden);
        }
        for (std::int64_t v0 = 0; v0 < c.vocab; v0 += kVocabBlock) {
            const std::int64_t n = std::min<std::int64_t>(kVocabBlock, c.vocab - v0);
            const ConstMap w = tensorRows(*m.output, v0, n, b.scratch, threads);
            product(b.rows, w, false, r.logits.middleCols(v0, n), threads);
        }
        if (m.outputBias.size()) r.logits.rowwise() += m.outputBias.transpose();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return Status::success();
}

std::vector<Prediction> topPredictions(const Eigen::Ref<const Eigen::RowVectorXf>& logits, int n) {
    const int V = int(logits.size());
    const float mx = logits.maxCoeff();
    double sum = 0.0;
    for (int i = 0; i < V; ++i) sum += std::exp(double(logits[i] - mx));
    std::vector<int> order(static_cast<std::size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    const int k = std::clamp(n, 0, V);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int a, int b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
    std::vector<Prediction> out;
    for (int i = 0; i < k; ++i)
        out.push_back({order[std::size_t(i)], float(std::exp(double(logits[order[std::size_t(i)]] - mx)) / sum)});
    return out;
}

}  // namespace ap::transformer
