#include "translation/corpus_split.h"

#include "core/random.h"
#include "translation/aligner.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

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

namespace {
std::string sentenceKey(const std::vector<std::string>& tokens) {
    std::string key;
    for (const std::string& t : tokens) {
        key += t;
        key += '\0';  // tokens never hold NUL, so the key is unambiguous
    }
    return key;
}
}  // namespace

HoldoutSplit splitHoldout(const Corpus& corpus, double fraction, std::uint64_t seed) {
    HoldoutSplit split;
    split.train.name = corpus.name;
    split.heldOut.name = corpus.name;
    const int n = int(corpus.pairs.size());
    // The pairs of each distinct source sentence, in order of first appearance.
    std::unordered_map<std::string, int> groupOf;
    std::vector<std::vector<int>> groups;
    for (int i = 0; i < n; ++i) {
        const auto [it, added] = groupOf.emplace(sentenceKey(corpus.pairs[std::size_t(i)].source), int(groups.size()));
        if (added) groups.emplace_back();
        groups[std::size_t(it->second)].push_back(i);
    }
    const int sentences = int(groups.size());
    int want = 0;
    if (fraction > 0.0 && sentences > 1) want = std::max(1, int(std::lround(fraction * n)));
    std::vector<int> order(std::size_t(sentences), 0);
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    shuffle(order, random);
    for (int g = 0; g < sentences - 1 && int(split.heldOutIndices.size()) < want; ++g)
        for (int i : groups[std::size_t(order[std::size_t(g)])]) split.heldOutIndices.push_back(i);
    std::sort(split.heldOutIndices.begin(), split.heldOutIndices.end());
    std::vector<bool> held(std::size_t(n), false);
    for (int i : split.heldOutIndices) held[std::size_t(i)] = true;
    for (int i = 0; i < n; ++i)
        (held[std::size_t(i)] ? split.heldOut : split.train).pairs.push_back(corpus.pairs[std::size_t(i)]);
    return split;
}

double unseenSourceShare(const Corpus& train, const Corpus& heldOut) {
    if (heldOut.pairs.empty()) return 0.0;
    std::unordered_set<std::string> seen;
    for (const SentencePair& p : train.pairs) seen.insert(sentenceKey(p.source));
    int unseen = 0;
    for (const SentencePair& p : heldOut.pairs) unseen += seen.count(sentenceKey(p.source)) ? 0 : 1;
    return double(unseen) / double(heldOut.pairs.size());
}

}  // namespace ap
