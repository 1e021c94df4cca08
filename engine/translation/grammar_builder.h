// What the three grammars share: the random draws and a sentence pair being
// built word by word with its links.
#pragma once

#include "core/random.h"
#include "translation/corpus.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ap::grammar {

// SplitMix64 (core/random.h) with plain modulo draws: the generated corpora
// are documented by their seed, so the draws stay as they were.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : generator_(seed) {}
    std::uint64_t next() { return generator_.next(); }
    // 0 .. n-1 (the modulo bias is below 2^-50 for the sizes used here).
    int below(int n) { return int(next() % std::uint64_t(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[std::size_t(below(int(v.size())))];
    }

private:
    SplitMix64 generator_;
};

// A pair under construction. Source "words" may be several tokens long
// (a Chinese word of several characters); finish() splits them the way
// the corpus reader will and copies every link to each of the pieces.
struct Sentence {
    std::vector<std::string> source, target;
    std::vector<AlignmentLink> links;

    int src(const std::string& w) {
        source.push_back(w);
        return int(source.size()) - 1;
    }
    int tgt(const std::string& w) {
        target.push_back(w);
        return int(target.size()) - 1;
    }
    void sure(int s, int t) { links.push_back({s, t, true}); }
    void possible(int s, int t) { links.push_back({s, t, false}); }
};

// Capitalises the first letter of each side (ASCII and Latin-1 lower-case
// letters), splits source words into tokens and sorts the links.
SentencePair finish(Sentence s);

// The generators: one pair each call.
Sentence frEn(Rng& rng);
Sentence deEn(Rng& rng);
Sentence zhEn(Rng& rng);

}  // namespace ap::grammar
