// Preparing a corpus for held-out evaluation: folding case and setting
// aside a seeded random fraction of the pairs.
#pragma once

#include "translation/corpus.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ap {

// Lower case of UTF-8 text for the scripts of the shipped corpora: ASCII,
// Latin-1 (À-Þ except ×), Latin Extended-A (the even/odd case pairs, Ÿ),
// Greek and Cyrillic capitals. Other characters (CJK has no case) and bytes
// that are not valid UTF-8 are kept as they are.
std::string lowercase(const std::string& text);
// Every token of both sides.
void lowercase(Corpus& corpus);

struct HoldoutSplit {
    Corpus train, heldOut;
    std::vector<int> heldOutIndices;  // into the original pairs, ascending
};

// Sets aside about round(fraction * pairs) pairs, by distinct source
// sentence: every pair of a chosen source sentence is held out, so no
// held-out source sentence is ever trained on (generated corpora repeat
// sentences, and a split by pair kept most held-out sentences in training).
// The sentences are shuffled (Fisher-Yates with Random (core/random.h) seeded
// with `seed`: the same split on every build) and taken in turn until the
// held-out part has at least that many pairs; at least one sentence is held
// out when fraction > 0 and at least one kept. fraction in [0, 1).
HoldoutSplit splitHoldout(const Corpus& corpus, double fraction, std::uint64_t seed);

// The share of `heldOut`'s pairs whose source sentence never occurs in
// `train`: 1 for a split of splitHoldout(), anything for an --eval file.
double unseenSourceShare(const Corpus& train, const Corpus& heldOut);

}  // namespace ap
