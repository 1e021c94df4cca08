// Generated parallel corpora: sentence pairs drawn from small hand-written
// grammars (French, German and Chinese to English) with their exact gold
// word alignment. Each grammar shows the reorderings that make alignment
// interesting: French adjectives after the noun, gender agreement and
// ne ... pas; German verb-second, verb-final subordinate clauses and
// separable verbs; Chinese measure words, 了, time before the verb and
// characters as tokens. Their words cover the shipped corpora of the same
// languages, so a model trained on generated pairs also reads those.
// Pure C++, no Qt; deterministic per seed on every platform (the generator
// is SplitMix64 with plain modulo draws, not the standard distributions,
// whose output the C++ standard leaves to the library).
#pragma once

#include "core/status.h"
#include "translation/corpus.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ap {

enum class GrammarKind { FrEn, DeEn, ZhEn };

// "fr-en", "de-en", "zh-en".
const char* toString(GrammarKind g);
std::optional<GrammarKind> grammarFromString(std::string_view s);

struct GrammarOptions {
    GrammarKind grammar = GrammarKind::FrEn;
    // How many pairs, 1 to limits::corpus::kMaxPairs. Pairs may repeat: the
    // grammars are small, and a corpus that keeps the natural frequencies of
    // its sentences is what a held-out split should see.
    int pairs = 1000;
    std::uint64_t seed = 1;
};

// Whether the options are usable; if not, what is wrong.
Status validate(const GrammarOptions& options);

// Tokens, as the corpus reader will read them back (Chinese one character a
// token); gold links are sure, or possible ('?') where a word has no
// counterpart of its own (English do-support, an article with none in the
// source, French "ne", a measure word). A pair's `line` is its line in
// corpusToTsv's text. Fails with "cancelled" when `progress` stops it.
using GeneratedCorpus = Result<Corpus>;

// Called every few hundred pairs with (done, total); false cancels.
using GrammarProgress = std::function<bool(int done, int total)>;

GeneratedCorpus generateCorpus(const GrammarOptions& options, const GrammarProgress& progress = {});

// The corpus file: a comment header naming the grammar, the seed and the
// conventions, then SOURCE TAB TARGET TAB LINKS per pair. Chinese sources
// are written without spaces, as in the shipped zh-en corpus.
std::string corpusToTsv(const GeneratedCorpus& generated, const GrammarOptions& options);

}  // namespace ap
