#include "translation/corpus_split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace ap {
namespace {

char32_t lowerCodePoint(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A pairs capitals with the next code point, except
        // in the runs 0x139-0x148 and 0x179-0x17E that start on odd ones.
        const bool oddRun = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
        if (c == 0x178) return 0xFF;
        if (oddRun ? (c % 2 == 1) : (c % 2 == 0)) return c + 1;
        return c;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
    if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::string lowercase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char b = static_cast<unsigned char>(text[i]);
        int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + std::size_t(length) > text.size()) {
            out += text[i++];
            continue;
        }
        char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            const unsigned char cb = static_cast<unsigned char>(text[i + std::size_t(k)]);
            if ((cb & 0xC0) != 0x80) valid = false;
            c = (c << 6) | (cb & 0x3F);
        }
        if (!valid) {
            out += text[i++];
            continue;
        }
        const char32_t lower = lowerCodePoint(c);
        if (lower == c)
            out.append(text, i, std::size_t(length));  // keep the bytes as they were
        else
            appendUtf8(out, lower);
        i += std::size_t(length);
    }
    return out;
}

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
    if (fraction > 0.0 && n > 1)
        count = std::clamp(int(std::lround(fraction * n)), 1, n - 1);
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
