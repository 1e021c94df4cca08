// Added tokens are found before the model sees the text, as the library's
// AddedVocabulary does: tokens with normalized = false are matched in the raw
// text, the others in the normalized text of the pieces between them, both
// leftmost-longest. single_word, lstrip and rstrip are applied to each match
// as its find_matches does.
#include "tokenizer/pipeline.h"
#include "tokenizer/unicode.h"

#include <algorithm>

namespace ap::tokenizer::detail {

namespace {

struct Match {
    std::size_t start, end;
    std::int32_t token;  // index into the tokens, -1 for text
};

}  // namespace

void AddedVocabulary::build(std::vector<AddedToken> tokens, const Normalizer* normalizer) {
    tokens_ = std::move(tokens);
    raw_.clear();
    normalized_.clear();
    ids_.clear();
    for (std::size_t k = 0; k < tokens_.size(); ++k) {
        const AddedToken& t = tokens_[k];
        ids_.push_back(t.id);
        if (t.content.empty()) continue;
        std::u32string text = unicode::toUtf32(t.content);
        if (t.normalized) {
            if (normalizer) normalizer->normalize(text);
            if (!text.empty()) normalized_.push_back({std::move(text), k});
        } else {
            raw_.push_back({std::move(text), k});
        }
    }
    auto longestFirst = [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); };
    std::stable_sort(raw_.begin(), raw_.end(), longestFirst);
    std::stable_sort(normalized_.begin(), normalized_.end(), longestFirst);
    std::sort(ids_.begin(), ids_.end());
}

bool AddedVocabulary::isAdded(std::int32_t id) const { return std::binary_search(ids_.begin(), ids_.end(), id); }

void AddedVocabulary::splitOut(std::vector<Piece>& pieces, const std::vector<Pattern>& patterns,
                               std::vector<Piece>& out) const {
    for (Piece& piece : pieces) {
        const std::u32string& s = piece.text;
        if (piece.id >= 0 || patterns.empty()) {
            if (piece.id >= 0 || !s.empty()) out.push_back(std::move(piece));
            continue;
        }
        std::vector<Match> matches;
        std::size_t startOffset = 0;
        for (std::size_t pos = 0; pos < s.size();) {
            const Pattern* found = nullptr;
            for (const Pattern& p : patterns)
                if (p.text[0] == s[pos] && std::u32string_view(s).substr(pos).starts_with(p.text)) {
                    found = &p;
                    break;
                }
            if (!found) {
                ++pos;
                continue;
            }
            std::size_t start = pos, stop = pos + found->text.size();
            pos = stop;
            const AddedToken& t = tokens_[found->token];
            if (t.singleWord) {
                const bool startSpace = start == 0 || !unicode::isWordCharacter(s[start - 1]);
                const bool stopSpace = stop == s.size() || !unicode::isWordCharacter(s[stop]);
                if (!startSpace || !stopSpace) continue;
            }
            if (t.lstrip) {
                std::size_t newStart = start;
                while (newStart > 0 && unicode::isWhitespace(s[newStart - 1])) --newStart;
                start = std::max(newStart, startOffset);
            }
            if (t.rstrip)
                while (stop < s.size() && unicode::isWhitespace(s[stop])) ++stop;
            if (startOffset < start) matches.push_back({startOffset, start, -1});
            matches.push_back({start, stop, static_cast<std::int32_t>(found->token)});
            startOffset = stop;
            pos = std::max(pos, stop);
        }
        if (startOffset < s.size()) matches.push_back({startOffset, s.size(), -1});
        for (const Match& m : matches) {
            Piece part;
            if (m.token >= 0) {
                part.id = tokens_[static_cast<std::size_t>(m.token)].id;
            } else {
                part.text = s.substr(m.start, m.end - m.start);
                part.atStart = piece.atStart && m.start == 0;
            }
            out.push_back(std::move(part));
        }
    }
}

std::vector<Piece> AddedVocabulary::extractAndNormalize(std::u32string_view text, const Normalizer* normalizer) const {
    std::vector<Piece> pieces(1);
    pieces[0].text = std::u32string(text);
    pieces[0].atStart = true;
    std::vector<Piece> afterRaw;
    splitOut(pieces, raw_, afterRaw);
    for (Piece& p : afterRaw)
        if (p.id < 0 && normalizer) normalizer->normalize(p.text);
    std::vector<Piece> out;
    splitOut(afterRaw, normalized_, out);
    std::erase_if(out, [](const Piece& p) { return p.id < 0 && p.text.empty(); });
    return out;
}

}  // namespace ap::tokenizer::detail
