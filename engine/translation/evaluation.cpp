#include "translation/evaluation.h"

#include "translation/decoding.h"
#include "translation/metrics.h"

namespace ap {

Evaluation evaluate(const Seq2SeqModel& model, const Corpus& corpus) {
    Evaluation e;
    Seq2SeqWorkspace ws;
    double lossSum = 0.0;
    long long steps = 0, matched = 0, exact = 0, pairs = 0;
    AlignmentCounts counts;
    BleuCounts bleu;
    std::vector<Matrix> heads;
    Matrix mean;
    for (const SentencePair& pair : corpus.pairs) {
        if (pair.source.empty()) continue;
        ++pairs;
        const EncodedPair encoded = model.encode(pair);
        const Eigen::Index T = Eigen::Index(encoded.target.size()) + 1;
        model.forward(encoded, ws);
        lossSum += ws.crossEntropy * double(T);
        steps += T;
        for (Eigen::Index t = 0; t < T; ++t) matched += argmaxToken(ws.probabilities, t) == ws.expected[std::size_t(t)];
        if (pair.hasGold) {
            attentionMatrices(ws.attentionCache.weights, heads, mean);
            counts += alignmentCounts(argmaxAlignment(mean, int(pair.target.size())), pair.gold);
            ++e.pairsWithGold;
        }
        const Translation translation = model.translate(pair.source);
        bleu += bleuCounts(translation.tokens, pair.target);
        exact += translation.finished && exactMatch(translation.tokens, pair.target);
    }
    e.loss = steps > 0 ? lossSum / double(steps) : 0.0;
    e.tokenAccuracy = tokenAccuracy(matched, steps);
    e.exactMatch = pairs > 0 ? double(exact) / double(pairs) : 0.0;
    e.aer = counts.aer();
    e.bleu = bleu.bleu();
    return e;
}

}  // namespace ap
