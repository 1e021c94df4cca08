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

// Sets aside round(fraction * pairs) pairs, at least 1 when fraction > 0 and
// at most pairs - 1, chosen by a Fisher-Yates shuffle with std::mt19937_64
// seeded with `seed` (the same split on every build). fraction in [0, 1).
HoldoutSplit splitHoldout(const Corpus& corpus, double fraction, std::uint64_t seed);

}  // namespace ap
