// Case folding of UTF-8 words, so that "Le" and "le" count as one word in
// alignment and training corpora.
#pragma once

#include <string>
#include <string_view>

namespace ap {

// Lower-case UTF-8 text: ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic capitals; everything else (CJK, invalid bytes) is kept as is.
std::string foldCase(std::string_view text);

}  // namespace ap
