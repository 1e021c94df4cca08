// Parallel corpora for the translation playground: one pair a line,
// tab-separated source and target, optionally a gold word alignment in
// Pharaoh format ("0-0 1-1 2?3": 0-based source-target links, '?' marks a
// possible link). Pure C++, no Qt.
#pragma once

#include "core/limits.h"
#include "core/status.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ap {

struct AlignmentLink {
    int source = 0;
    int target = 0;
    bool sure = true;  // false for a possible link ('?')
    bool operator==(const AlignmentLink&) const = default;
};

struct SentencePair {
    int line = 0;  // 1-based line in the file
    std::vector<std::string> source;
    std::vector<std::string> target;
    std::vector<AlignmentLink> gold;  // empty when the line has none
    bool hasGold = false;
};

struct Corpus {
    std::string name;  // the file name without directory and extension: "fr-en"
    std::vector<SentencePair> pairs;
};

// On failure, `error` is "fr-en.tsv:12: alignment link 3-0 is out of range
// (source has 3 tokens, target has 4)"; errors that concern the whole file
// have no line number: "fr-en.tsv: contains no sentence pairs".
using CorpusReadResult = Result<Corpus>;

// Splits on white space (ASCII and Unicode, e.g. U+3000 ideographic space);
// a run of CJK characters written without spaces (Han, Hiragana, Katakana)
// is split into single characters, while runs of anything else (Latin words,
// digits) stay whole: "我有2个" -> 我 有 2 个. Expects UTF-8; bytes that are
// not valid UTF-8 stay inside their token.
std::vector<std::string> tokenize(std::string_view text);

// Format, line by line:
//   - lines starting with '#' and blank lines (spaces and tabs only) are
//     ignored; a UTF-8 byte order mark at the start and CRLF line ends are
//     accepted;
//   - every other line is  SOURCE TAB TARGET [TAB ALIGNMENT], both sides
//     non-empty, at most limits::corpus::kMaxTokensPerSide tokens each and
//     kMaxTokenBytes bytes a token;
//   - ALIGNMENT is space-separated links "s-t" (sure) or "s?t" (possible),
//     0-based token indices within the sides' lengths, each source-target
//     pair at most once; when its tab is there it must hold a link (a pair
//     without gold alignment leaves out the second tab).
// The whole text must be valid UTF-8 without control characters other than
// TAB, hold at least one pair and at most kMaxPairs, and be at most
// kMaxFileBytes long.
//
// The whole file is refused at its first bad line (one message naming the
// file and the line): a corpus with silently dropped pairs would give
// misleading accuracy and AER figures.
CorpusReadResult parseCorpus(std::string_view text, const std::string& fileName);
// Messages name the file by `path` as given.
CorpusReadResult readCorpusFile(const std::string& path);

}  // namespace ap
