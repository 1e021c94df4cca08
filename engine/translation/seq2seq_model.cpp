#include "translation/seq2seq_model.h"

#include "core/eigen_maps.h"
#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ap {
namespace {

void fillUniform(double* p, Eigen::Index n, double bound, Random& random) {
    for (Eigen::Index i = 0; i < n; ++i) p[i] = random.symmetric(bound);
}

// Glorot & Bengio (2010): U(-a, a), a = sqrt(6 / (fan_in + fan_out)), keeps
// the variance of activations and gradients roughly constant across layers.
double glorot(Eigen::Index fanIn, Eigen::Index fanOut) { return std::sqrt(6.0 / double(fanIn + fanOut)); }

}  // namespace

Status validate(const Seq2SeqOptions& o) {
    if (o.hidden < 1 || o.hidden > limits::kMaxWidth)
        return Status::error("hidden must be from 1 to " + std::to_string(limits::kMaxWidth));
    if (o.embedding < 1 || o.embedding > limits::kMaxWidth)
        return Status::error("embedding must be from 1 to " + std::to_string(limits::kMaxWidth));
    if (o.heads < 1 || o.heads > limits::kMaxHeads)
        return Status::error("heads must be from 1 to " + std::to_string(limits::kMaxHeads));
    if (o.bidirectional && o.hidden % 2 != 0)
        return Status::error("hidden must be even for the bidirectional encoder (half each way)");
    if (o.hidden % o.heads != 0)
        return Status::error("heads (" + std::to_string(o.heads) + ") must divide hidden (" + std::to_string(o.hidden) +
                             ")");
    if (o.scoring != Scoring::Dot && o.scoring != Scoring::ScaledDot && o.scoring != Scoring::General &&
        o.scoring != Scoring::Additive && o.scoring != Scoring::Cosine)
        return Status::error("unknown scoring kind");
    if (o.normalization != Normalization::Softmax && o.normalization != Normalization::Sparsemax)
        return Status::error("normalization must be softmax or sparsemax to train (hard and topk have no "
                             "useful gradient)");
    if (!(o.temperature > 0.0) || !std::isfinite(o.temperature))
        return Status::error("temperature must be a finite number > 0");
    if (o.epochs < 0 || o.epochs > 1000000) return Status::error("epochs must be from 0 (automatic) to 1000000");
    if (Status adam = validate(o.adam); !adam.ok) return adam;
    if (!(o.guidedAlignment >= 0.0) || !std::isfinite(o.guidedAlignment))
        return Status::error("guided alignment weight must be a finite number >= 0");
    if (o.guidedAlignment > 0.0 && o.normalization != Normalization::Softmax)
        return Status::error("guided alignment needs softmax normalization (sparsemax weights are exactly 0 "
                             "where the guide may not be)");
    if (o.batchSize < 1) return Status::error("batch size must be >= 1");
    return Status::success();
}

int automaticEpochs(std::size_t pairs) {
    if (pairs == 0) return 1;
    const long long epochs = (kAutomaticUpdates + (long long)pairs - 1) / (long long)pairs;
    return int(std::clamp(epochs, 1LL, (long long)kMaxAutomaticEpochs));
}

int resolvedEpochs(const Seq2SeqOptions& options, std::size_t pairs) {
    return options.epochs > 0 ? options.epochs : automaticEpochs(pairs);
}

Eigen::Index Seq2SeqModel::addBlock(const std::string& name, Eigen::Index rows, Eigen::Index cols) {
    const Eigen::Index offset = blocks_.empty() ? 0 : blocks_.back().offset + blocks_.back().size();
    blocks_.push_back({name, offset, rows, cols});
    return offset;
}

Status Seq2SeqModel::initialize(const Corpus& corpus, const Seq2SeqOptions& options) {
    if (Status valid = validate(options); !valid.ok) return valid;
    if (corpus.pairs.empty()) return Status::error(corpus.name + ": the corpus has no pairs");
    Vocabulary source, target;
    for (const SentencePair& p : corpus.pairs) {
        if (p.source.empty() || p.target.empty())
            return Status::error(corpus.name + ":" + std::to_string(p.line) +
                                 ": a pair needs at least one source and one target token");
        for (const std::string& t : p.source) source.add(t);
        for (const std::string& t : p.target) target.add(t);
    }
    return initialize(source, target, options);
}

Status Seq2SeqModel::initialize(const Vocabulary& source, const Vocabulary& target, const Seq2SeqOptions& options) {
    if (Status valid = validate(options); !valid.ok) return valid;
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
    attention_ = AttentionLayer(options.scoring, options.normalization, d, options.heads, options.temperature);
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
    Random rng(options.seed);
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
            fillUniform(p + attentionOffset_ + attention_.offsetWq(h), Eigen::Index(da) * dh, glorot(dh, da), rng);
            fillUniform(p + attentionOffset_ + attention_.offsetWk(h), Eigen::Index(da) * dh, glorot(dh, da), rng);
            fillUniform(p + attentionOffset_ + attention_.offsetV(h), da, glorot(da, 1), rng);
        }
    }
    // Cosine's log-scale starts at 0: plain cosine (docs/math.md) with T as given.
    fillUniform(p + outputWOffset_, Eigen::Index(Vt) * 2 * d, glorot(2 * d, Vt), rng);
    return Status::success();
}

EncodedPair Seq2SeqModel::encode(const SentencePair& pair) const {
    return {sourceVocabulary_.encode(pair.source), targetVocabulary_.encode(pair.target), {}};
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
    for (Eigen::Index j = 0; j < n; ++j) ws.sourceEmbedded.col(j) = sourceEmbedding.col(pair.source[std::size_t(j)]);
    ws.targetEmbedded.resize(E, T);
    for (Eigen::Index t = 0; t < T; ++t)
        ws.targetEmbedded.col(t) = targetEmbedding.col(ws.decoderInput[std::size_t(t)]);

    encodeSource(p, ws.sourceEmbedded, ws.encoderStates, ws.decoderInitial, ws);
    decoder_.forward(p + decoderOffset_, ws.targetEmbedded, ws.decoderInitial, ws.decoderStates, ws.decoderCache);
    // No input feeding (Luong et al. 2015, sec. 3.3), so all of the decoder's
    // states are known before attention and it runs on all steps at once.
    attention_.forward(p + attentionOffset_, ws.decoderStates, ws.encoderStates, ws.context, ws.attentionCache);

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
    ws.crossEntropy = loss / double(T);
    ws.dWeights.clear();
    if (options_.guidedAlignment <= 0.0 || pair.guide.size() == 0) return ws.crossEntropy;

    // Guided alignment (Chen et al. 2016, eq. 5; Garg et al. 2019, eq. 3):
    // G = lambda / T * sum_t -sum_j g_jt log abar_jt with abar the mean of
    // the heads' weights, so dG/dW_h(j,t) = -lambda / (T H) g_jt / abar_jt.
    // The <eos> step and unaligned target words have no guide.
    const std::vector<Eigen::MatrixXd>& weights = ws.attentionCache.weights;
    const double H = double(weights.size());
    Eigen::MatrixXd mean = weights[0];
    for (std::size_t h = 1; h < weights.size(); ++h) mean += weights[h];
    mean /= H;
    // Softmax weights are positive but may underflow: the floor keeps the
    // log and its derivative finite.
    constexpr double kFloor = 1e-12;
    const double lambda = options_.guidedAlignment;
    Eigen::MatrixXd dMean = Eigen::MatrixXd::Zero(n, T);
    double guided = 0.0;
    const Eigen::Index guidedSteps = std::min<Eigen::Index>(pair.guide.cols(), T);
    for (Eigen::Index t = 0; t < guidedSteps; ++t)
        for (Eigen::Index j = 0; j < n; ++j) {
            const double g = pair.guide(j, t);
            if (g <= 0.0) continue;
            const double a = std::max(mean(j, t), kFloor);
            guided -= g * std::log(a);
            dMean(j, t) = -lambda / double(T) * g / a;
        }
    ws.dWeights.assign(weights.size(), dMean / H);
    return ws.crossEntropy + lambda * guided / double(T);
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
                        gradient + attentionOffset_, ws.dQueries, ws.dKeys,
                        ws.dWeights.empty() ? nullptr : &ws.dWeights);
    ws.dDecoder = ws.dFeatures.topRows(d) + ws.dQueries;
    decoder_.backward(p + decoderOffset_, ws.decoderCache, ws.dDecoder, gradient + decoderOffset_, ws.dTarget,
                      ws.dDecoderInitial);
    ws.dEncoder = ws.dKeys;
    encodeSourceBackward(p, ws, gradient);

    Map sourceEmbedding(gradient + sourceEmbeddingOffset_, E, sourceVocabulary_.size());
    Map targetEmbedding(gradient + targetEmbeddingOffset_, E, Vt);
    for (Eigen::Index j = 0; j < n; ++j) sourceEmbedding.col(ws.pair.source[std::size_t(j)]) += ws.dSource.col(j);
    for (Eigen::Index t = 0; t < T; ++t) targetEmbedding.col(ws.decoderInput[std::size_t(t)]) += ws.dTarget.col(t);
}

void Seq2SeqModel::encodeSource(const double* p, const Eigen::MatrixXd& embedded, Eigen::MatrixXd& states,
                                Eigen::VectorXd& initial, Seq2SeqWorkspace& ws) const {
    const Eigen::Index n = embedded.cols();
    const int d = options_.hidden;
    if (!options_.bidirectional) {
        encoder_.forward(p + encoderOffset_, embedded, Eigen::VectorXd::Zero(d), states, ws.encoderCache);
        // s_0 = h_n: the decoder starts from the encoder's summary of the source.
        initial =
            n > 0 && options_.initialStateFromEncoder ? Eigen::VectorXd(states.col(n - 1)) : Eigen::VectorXd::Zero(d);
        return;
    }
    const int half = d / 2;
    Eigen::MatrixXd forwardStates;
    encoder_.forward(p + encoderOffset_, embedded, Eigen::VectorXd::Zero(half), forwardStates, ws.encoderCache);
    encoderBackward_.forward(p + encoderBackwardOffset_, embedded.rowwise().reverse(), Eigen::VectorXd::Zero(half),
                             ws.reversedStates, ws.encoderBackwardCache);
    states.resize(d, n);
    states.topRows(half) = forwardStates;
    states.bottomRows(half) = ws.reversedStates.rowwise().reverse();
    // s_0 = [forward h_n; backward h_1]: each direction's summary of the
    // whole source (or 0, see Seq2SeqOptions::initialStateFromEncoder).
    initial.setZero(d);
    if (n > 0 && options_.initialStateFromEncoder) {
        initial.head(half) = forwardStates.col(n - 1);
        initial.tail(half) = ws.reversedStates.col(n - 1);
    }
}

void Seq2SeqModel::encodeSourceBackward(const double* p, Seq2SeqWorkspace& ws, double* gradient) const {
    const Eigen::Index n = ws.dEncoder.cols();
    const int d = options_.hidden;
    if (!options_.bidirectional) {
        if (n > 0 && options_.initialStateFromEncoder) ws.dEncoder.col(n - 1) += ws.dDecoderInitial;
        encoder_.backward(p + encoderOffset_, ws.encoderCache, ws.dEncoder, gradient + encoderOffset_, ws.dSource,
                          ws.dEncoderInitial);
        return;
    }
    const int half = d / 2;
    if (n > 0 && options_.initialStateFromEncoder) {
        ws.dEncoder.col(n - 1).head(half) += ws.dDecoderInitial.head(half);
        ws.dEncoder.col(0).tail(half) += ws.dDecoderInitial.tail(half);
    }
    Eigen::MatrixXd dReversed = ws.dEncoder.bottomRows(half).rowwise().reverse();
    Eigen::MatrixXd dBackwardInputs;
    encoderBackward_.backward(p + encoderBackwardOffset_, ws.encoderBackwardCache, dReversed,
                              gradient + encoderBackwardOffset_, dBackwardInputs, ws.dEncoderInitial);
    encoder_.backward(p + encoderOffset_, ws.encoderCache, ws.dEncoder.topRows(half), gradient + encoderOffset_,
                      ws.dSource, ws.dEncoderInitial);
    ws.dSource += dBackwardInputs.rowwise().reverse();
}

}  // namespace ap
