#include "translation/case_folding.h"

#include "core/utf8.h"

namespace ap {
namespace {

// Simple (one to one) lower-case mappings of the Unicode database for the
// blocks named in the header.
char32_t lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // Latin-1, except ×
    if (c >= 0x100 && c <= 0x137) return c | 1;    // Ā ā ... Ķ ķ: capital even
    if (c == 0x130) return 'i';
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;  // Ĺ ĺ ... Ň ň: capital odd
    if (c >= 0x14A && c <= 0x177) return c | 1;
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

}  // namespace

std::string foldCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t cp = utf8::decode(text, i);
        if (cp == utf8::kInvalid) {  // not UTF-8: keep the byte
            out += text[at];
            continue;
        }
        utf8::append(out, lower(cp));
    }
    return out;
}

}  // namespace ap
