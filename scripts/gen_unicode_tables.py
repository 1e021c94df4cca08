#!/usr/bin/python3
"""Writes engine/tokenizer/unicode_tables.cpp: the Unicode data the tokenizers
need (general categories, canonical combining classes, canonical and
compatibility decompositions, canonical compositions, lower-case mapping and
simple case folding), from the unicodedata module of the Python that runs it.

Run with Debian's /usr/bin/python3 (its unicodedata says which Unicode version
the tables follow; it is written into the file):

    /usr/bin/python3 scripts/gen_unicode_tables.py engine/tokenizer/unicode_tables.cpp

Tables are ranges wherever the data has runs (categories, combining classes,
case mappings); decompositions and compositions are irregular and are listed
per character, packed several to a line.
"""
import sys
import unicodedata

CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi",
              "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]
MAX = 0x110000
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3


def packed_lines(values, per_line, fmt):
    out = []
    for i in range(0, len(values), per_line):
        out.append("    " + " ".join(fmt(v) + "," for v in values[i:i + per_line]))
    return "\n".join(out)


def category_runs():
    runs = []
    last = None
    for cp in range(MAX):
        cat = CATEGORIES.index(unicodedata.category(chr(cp)))
        if cat != last:
            runs.append((cp << 5) | cat)
            last = cat
    return runs


def combining_ranges():
    ranges = []
    cp = 0
    while cp < MAX:
        ccc = unicodedata.combining(chr(cp))
        if ccc == 0:
            cp += 1
            continue
        start = cp
        while cp + 1 < MAX and unicodedata.combining(chr(cp + 1)) == ccc:
            cp += 1
        ranges.append((start, cp, ccc))
        cp += 1
    return ranges


def decompositions():
    """Full (recursive, canonically ordered) decompositions: canonical where
    NFD changes the character, compatibility where NFKD differs from NFD.
    Hangul syllables are left to the algorithm."""
    canonical, compat = [], []
    for cp in range(MAX):
        if HANGUL_FIRST <= cp <= HANGUL_LAST or 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        nfd = unicodedata.normalize("NFD", c)
        nfkd = unicodedata.normalize("NFKD", c)
        if nfd != c:
            canonical.append((cp, [ord(x) for x in nfd]))
        if nfkd != nfd:
            compat.append((cp, [ord(x) for x in nfkd]))
    return canonical, compat


def compositions():
    """Primary composites: a canonical one-level decomposition into two
    characters that NFC puts back together (composition exclusions and
    non-starter decompositions do not)."""
    triples = []
    for cp in range(MAX):
        if HANGUL_FIRST <= cp <= HANGUL_LAST or 0xD800 <= cp <= 0xDFFF:
            continue
        d = unicodedata.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) == 2 and unicodedata.normalize("NFC", chr(cp)) == chr(cp):
            triples.append((parts[0], parts[1], cp))
    return triples


def case_ranges(mapping):
    """Single-character mappings as (first, last, step, delta) runs: code
    points first, first+step, ... last all map to cp + delta."""
    singles = sorted((cp, ord(m) - cp) for cp, m in mapping.items() if len(m) == 1 and ord(m) != cp)
    runs = []
    for cp, delta in singles:
        if runs:
            first, last, step, d = runs[-1]
            if d == delta and ((step == 0 and cp - last in (1, 2)) or (step and cp - last == step)):
                runs[-1] = (first, cp, cp - last if step == 0 else step, d)
                continue
        runs.append((cp, cp, 0, delta))
    return [(f, l, s if s else 1, d) for f, l, s, d in runs]


def main():
    out_path = sys.argv[1]
    lower, fold, special = {}, {}, []
    for cp in range(MAX):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        lo = c.lower()
        if lo != c:
            if len(lo) == 1:
                lower[cp] = lo
            else:
                special.append((cp, [ord(x) for x in lo]))
        cf = c.casefold()
        if len(cf) == 1 and cf != c:
            fold[cp] = cf
    runs = category_runs()
    ccc = combining_ranges()
    canonical, compat = decompositions()
    comps = compositions()

    def decomposition_table(name, entries):
        index, data = [], []
        for cp, seq in entries:
            index.append((cp, len(data), len(seq)))
            data.extend(seq)
        assert len(data) < 65536 and max(len(s) for _, s in entries) < 256  # the entry's field widths
        return (f"const DecompositionEntry {name}[] = {{\n" +
                packed_lines(index, 4, lambda e: "{0x%X, %d, %d}" % e) + "\n};\n" +
                f"const char32_t {name}Data[] = {{\n" + packed_lines(data, 10, lambda v: "0x%X" % v) + "\n};\n")

    text = f"""// Generated by scripts/gen_unicode_tables.py from Unicode {unicodedata.unidata_version} (the
// unicodedata module of Python {sys.version.split()[0]}). Do not edit; run the script again.
// clang-format off
#include "tokenizer/unicode_tables.h"

namespace ap::tokenizer::unicode_tables {{

const char* const kUnicodeVersion = "{unicodedata.unidata_version}";

// (first code point << 5) | category, one entry where the category changes.
const std::uint32_t kCategoryRuns[] = {{
{packed_lines(runs, 8, lambda v: "0x%X" % v)}
}};
const std::size_t kCategoryRunCount = sizeof(kCategoryRuns) / sizeof(kCategoryRuns[0]);

const CombiningRange kCombiningClasses[] = {{
{packed_lines(ccc, 4, lambda e: "{0x%X, 0x%X, %d}" % e)}
}};
const std::size_t kCombiningClassCount = sizeof(kCombiningClasses) / sizeof(kCombiningClasses[0]);

{decomposition_table("kCanonical", canonical)}const std::size_t kCanonicalCount = sizeof(kCanonical) / sizeof(kCanonical[0]);

{decomposition_table("kCompatibility", compat)}const std::size_t kCompatibilityCount = sizeof(kCompatibility) / sizeof(kCompatibility[0]);

const Composition kCompositions[] = {{
{packed_lines(comps, 4, lambda e: "{0x%X, 0x%X, 0x%X}" % e)}
}};
const std::size_t kCompositionCount = sizeof(kCompositions) / sizeof(kCompositions[0]);

const CaseRange kLowercase[] = {{
{packed_lines(case_ranges(lower), 4, lambda e: "{0x%X, 0x%X, %d, %d}" % e)}
}};
const std::size_t kLowercaseCount = sizeof(kLowercase) / sizeof(kLowercase[0]);

// Lower-case mappings to more than one character.
const SpecialCase kLowercaseSpecial[] = {{
{packed_lines(special, 2, lambda e: "{0x%X, {%s}}" % (e[0], ", ".join("0x%X" % v for v in e[1])))}
}};
const std::size_t kLowercaseSpecialCount = sizeof(kLowercaseSpecial) / sizeof(kLowercaseSpecial[0]);

// Simple case folding (the one-character foldings), for (?i) in patterns.
const CaseRange kCaseFold[] = {{
{packed_lines(case_ranges(fold), 4, lambda e: "{0x%X, 0x%X, %d, %d}" % e)}
}};
const std::size_t kCaseFoldCount = sizeof(kCaseFold) / sizeof(kCaseFold[0]);

}}  // namespace ap::tokenizer::unicode_tables
"""
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
