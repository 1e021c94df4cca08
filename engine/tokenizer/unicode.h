// Unicode properties and normalization for the tokenizers, on code points,
// from the Unicode tables (tokenizer/unicode_tables.h). The predicates
// follow the definitions that the Hugging Face tokenizers library uses
// (Rust's char methods, Oniguruma's classes); docs/tokenizers.md lists them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ap::tokenizer::unicode {

// General categories, in the order of the generated table.
enum class Category : std::uint8_t {
    Lu,
    Ll,
    Lt,
    Lm,
    Lo,
    Mn,
    Mc,
    Me,
    Nd,
    Nl,
    No,
    Pc,
    Pd,
    Ps,
    Pe,
    Pi,
    Pf,
    Po,
    Sm,
    Sc,
    Sk,
    So,
    Zs,
    Zl,
    Zp,
    Cc,
    Cf,
    Cs,
    Co,
    Cn
};

Category category(char32_t cp);
const char* unicodeVersion();

inline bool isLetter(Category c) { return c <= Category::Lo; }
inline bool isMark(Category c) { return c >= Category::Mn && c <= Category::Me; }
inline bool isNumber(Category c) { return c >= Category::Nd && c <= Category::No; }
inline bool isPunctuation(Category c) { return c >= Category::Pc && c <= Category::Po; }
inline bool isSymbol(Category c) { return c >= Category::Sm && c <= Category::So; }
inline bool isSeparator(Category c) { return c >= Category::Zs && c <= Category::Zp; }
inline bool isOther(Category c) { return c >= Category::Cc; }

// The White_Space property (Rust's char::is_whitespace, Oniguruma's \s).
bool isWhitespace(char32_t cp);
// Rust's char::is_numeric: general category N.
inline bool isNumeric(char32_t cp) { return isNumber(category(cp)); }
// Rust's char::is_alphanumeric (Alphabetic or Numeric), with Alphabetic taken
// as the letters and Nl: the Other_Alphabetic marks are not in the tables.
inline bool isAlphanumeric(char32_t cp) { return isLetter(category(cp)) || isNumeric(cp); }
// \w of Rust's regex crate: Alphabetic, marks, decimal digits, connector
// punctuation and the joiners.
bool isWordCharacter(char32_t cp);
// BERT's punctuation: ASCII punctuation or general category P.
bool isBertPunctuation(char32_t cp);
// The CJK ideograph blocks that BERT surrounds with spaces.
bool isChineseCharacter(char32_t cp);

int combiningClass(char32_t cp);
// Rust's char::to_lowercase (the full mapping, one to three characters).
void appendLowercase(char32_t cp, std::u32string& out);
// Simple case folding, for case-insensitive pattern matching.
char32_t foldCase(char32_t cp);

enum class Form { NFC, NFD, NFKC, NFKD };
std::u32string normalize(std::u32string_view text, Form form);

// UTF-8 <-> code points. `decodeUtf8` fails (returns false) on ill-formed
// UTF-8 and leaves in `errorOffset` the byte where it stops.
bool decodeUtf8(std::string_view text, std::u32string& out, std::size_t& errorOffset);
std::u32string toUtf32(std::string_view validUtf8);
std::string toUtf8(std::u32string_view text);
void appendUtf8(std::string& out, std::u32string_view text);

}  // namespace ap::tokenizer::unicode
