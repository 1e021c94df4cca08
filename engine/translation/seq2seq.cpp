#include "translation/seq2seq.h"

#include "core/eigen_maps.h"

#include "translation/metrics.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <utility>

namespace ap {
namespace {

// Uniform on [0, 1) from the top 53 bits: unlike the std distributions,
// this gives the same numbers with every standard library.
double uniform01(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

void fillUniform(double* p, Eigen::Index n, double bound, std::mt19937_64& rng) {
    for (Eigen::Index i = 0; i < n; ++i) p[i] = (2.0 * uniform01(rng) - 1.0) * bound;
}

// Glorot & Bengio (2010): U(-a, a), a = sqrt(6 / (fan_in + fan_out)), keeps
// the variance of activations and gradients roughly constant across layers.
double glorot(Eigen::Index fanIn, Eigen::Index fanOut) {
    return std::sqrt(6.0 / double(fanIn + fanOut));
}

std::string join(const std::vector<std::string>& tokens) {
    std::string out;
    for (const std::string& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

// Column-wise argmax, ties to the lowest row (the lowest token id).
int argmaxColumn(const Eigen::MatrixXd& m, Eigen::Index col) {
    Eigen::Index best = 0;
    for (Eigen::Index r = 1; r < m.rows(); ++r)
        if (m(r, col) > m(best, col)) best = r;
    return int(best);
}

// Weights per head (n x T, as the attention layer keeps them) -> steps x
// source float matrices for the heatmap, and their mean.
void exportWeights(const std::vector<Eigen::MatrixXd>& weights, std::vector<Matrix>& heads,
                   Matrix& mean) {
    heads.clear();
    Eigen::MatrixXd sum;
    for (const Eigen::MatrixXd& w : weights) {
        heads.push_back(w.transpose().cast<float>());
        if (sum.size() == 0)
            sum = w.transpose();
        else
            sum += w.transpose();
    }
    mean = (sum / double(std::max<std::size_t>(weights.size(), 1))).cast<float>();
}

}  // namespace

std::string validate(const Seq2SeqOptions& o) {
    if (o.hidden < 1 || o.hidden > limits::kMaxWidth)
        return "hidden must be from 1 to " + std::to_string(limits::kMaxWidth);
    if (o.embedding < 1 || o.embedding > limits::kMaxWidth)
        return "embedding must be from 1 to " + std::to_string(limits::kMaxWidth);
    if (o.heads < 1 || o.heads > limits::kMaxHeads)
        return "heads must be from 1 to " + std::to_string(limits::kMaxHeads);
    if (o.bidirectional && o.hidden % 2 != 0)
        return "hidden must be even for the bidirectional encoder (half each way)";
    if (o.hidden % o.heads != 0)
        return "heads (" + std::to_string(o.heads) + ") must divide hidden (" +
               std::to_string(o.hidden) + ")";
    if (o.scoring != Scoring::Dot && o.scoring != Scoring::ScaledDot &&
        o.scoring != Scoring::General && o.scoring != Scoring::Additive &&
        o.scoring != Scoring::Cosine)
        return "unknown scoring kind";
    if (o.normalization != Normalization::Softmax && o.normalization != Normalization::Sparsemax)
        return "normalization must be softmax or sparsemax to train (hard and topk have no "
               "useful gradient)";
    if (!(o.temperature > 0.0) || !std::isfinite(o.temperature))
        return "temperature must be a finite number > 0";
    if (o.epochs < 1 || o.epochs > 1000000) return "epochs must be from 1 to 1000000";
    if (!(o.learningRate > 0.0) || !std::isfinite(o.learningRate))
        return "learning rate must be a finite number > 0";
    if (!(o.beta1 >= 0.0 && o.beta1 < 1.0) || !(o.beta2 >= 0.0 && o.beta2 < 1.0))
        return "Adam's beta1 and beta2 must be in [0, 1)";
    if (!(o.epsilon > 0.0) || !std::isfinite(o.epsilon))
        return "Adam's epsilon must be a finite number > 0";
    if (!(o.clipNorm >= 0.0) || !std::isfinite(o.clipNorm))
        return "clip norm must be a finite number >= 0";
    if (o.batchSize < 1) return "batch size must be >= 1";
    return {};
}

Eigen::Index Seq2SeqModel::addBlock(const std::string& name, Eigen::Index rows, Eigen::Index cols) {
    const Eigen::Index offset = blocks_.empty() ? 0 : blocks_.back().offset + blocks_.back().size();
    blocks_.push_back({name, offset, rows, cols});
    return offset;
}

std::string Seq2SeqModel::initialize(const Corpus& corpus, const Seq2SeqOptions& options) {
    if (std::string err = validate(options); !err.empty()) return err;
    if (corpus.pairs.empty()) return corpus.name + ": the corpus has no pairs";
    Vocabulary source, target;
    for (const SentencePair& p : corpus.pairs) {
        if (p.source.empty() || p.target.empty())
            return corpus.name + ":" + std::to_string(p.line) +
                   ": a pair needs at least one source and one target token";
        for (const std::string& t : p.source) source.add(t);
        for (const std::string& t : p.target) target.add(t);
    }
    return initialize(source, target, options);
}

std::string Seq2SeqModel::initialize(const Vocabulary& source, const Vocabulary& target,
                                     const Seq2SeqOptions& options) {
    if (std::string err = validate(options); !err.empty()) return err;
    options_ = options;
    sourceVocabulary_ = source;
    targetVocabulary_ = target;
    const int E = options.embedding;
    const int d = options.hidden;
    const int Vs = source.size();
    const int Vt = target.size();
    const int encoderWidth = options.bidirectional ? d / 2 : d;
    encoder_ = GruCell(E, encoderWidth);
    encoderBackward_ = options.bidirectional ? GruCell(E, encoderWidth) : GruCell();
    decoder_ = GruCell(E, d);
    attention_ = AttentionLayer(options.scoring, options.normalization, d, options.heads,
                                options.temperature);
    const int dh = attention_.headWidth();
    const int da = attention_.additiveWidth();

    blocks_.clear();
    sourceEmbeddingOffset_ = addBlock("source_embedding", E, Vs);
    targetEmbeddingOffset_ = addBlock("target_embedding", E, Vt);
    auto addGru = [&](const std::string& name, const GruCell& cell) {
        const Eigen::Index h = cell.hiddenSize();
        const Eigen::Index offset = addBlock(name + ".W", 3 * h, E);
        addBlock(name + ".U", 3 * h, h);
        addBlock(name + ".b", 3 * h, 1);
        return offset;
    };
    encoderOffset_ = addGru("encoder", encoder_);
    encoderBackwardOffset_ = options.bidirectional ? addGru("encoder_backward", encoderBackward_) : 0;
    decoderOffset_ = addGru("decoder", decoder_);
    attentionOffset_ = blocks_.back().offset + blocks_.back().size();
    for (int h = 0; h < options.heads; ++h) {
        const std::string head = "attention.head" + std::to_string(h) + ".";
        if (options.scoring == Scoring::General) addBlock(head + "W", dh, dh);
        if (options.scoring == Scoring::Additive) {
            addBlock(head + "Wq", da, dh);
            addBlock(head + "Wk", da, dh);
            addBlock(head + "v", da, 1);
        }
    }
    if (options.scoring == Scoring::Cosine) addBlock("attention.log_scale", 1, 1);  // 0: scale 1
    outputWOffset_ = addBlock("output.W", Vt, 2 * d);
    outputBOffset_ = addBlock("output.b", Vt, 1);
    parameters_.setZero(blocks_.back().offset + blocks_.back().size());

    // Drawn in a fixed order from one generator, so a seed is a model.
    std::mt19937_64 rng(options.seed);
    double* p = parameters_.data();
    fillUniform(p + sourceEmbeddingOffset_, Eigen::Index(E) * Vs, 0.5, rng);
    fillUniform(p + targetEmbeddingOffset_, Eigen::Index(E) * Vt, 0.5, rng);
    for (const auto& [cell, offset] :
         {std::pair{&encoder_, encoderOffset_}, std::pair{&encoderBackward_, encoderBackwardOffset_},
          std::pair{&decoder_, decoderOffset_}}) {
        const Eigen::Index h = cell->hiddenSize();
        if (h == 0) continue;
        fillUniform(p + offset + cell->offsetW(), 3 * h * E, glorot(E, h), rng);
        fillUniform(p + offset + cell->offsetU(), 3 * h * h, glorot(h, h), rng);
        // Biases stay 0.
    }
    for (int h = 0; h < options.heads; ++h) {
        if (options.scoring == Scoring::General) {
            // Identity, the documented default: training starts from dot-product
            // attention and learns how to depart from it.
            Map(p + attentionOffset_ + attention_.offsetW(h), dh, dh).setIdentity();
        }
        if (options.scoring == Scoring::Additive) {
            fillUniform(p + attentionOffset_ + attention_.offsetWq(h), Eigen::Index(da) * dh,
                        glorot(dh, da), rng);
            fillUniform(p + attentionOffset_ + attention_.offsetWk(h), Eigen::Index(da) * dh,
                        glorot(dh, da), rng);
            fillUniform(p + attentionOffset_ + attention_.offsetV(h), da, glorot(da, 1), rng);
        }
    }
    // Cosine's log-scale starts at 0: plain cosine (docs/math.md) with T as given.
    fillUniform(p + outputWOffset_, Eigen::Index(Vt) * 2 * d, glorot(2 * d, Vt), rng);
    return {};
}

EncodedPair Seq2SeqModel::encode(const SentencePair& pair) const {
    return {sourceVocabulary_.encode(pair.source), targetVocabulary_.encode(pair.target)};
}

double Seq2SeqModel::forward(const EncodedPair& pair, Seq2SeqWorkspace& ws) const {
    const int E = options_.embedding;
    const int d = options_.hidden;
    const Eigen::Index n = Eigen::Index(pair.source.size());
    const Eigen::Index T = Eigen::Index(pair.target.size()) + 1;
    const double* p = parameters_.data();
    ws.pair = pair;
    ws.decoderInput.assign(1, Vocabulary::kBos);
    ws.decoderInput.insert(ws.decoderInput.end(), pair.target.begin(), pair.target.end());
    ws.expected = pair.target;
    ws.expected.push_back(Vocabulary::kEos);

    const ConstMap sourceEmbedding(p + sourceEmbeddingOffset_, E, sourceVocabulary_.size());
    const ConstMap targetEmbedding(p + targetEmbeddingOffset_, E, targetVocabulary_.size());
    ws.sourceEmbedded.resize(E, n);
    for (Eigen::Index j = 0; j < n; ++j)
        ws.sourceEmbedded.col(j) = sourceEmbedding.col(pair.source[std::size_t(j)]);
    ws.targetEmbedded.resize(E, T);
    for (Eigen::Index t = 0; t < T; ++t)
        ws.targetEmbedded.col(t) = targetEmbedding.col(ws.decoderInput[std::size_t(t)]);

    encodeSource(p, ws.sourceEmbedded, ws.encoderStates, ws.decoderInitial, ws);
    decoder_.forward(p + decoderOffset_, ws.targetEmbedded, ws.decoderInitial, ws.decoderStates,
                     ws.decoderCache);
    // No input feeding (Luong et al. 2015, sec. 3.3), so all of the decoder's
    // states are known before attention and it runs on all steps at once.
    attention_.forward(p + attentionOffset_, ws.decoderStates, ws.encoderStates, ws.context,
                       ws.attentionCache);

    ws.features.resize(2 * d, T);
    ws.features.topRows(d) = ws.decoderStates;
    ws.features.bottomRows(d) = ws.context;
    const int Vt = targetVocabulary_.size();
    const ConstMap Wout(p + outputWOffset_, Vt, 2 * d);
    const ConstVecMap bout(p + outputBOffset_, Vt);
    ws.probabilities.noalias() = Wout * ws.features;
    ws.probabilities.colwise() += bout;
    double loss = 0.0;
    for (Eigen::Index t = 0; t < T; ++t) {
        auto col = ws.probabilities.col(t);
        const double m = col.maxCoeff();
        const double logSum = std::log((col.array() - m).exp().sum());
        // -log softmax(l)_y = log sum exp(l - m) + m - l_y, stable for any l.
        loss += logSum + m - col(ws.expected[std::size_t(t)]);
        col = (col.array() - m - logSum).exp().matrix();
    }
    return loss / double(T);
}

void Seq2SeqModel::backward(Seq2SeqWorkspace& ws, double* gradient) const {
    const int E = options_.embedding;
    const int d = options_.hidden;
    const int Vt = targetVocabulary_.size();
    const Eigen::Index n = ws.sourceEmbedded.cols();
    const Eigen::Index T = ws.targetEmbedded.cols();
    const double* p = parameters_.data();

    // d(mean cross-entropy)/dlogits = (P - onehot(y)) / T.
    ws.dLogits = ws.probabilities;
    for (Eigen::Index t = 0; t < T; ++t) ws.dLogits(ws.expected[std::size_t(t)], t) -= 1.0;
    ws.dLogits /= double(T);

    const ConstMap Wout(p + outputWOffset_, Vt, 2 * d);
    Map(gradient + outputWOffset_, Vt, 2 * d).noalias() += ws.dLogits * ws.features.transpose();
    VecMap(gradient + outputBOffset_, Vt) += ws.dLogits.rowwise().sum();
    ws.dFeatures.noalias() = Wout.transpose() * ws.dLogits;

    attention_.backward(p + attentionOffset_, ws.attentionCache, ws.dFeatures.bottomRows(d),
                        gradient + attentionOffset_, ws.dQueries, ws.dKeys);
    ws.dDecoder = ws.dFeatures.topRows(d) + ws.dQueries;
    decoder_.backward(p + decoderOffset_, ws.decoderCache, ws.dDecoder, gradient + decoderOffset_,
                      ws.dTarget, ws.dDecoderInitial);
    ws.dEncoder = ws.dKeys;
    encodeSourceBackward(p, ws, gradient);

    Map sourceEmbedding(gradient + sourceEmbeddingOffset_, E, sourceVocabulary_.size());
    Map targetEmbedding(gradient + targetEmbeddingOffset_, E, Vt);
    for (Eigen::Index j = 0; j < n; ++j)
        sourceEmbedding.col(ws.pair.source[std::size_t(j)]) += ws.dSource.col(j);
    for (Eigen::Index t = 0; t < T; ++t)
        targetEmbedding.col(ws.decoderInput[std::size_t(t)]) += ws.dTarget.col(t);
}

void Seq2SeqModel::encodeSource(const double* p, const Eigen::MatrixXd& embedded,
                                Eigen::MatrixXd& states, Eigen::VectorXd& initial,
                                Seq2SeqWorkspace& ws) const {
    const Eigen::Index n = embedded.cols();
    const int d = options_.hidden;
    if (!options_.bidirectional) {
        encoder_.forward(p + encoderOffset_, embedded, Eigen::VectorXd::Zero(d), states,
                         ws.encoderCache);
        // s_0 = h_n: the decoder starts from the encoder's summary of the source.
        initial = n > 0 ? Eigen::VectorXd(states.col(n - 1)) : Eigen::VectorXd::Zero(d);
        return;
    }
    const int half = d / 2;
    Eigen::MatrixXd forwardStates;
    encoder_.forward(p + encoderOffset_, embedded, Eigen::VectorXd::Zero(half), forwardStates,
                     ws.encoderCache);
    encoderBackward_.forward(p + encoderBackwardOffset_, embedded.rowwise().reverse(),
                             Eigen::VectorXd::Zero(half), ws.reversedStates,
                             ws.encoderBackwardCache);
    states.resize(d, n);
    states.topRows(half) = forwardStates;
    states.bottomRows(half) = ws.reversedStates.rowwise().reverse();
    // s_0 = [forward h_n; backward h_1]: each direction's summary of the
    // whole source.
    initial.setZero(d);
    if (n > 0) {
        initial.head(half) = forwardStates.col(n - 1);
        initial.tail(half) = ws.reversedStates.col(n - 1);
    }
}

void Seq2SeqModel::encodeSourceBackward(const double* p, Seq2SeqWorkspace& ws,
                                        double* gradient) const {
    const Eigen::Index n = ws.dEncoder.cols();
    const int d = options_.hidden;
    if (!options_.bidirectional) {
        if (n > 0) ws.dEncoder.col(n - 1) += ws.dDecoderInitial;
        encoder_.backward(p + encoderOffset_, ws.encoderCache, ws.dEncoder,
                          gradient + encoderOffset_, ws.dSource, ws.dEncoderInitial);
        return;
    }
    const int half = d / 2;
    if (n > 0) {
        ws.dEncoder.col(n - 1).head(half) += ws.dDecoderInitial.head(half);
        ws.dEncoder.col(0).tail(half) += ws.dDecoderInitial.tail(half);
    }
    Eigen::MatrixXd dReversed = ws.dEncoder.bottomRows(half).rowwise().reverse();
    Eigen::MatrixXd dBackwardInputs;
    encoderBackward_.backward(p + encoderBackwardOffset_, ws.encoderBackwardCache, dReversed,
                              gradient + encoderBackwardOffset_, dBackwardInputs,
                              ws.dEncoderInitial);
    encoder_.backward(p + encoderOffset_, ws.encoderCache, ws.dEncoder.topRows(half),
                      gradient + encoderOffset_, ws.dSource, ws.dEncoderInitial);
    ws.dSource += dBackwardInputs.rowwise().reverse();
}

PairAttention Seq2SeqModel::teacherForcedAttention(const SentencePair& pair) const {
    PairAttention out;
    out.sourceTokens = pair.source;
    out.targetTokens = pair.target;
    out.targetTokens.push_back(Vocabulary::kEosToken);
    if (pair.source.empty() || parameters_.size() == 0) return out;
    Seq2SeqWorkspace ws;
    out.loss = forward(encode(pair), ws);
    for (Eigen::Index t = 0; t < ws.probabilities.cols(); ++t)
        out.predictedTokens.push_back(targetVocabulary_.token(argmaxColumn(ws.probabilities, t)));
    exportWeights(ws.attentionCache.weights, out.heads, out.mean);
    out.decoderStates = ws.decoderStates.transpose().cast<float>();
    out.encoderStates = ws.encoderStates.transpose().cast<float>();
    return out;
}

Translation Seq2SeqModel::translate(const std::vector<std::string>& source) const {
    Translation out;
    out.sourceTokens = source;
    if (source.empty() || parameters_.size() == 0) return out;
    const int E = options_.embedding;
    const int d = options_.hidden;
    const int Vt = targetVocabulary_.size();
    const double* p = parameters_.data();
    const std::vector<int> ids = sourceVocabulary_.encode(source);
    const Eigen::Index n = Eigen::Index(ids.size());

    const ConstMap sourceEmbedding(p + sourceEmbeddingOffset_, E, sourceVocabulary_.size());
    const ConstMap targetEmbedding(p + targetEmbeddingOffset_, E, Vt);
    Eigen::MatrixXd embedded(E, n), keys;
    for (Eigen::Index j = 0; j < n; ++j) embedded.col(j) = sourceEmbedding.col(ids[std::size_t(j)]);
    Seq2SeqWorkspace ws;
    Eigen::VectorXd state;
    encodeSource(p, embedded, keys, state, ws);

    const ConstMap Wout(p + outputWOffset_, Vt, 2 * d);
    const ConstVecMap bout(p + outputBOffset_, Vt);
    const Eigen::Index maxSteps = 2 * n + 5;
    std::vector<Eigen::MatrixXd> weights(std::size_t(options_.heads), Eigen::MatrixXd(n, maxSteps));
    Eigen::VectorXd next, features(2 * d), logits(Vt);
    Eigen::MatrixXd context;
    AttentionLayerCache cache;
    int previous = Vocabulary::kBos;
    Eigen::Index steps = 0;
    while (steps < maxSteps) {
        decoder_.step(p + decoderOffset_, targetEmbedding.col(previous), state, next);
        state.swap(next);
        attention_.forward(p + attentionOffset_, state, keys, context, cache);
        for (std::size_t h = 0; h < weights.size(); ++h) weights[h].col(steps) = cache.weights[h].col(0);
        ++steps;
        features.head(d) = state;
        features.tail(d) = context.col(0);
        logits.noalias() = Wout * features;
        logits += bout;
        Eigen::Index best = 0;
        for (Eigen::Index v = 1; v < Vt; ++v)
            if (logits(v) > logits(best)) best = v;
        if (best == Vocabulary::kEos) {
            out.finished = true;
            break;
        }
        out.tokens.push_back(targetVocabulary_.token(int(best)));
        previous = int(best);
    }
    for (Eigen::MatrixXd& w : weights) w.conservativeResize(n, steps);
    exportWeights(weights, out.heads, out.mean);
    return out;
}

Scene sceneFromPair(const Seq2SeqModel& model, const SentencePair& pair) {
    const PairAttention attention = model.teacherForcedAttention(pair);
    Scene scene;
    scene.title = join(pair.source) + " \u2192 " + join(pair.target);
    scene.queryTokens = attention.targetTokens;
    scene.keyTokens = attention.sourceTokens;
    scene.queries = attention.decoderStates;
    scene.keys = attention.encoderStates;
    scene.heads = model.options().heads;
    scene.scoring = model.options().scoring;
    scene.headParams = model.attention().sceneHeadParams(model.attentionParameters());
    scene.normalization = model.options().normalization;
    scene.temperature = float(model.attention().effectiveTemperature(model.attentionParameters()));
    return scene;
}

Evaluation evaluate(const Seq2SeqModel& model, const Corpus& corpus) {
    Evaluation e;
    Seq2SeqWorkspace ws;
    double lossSum = 0.0;
    long long steps = 0, matched = 0, exact = 0, pairs = 0;
    AlignmentCounts counts;
    std::vector<Matrix> heads;
    Matrix mean;
    for (const SentencePair& pair : corpus.pairs) {
        if (pair.source.empty()) continue;
        ++pairs;
        const EncodedPair encoded = model.encode(pair);
        const Eigen::Index T = Eigen::Index(encoded.target.size()) + 1;
        lossSum += model.forward(encoded, ws) * double(T);
        steps += T;
        for (Eigen::Index t = 0; t < T; ++t)
            matched += argmaxColumn(ws.probabilities, t) == ws.expected[std::size_t(t)];
        if (pair.hasGold) {
            exportWeights(ws.attentionCache.weights, heads, mean);
            counts += alignmentCounts(argmaxAlignment(mean, int(pair.target.size())), pair.gold);
            ++e.pairsWithGold;
        }
        const Translation translation = model.translate(pair.source);
        exact += translation.finished && exactMatch(translation.tokens, pair.target);
    }
    e.loss = steps > 0 ? lossSum / double(steps) : 0.0;
    e.tokenAccuracy = tokenAccuracy(matched, steps);
    e.exactMatch = pairs > 0 ? double(exact) / double(pairs) : 0.0;
    e.aer = counts.aer();
    return e;
}

std::string Seq2SeqTrainer::start(const Corpus& corpus, const Seq2SeqOptions& options) {
    epoch_ = 0;
    seconds_ = 0.0;
    adamSteps_ = 0;
    history_.clear();
    encoded_.clear();
    if (std::string err = model_.initialize(corpus, options); !err.empty()) return err;
    corpus_ = corpus;
    for (const SentencePair& pair : corpus_.pairs) encoded_.push_back(model_.encode(pair));
    const Eigen::Index size = model_.parameters().size();
    gradient_.setZero(size);
    firstMoment_.setZero(size);
    secondMoment_.setZero(size);
    // A stream of its own (golden-ratio offset), so the visiting order does
    // not repeat the draws of the initialisation.
    rng_.seed(options.seed + 0x9E3779B97F4A7C15ull);
    order_.resize(encoded_.size());
    std::iota(order_.begin(), order_.end(), 0);
    return {};
}

void Seq2SeqTrainer::adamStep(double scale) {
    const Seq2SeqOptions& o = model_.options();
    gradient_ *= scale;
    const double norm = gradient_.norm();
    // A non-finite gradient would poison both moments for good: skip it.
    if (!std::isfinite(norm)) return;
    if (o.clipNorm > 0.0 && norm > o.clipNorm) gradient_ *= o.clipNorm / norm;
    ++adamSteps_;
    // Kingma & Ba 2015, Algorithm 1.
    firstMoment_ = o.beta1 * firstMoment_ + (1.0 - o.beta1) * gradient_;
    secondMoment_ = o.beta2 * secondMoment_ + (1.0 - o.beta2) * gradient_.cwiseAbs2();
    const double c1 = 1.0 - std::pow(o.beta1, double(adamSteps_));
    const double c2 = 1.0 - std::pow(o.beta2, double(adamSteps_));
    model_.parameters().array() -=
        o.learningRate * (firstMoment_.array() / c1) /
        ((secondMoment_.array() / c2).sqrt() + o.epsilon);
}

bool Seq2SeqTrainer::runEpoch(EpochStats& stats, const std::atomic<bool>* cancel) {
    if (finished() || encoded_.empty()) return false;
    const auto begin = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    };
    const Seq2SeqOptions& o = model_.options();
    if (o.shuffle)  // Fisher-Yates with the raw generator (portable, unlike std::shuffle)
        for (std::size_t i = order_.size() - 1; i > 0; --i)
            std::swap(order_[i], order_[std::size_t(rng_() % (i + 1))]);
    gradient_.setZero();
    int inBatch = 0;
    double lossSum = 0.0;
    long long steps = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            seconds_ += elapsed();
            return false;
        }
        const EncodedPair& pair = encoded_[std::size_t(order_[i])];
        const double T = double(pair.target.size() + 1);
        lossSum += model_.forward(pair, workspace_) * T;
        steps += (long long)T;
        model_.backward(workspace_, gradient_.data());
        if (++inBatch == o.batchSize || i + 1 == order_.size()) {
            adamStep(1.0 / inBatch);
            gradient_.setZero();
            inBatch = 0;
        }
    }
    ++epoch_;
    const Evaluation e = evaluate(model_, corpus_);
    const double took = elapsed();
    seconds_ += took;
    stats.epoch = epoch_;
    stats.loss = e.loss;
    stats.trainLoss = steps > 0 ? lossSum / double(steps) : 0.0;
    stats.tokenAccuracy = e.tokenAccuracy;
    stats.exactMatch = e.exactMatch;
    stats.aer = e.aer;
    stats.pairsWithGold = e.pairsWithGold;
    stats.seconds = seconds_;
    stats.epochSeconds = took;
    history_.push_back(stats);
    return true;
}

TrainSummary train(const Corpus& corpus, const Seq2SeqOptions& options,
                   const std::function<bool(const EpochStats&, const Seq2SeqModel&)>& callback,
                   const std::atomic<bool>* cancel, Seq2SeqModel* trained) {
    TrainSummary summary;
    Seq2SeqTrainer trainer;
    summary.message = trainer.start(corpus, options);
    if (!summary.message.empty()) return summary;
    summary.ok = true;
    while (!trainer.finished()) {
        EpochStats stats;
        if (!trainer.runEpoch(stats, cancel)) {
            summary.cancelled = true;
            break;
        }
        summary.epochs.push_back(stats);
        if (callback && !callback(stats, trainer.model())) break;
    }
    if (trained != nullptr) *trained = trainer.model();
    return summary;
}

}  // namespace ap
