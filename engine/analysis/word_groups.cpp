#include "analysis/word_groups.h"

#include <cstddef>

namespace ap::analysis {

WordGroups groupWords(const std::vector<bool>& continues, const std::vector<std::string>& pieces,
                      const std::string& mark) {
    WordGroups g;
    const std::size_t n = pieces.size();
    g.wordOf.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string piece = pieces[i];
        const bool joins = i > 0 && i < continues.size() && continues[i];
        if (!joins) {
            g.firstToken.push_back(int(i));
            g.labels.emplace_back();
        } else if (!mark.empty() && piece.compare(0, mark.size(), mark) == 0) {
            piece.erase(0, mark.size());
        }
        g.labels.back() += piece;
        g.wordOf[i] = g.words() - 1;
    }
    return g;
}

std::vector<float> wordAttention(const std::vector<float>& attention, int slices, int tokens,
                                 const WordGroups& groups) {
    const int words = groups.words();
    std::vector<float> out(std::size_t(slices) * words * words, 0.0f);
    std::vector<int> size(std::size_t(words), 0);
    for (int w : groups.wordOf) ++size[std::size_t(w)];
    for (int s = 0; s < slices; ++s) {
        const float* a = attention.data() + std::size_t(s) * tokens * tokens;
        float* o = out.data() + std::size_t(s) * words * words;
        for (int i = 0; i < tokens; ++i) {
            const int wi = groups.wordOf[std::size_t(i)];
            const float share = 1.0f / float(size[std::size_t(wi)]);
            float* row = o + std::size_t(wi) * words;
            for (int j = 0; j < tokens; ++j)
                row[groups.wordOf[std::size_t(j)]] += share * a[std::size_t(i) * tokens + j];
        }
    }
    return out;
}

}  // namespace ap::analysis
