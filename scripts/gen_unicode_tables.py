#!/usr/bin/python3
"""Writes engine/tokenizer/unicode_data.txt: the Unicode data the tokenizers
need (general categories, canonical combining classes, canonical and
compatibility decompositions, canonical compositions, lower-case mapping and
simple case folding), from the unicodedata module of the Python that runs it.

Run with Debian's /usr/bin/python3 (its unicodedata says which Unicode version
the tables follow; it is written into the file):

    /usr/bin/python3 scripts/gen_unicode_tables.py engine/tokenizer/unicode_data.txt

The file is data, one section a table: `@name count`, then the records,
several to a line, fields separated by spaces. The build turns it into C++
(cmake/EmbedUnicodeTables.cmake), so the repository holds no generated code.

Tables are ranges wherever the data has runs (categories, combining classes,
case mappings); decompositions and compositions are irregular and are listed
per character.
"""
import sys
import unicodedata

CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi",
              "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]
MAX = 0x110000
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
CP, NUM = "code point", "number"  # how a field of a record is written


def packed_lines(records, per_line, kinds):
    """Records (numbers or tuples of numbers) several to a line, fields
    separated by a space and records by two; `kinds` says per field whether
    it is a code point (CP, written in hex) or a count or delta (NUM)."""
    def text(record):
        fields = record if isinstance(record, tuple) else (record,)
        return " ".join("0x%X" % v if k == CP else str(v) for v, k in zip(fields, kinds))
    return "\n".join("  ".join(text(r) for r in records[i:i + per_line]) for i in range(0, len(records), per_line))


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

    def decomposition(name, entries):
        index, data = [], []
        for cp, seq in entries:
            index.append((cp, len(data), len(seq)))
            data.extend(seq)
        assert len(data) < 65536 and max(len(s) for _, s in entries) < 256  # the entry's field widths
        return [(name, index, 4, (CP, NUM, NUM)), (name + "-data", data, 10, (CP,))]

    assert all(len(to) <= 3 for _, to in special)  # SpecialCase holds three
    sections = [("categories", runs, 8, (CP,)), ("combining", ccc, 4, (CP, CP, NUM))]
    sections += decomposition("canonical", canonical) + decomposition("compatibility", compat)
    case_range = (CP, CP, NUM, NUM)  # first, last, step, delta
    sections += [("compositions", comps, 4, (CP, CP, CP)), ("lowercase", case_ranges(lower), 4, case_range),
                 ("lowercase-special", [(cp, *to, *[0] * (3 - len(to))) for cp, to in special], 2, (CP,) * 4),
                 ("casefold", case_ranges(fold), 4, case_range)]
    lines = [f"# Unicode {unicodedata.unidata_version} data for the tokenizers, from the unicodedata module",
             f"# of Python {sys.version.split()[0]}. Written by scripts/gen_unicode_tables.py: do not edit,",
             "# run the script again. cmake/EmbedUnicodeTables.cmake turns it into C++.",
             f"@version {unicodedata.unidata_version}"]
    for name, records, per_line, kinds in sections:
        lines.append(f"@{name} {len(records)}")
        lines.append(packed_lines(records, per_line, kinds))
    text = "\n".join(lines) + "\n"
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
