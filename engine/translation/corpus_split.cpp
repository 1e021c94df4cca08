#include "translation/corpus_split.h"

#include "translation/aligner.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace ap {

// One case folding for the whole engine: the aligner's (Latin, Greek,
// Cyrillic), so that training and aligning fold a corpus alike.
std::string lowercase(const std::string& text) { return foldCase(text); }

void lowercase(Corpus& corpus) {
    for (SentencePair& p : corpus.pairs) {
        for (std::string& t : p.source) t = lowercase(t);
        for (std::string& t : p.target) t = lowercase(t);
    }
}

HoldoutSplit splitHoldout(const Corpus& corpus, double fraction, std::uint64_t seed) {
    HoldoutSplit split;
    split.train.name = corpus.name;
    split.heldOut.name = corpus.name;
    const int n = int(corpus.pairs.size());
    int count = 0;
    if (fraction > 0.0 && n > 1) count = std::clamp(int(std::lround(fraction * n)), 1, n - 1);
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed);
    for (int i = n - 1; i > 0; --i)  // Fisher-Yates with the raw generator (portable)
        std::swap(order[std::size_t(i)], order[std::size_t(rng() % std::uint64_t(i + 1))]);
    split.heldOutIndices.assign(order.begin(), order.begin() + count);
    std::sort(split.heldOutIndices.begin(), split.heldOutIndices.end());
    std::vector<bool> held(std::size_t(n), false);
    for (int i : split.heldOutIndices) held[std::size_t(i)] = true;
    for (int i = 0; i < n; ++i)
        (held[std::size_t(i)] ? split.heldOut : split.train).pairs.push_back(corpus.pairs[std::size_t(i)]);
    return split;
}

}  // namespace ap
