// The corpus reader on arbitrary bytes: it never crashes, and what it
// accepts keeps the format's promises (at least one pair, both sides
// non-empty and within the limits, gold links inside the sentences).
#include "translation/corpus.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ap::limits::corpus;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ap::CorpusReadResult read = ap::parseCorpus(text, "f.tsv");
    if (!read.ok) {
        require(read.error.starts_with("f.tsv"));
        require(read.value.pairs.empty());
        return 0;
    }
    require(!read.value.pairs.empty());
    require(read.value.pairs.size() <= std::size_t(kMaxPairs));
    int lastLine = 0;
    for (const ap::SentencePair& p : read.value.pairs) {
        require(p.line > lastLine);
        lastLine = p.line;
        for (const auto* side : {&p.source, &p.target}) {
            require(!side->empty() && side->size() <= std::size_t(kMaxTokensPerSide));
            for (const std::string& token : *side)
                require(!token.empty() && token.size() <= std::size_t(kMaxTokenBytes));
        }
        require(p.hasGold || p.gold.empty());
        for (const ap::AlignmentLink& l : p.gold)
            require(l.source >= 0 && l.source < int(p.source.size()) && l.target >= 0 &&
                    l.target < int(p.target.size()));
    }
    // Tokenizing any text gives non-empty tokens.
    for (const std::string& t : ap::tokenize(text)) require(!t.empty());
    return 0;
}
