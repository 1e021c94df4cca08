// The Unicode data: tokenizer/unicode_data.txt (written by
// scripts/gen_unicode_tables.py), which the build turns into these arrays
// (cmake/EmbedUnicodeTables.cmake). Read it through tokenizer/unicode.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ap::tokenizer::unicode_tables {

struct CombiningRange {
    char32_t first, last;
    std::uint8_t ccc;
};
struct DecompositionEntry {
    char32_t cp;
    std::uint16_t offset;  // into the matching ...Data array
    std::uint8_t length;
};
struct Composition {
    char32_t first, second, composite;
};
// first, first + step, ..., last map to cp + delta.
struct CaseRange {
    char32_t first, last;
    std::int32_t step, delta;
};
struct SpecialCase {
    char32_t cp;
    char32_t to[3];
};

extern const char* const kUnicodeVersion;
// (first code point << 5) | category, one entry where the category changes.
extern const std::uint32_t kCategoryRuns[];
extern const std::size_t kCategoryRunCount;
extern const CombiningRange kCombiningClasses[];
extern const std::size_t kCombiningClassCount;
extern const DecompositionEntry kCanonical[];
extern const char32_t kCanonicalData[];
extern const std::size_t kCanonicalCount;
extern const DecompositionEntry kCompatibility[];
extern const char32_t kCompatibilityData[];
extern const std::size_t kCompatibilityCount;
extern const Composition kCompositions[];
extern const std::size_t kCompositionCount;
extern const CaseRange kLowercase[];
extern const std::size_t kLowercaseCount;
// Lower-case mappings to more than one character.
extern const SpecialCase kLowercaseSpecial[];
extern const std::size_t kLowercaseSpecialCount;
// Simple case folding (the one-character foldings), for (?i) in patterns.
extern const CaseRange kCaseFold[];
extern const std::size_t kCaseFoldCount;

}  // namespace ap::tokenizer::unicode_tables
