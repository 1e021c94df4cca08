#include "translation/decoding.h"

#include "core/eigen_maps.h"

#include <algorithm>

namespace ap {
namespace {

std::string join(const std::vector<std::string>& tokens) {
    std::string out;
    for (const std::string& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

}  // namespace

int argmaxToken(const Eigen::MatrixXd& m, Eigen::Index col) {
    Eigen::Index best = 0;
    for (Eigen::Index r = 1; r < m.rows(); ++r)
        if (m(r, col) > m(best, col)) best = r;
    return int(best);
}

void attentionMatrices(const std::vector<Eigen::MatrixXd>& weights, std::vector<Matrix>& heads, Matrix& mean) {
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

PairAttention Seq2SeqModel::teacherForcedAttention(const SentencePair& pair) const {
    PairAttention out;
    out.sourceTokens = pair.source;
    out.targetTokens = pair.target;
    out.targetTokens.push_back(Vocabulary::kEosToken);
    if (pair.source.empty() || parameters_.size() == 0) return out;
    Seq2SeqWorkspace ws;
    out.loss = forward(encode(pair), ws);
    for (Eigen::Index t = 0; t < ws.probabilities.cols(); ++t)
        out.predictedTokens.push_back(targetVocabulary_.token(argmaxToken(ws.probabilities, t)));
    attentionMatrices(ws.attentionCache.weights, out.heads, out.mean);
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
    attentionMatrices(weights, out.heads, out.mean);
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

}  // namespace ap
