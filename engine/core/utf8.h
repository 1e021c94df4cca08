// UTF-8 decoding and the byte order mark, shared by every text reader (scene
// files, corpora, file importers) so that all of them accept and refuse the
// same bytes. Well-formed means Unicode 15, table 3-7: no overlong forms, no
// surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ap::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Decodes the sequence at text[i] and advances i past it. An ill-formed or
// truncated sequence gives kInvalid and advances by one byte, so that the
// caller can report the exact byte where the text stops being UTF-8.
char32_t decode(std::string_view text, std::size_t& i);

// Length of the well-formed sequence at text[i], or 0.
std::size_t sequenceLength(std::string_view text, std::size_t i);

// Appends the encoding of `cp` (a scalar value, not a surrogate).
void append(std::string& out, char32_t cp);

// Bytes of the optional byte order mark at the start of `text` (0 or 3),
// which some Windows editors write.
inline std::size_t byteOrderMarkLength(std::string_view text) {
    return text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
}
inline std::string_view withoutByteOrderMark(std::string_view text) { return text.substr(byteOrderMarkLength(text)); }

// Whether byte `b` starts a character (is not a continuation byte); columns
// in messages count these, as editors do.
inline bool startsCharacter(unsigned char b) { return (b & 0xC0) != 0x80; }

}  // namespace ap::utf8
