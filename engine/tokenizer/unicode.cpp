// Lookups in the generated tables, and the normalization forms of UAX #15:
// full decomposition, canonical ordering, canonical composition (with the
// Hangul syllables done by arithmetic, section 3.12 of the standard).
#include "tokenizer/unicode.h"

#include "core/utf8.h"
#include "tokenizer/unicode_tables.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

namespace ap::tokenizer::unicode {

namespace tables = unicode_tables;

namespace {

Category categorySearch(char32_t cp) {
    const std::uint32_t* begin = tables::kCategoryRuns;
    const std::uint32_t* end = begin + tables::kCategoryRunCount;
    const std::uint32_t key = (static_cast<std::uint32_t>(cp) << 5) | 31u;
    const std::uint32_t* it = std::upper_bound(begin, end, key);
    return static_cast<Category>(it == begin ? 29 : (*(it - 1) & 31u));
}

// The Basic Multilingual Plane, where nearly all text is, from one array.
const std::array<Category, 0x10000>& bmpCategories() {
    static const std::array<Category, 0x10000> table = [] {
        std::array<Category, 0x10000> t{};
        for (std::size_t r = 0; r < tables::kCategoryRunCount; ++r) {
            const std::uint32_t first = tables::kCategoryRuns[r] >> 5;
            if (first >= 0x10000) break;
            const std::uint32_t last = r + 1 < tables::kCategoryRunCount
                                           ? std::min<std::uint32_t>(tables::kCategoryRuns[r + 1] >> 5, 0x10000)
                                           : 0x10000;
            std::fill(t.begin() + first, t.begin() + last, static_cast<Category>(tables::kCategoryRuns[r] & 31u));
        }
        return t;
    }();
    return table;
}

const tables::DecompositionEntry* findDecomposition(const tables::DecompositionEntry* entries, std::size_t count,
                                                    char32_t cp) {
    const auto* end = entries + count;
    const auto* it = std::lower_bound(entries, end, cp, [](const auto& e, char32_t c) { return e.cp < c; });
    return it != end && it->cp == cp ? it : nullptr;
}

char32_t mapCase(const tables::CaseRange* ranges, std::size_t count, char32_t cp) {
    const auto* end = ranges + count;
    const auto* it = std::upper_bound(ranges, end, cp, [](char32_t c, const auto& r) { return c < r.first; });
    if (it == ranges) return cp;
    --it;
    if (cp > it->last || (cp - it->first) % static_cast<char32_t>(it->step) != 0) return cp;
    return static_cast<char32_t>(static_cast<std::int64_t>(cp) + it->delta);
}

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

void decompose(char32_t cp, bool compatibility, std::u32string& out) {
    if (cp >= kSBase && cp < kSBase + kSCount) {
        const char32_t s = cp - kSBase;
        out += kLBase + s / kNCount;
        out += kVBase + (s % kNCount) / kTCount;
        if (s % kTCount != 0) out += kTBase + s % kTCount;
        return;
    }
    if (cp < 0xC0) {  // nothing below U+00A0 decomposes; A0..BF only by compatibility
        if (cp < 0xA0) {
            out += cp;
            return;
        }
    }
    if (compatibility) {
        if (const auto* e = findDecomposition(tables::kCompatibility, tables::kCompatibilityCount, cp)) {
            out.append(tables::kCompatibilityData + e->offset, e->length);
            return;
        }
    }
    if (const auto* e = findDecomposition(tables::kCanonical, tables::kCanonicalCount, cp)) {
        out.append(tables::kCanonicalData + e->offset, e->length);
        return;
    }
    out += cp;
}

const std::unordered_map<std::uint64_t, char32_t>& compositionMap() {
    static const std::unordered_map<std::uint64_t, char32_t> map = [] {
        std::unordered_map<std::uint64_t, char32_t> m;
        m.reserve(tables::kCompositionCount * 2);
        for (std::size_t k = 0; k < tables::kCompositionCount; ++k) {
            const auto& c = tables::kCompositions[k];
            m.emplace((std::uint64_t(c.first) << 32) | c.second, c.composite);
        }
        return m;
    }();
    return map;
}

// The composite of a starter and the next character, or 0.
char32_t compose(char32_t a, char32_t b) {
    if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
        return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
    if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
        return a + (b - kTBase);
    const auto& map = compositionMap();
    const auto it = map.find((std::uint64_t(a) << 32) | b);
    return it == map.end() ? 0 : it->second;
}

}  // namespace

Category category(char32_t cp) {
    if (cp < 0x10000) return bmpCategories()[cp];
    return categorySearch(cp);
}

const char* unicodeVersion() { return tables::kUnicodeVersion; }

bool isWhitespace(char32_t cp) {
    // PropList.txt's White_Space, stable since Unicode 6.3.
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

bool isWordCharacter(char32_t cp) {
    const Category c = category(cp);
    return isLetter(c) || isMark(c) || c == Category::Nd || c == Category::Nl || c == Category::Pc || cp == 0x200C ||
           cp == 0x200D;
}

bool isBertPunctuation(char32_t cp) {
    const bool asciiPunctuation = (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
                                  (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
    return asciiPunctuation || isPunctuation(category(cp));
}

bool isChineseCharacter(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
           (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

int combiningClass(char32_t cp) {
    if (cp < 0x300) return 0;
    const auto* begin = tables::kCombiningClasses;
    const auto* end = begin + tables::kCombiningClassCount;
    const auto* it = std::upper_bound(begin, end, cp, [](char32_t c, const auto& r) { return c < r.first; });
    if (it == begin) return 0;
    --it;
    return cp <= it->last ? it->ccc : 0;
}

void appendLowercase(char32_t cp, std::u32string& out) {
    if (cp < 0x80) {
        out += (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return;
    }
    for (std::size_t k = 0; k < tables::kLowercaseSpecialCount; ++k)
        if (tables::kLowercaseSpecial[k].cp == cp) {
            for (char32_t c : tables::kLowercaseSpecial[k].to)
                if (c != 0) out += c;
            return;
        }
    out += mapCase(tables::kLowercase, tables::kLowercaseCount, cp);
}

char32_t foldCase(char32_t cp) { return mapCase(tables::kCaseFold, tables::kCaseFoldCount, cp); }

std::u32string normalize(std::u32string_view text, Form form) {
    const bool compatibility = form == Form::NFKC || form == Form::NFKD;
    const bool composeAfter = form == Form::NFC || form == Form::NFKC;
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0xA0; })) return std::u32string(text);
    std::u32string out;
    out.reserve(text.size() + 8);
    for (char32_t cp : text) decompose(cp, compatibility, out);
    // Canonical ordering: a stable sort of every run of non-starters by class.
    for (std::size_t i = 0; i < out.size();) {
        if (combiningClass(out[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < out.size() && combiningClass(out[j]) != 0) ++j;
        if (j - i > 1)
            std::stable_sort(out.begin() + i, out.begin() + j,
                             [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = j;
    }
    if (!composeAfter || out.empty()) return out;
    // Canonical composition (UAX #15, the reference algorithm): a character
    // joins the last starter unless a character of the same or a higher
    // class, or another starter, stands between them.
    std::size_t starter = 0;
    char32_t starterChar = out[0];
    int lastClass = combiningClass(starterChar) == 0 ? 0 : 256;
    std::size_t write = 1;
    for (std::size_t read = 1; read < out.size(); ++read) {
        const char32_t ch = out[read];
        const int cls = combiningClass(ch);
        const char32_t composite = lastClass == 256 ? 0 : compose(starterChar, ch);
        if (composite != 0 && (lastClass < cls || lastClass == 0)) {
            out[starter] = composite;
            starterChar = composite;
            continue;
        }
        if (cls == 0) {
            starter = write;
            starterChar = ch;
        }
        lastClass = cls;
        out[write++] = ch;
    }
    out.resize(write);
    return out;
}

bool decodeUtf8(std::string_view text, std::u32string& out, std::size_t& errorOffset) {
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += b;
            ++i;
            continue;
        }
        const std::size_t at = i;
        const char32_t cp = utf8::decode(text, i);
        if (cp == utf8::kInvalid) {
            errorOffset = at;
            return false;
        }
        out += cp;
    }
    return true;
}

std::u32string toUtf32(std::string_view validUtf8) {
    std::u32string out;
    std::size_t ignored = 0;
    if (!decodeUtf8(validUtf8, out, ignored)) {
        // Callers pass text already checked; keep what decodes.
        out.clear();
        for (std::size_t i = 0; i < validUtf8.size();) {
            const char32_t cp = utf8::decode(validUtf8, i);
            if (cp != utf8::kInvalid) out += cp;
        }
    }
    return out;
}

void appendUtf8(std::string& out, std::u32string_view text) {
    for (char32_t cp : text) {
        if (cp < 0x80)
            out += static_cast<char>(cp);
        else
            utf8::append(out, cp);
    }
}

std::string toUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    appendUtf8(out, text);
    return out;
}

}  // namespace ap::tokenizer::unicode
