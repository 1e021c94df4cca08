// Corpus reading. Lines are checked in file order and the first problem
// ends the read, so that the message always points at the earliest line a
// user has to fix. Encoding is checked on every line, comments included: a
// file that is not UTF-8 in a comment is usually not UTF-8 elsewhere either,
// and saying so at once beats a confusing error later.
#include "translation/corpus.h"

#include "core/utf8.h"
#include "io/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <system_error>
#include <unordered_map>

namespace ap {

namespace {

using utf8::kInvalid;

// Unicode's White_Space property.
bool isSpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Scripts written without spaces between words, where one character is the
// only unit a tokenizer can find without a dictionary.
bool isCjk(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF)       // Han extension A
           || (c >= 0x4E00 && c <= 0x9FFF)    // Han unified ideographs
           || (c >= 0xF900 && c <= 0xFAFF)    // Han compatibility ideographs
           || (c >= 0x20000 && c <= 0x323AF)  // Han extensions B to H
           || c == 0x3005 || c == 0x3007      // 々 and 〇 behave as ideographs
           || (c >= 0x3040 && c <= 0x309F)    // Hiragana
           || (c >= 0x30A0 && c <= 0x30FF)    // Katakana
           || (c >= 0x31F0 && c <= 0x31FF)    // Katakana phonetic extensions
           || (c >= 0xFF66 && c <= 0xFF9F);   // half-width Katakana
}

bool isControl(char32_t c) { return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F); }

std::string hexCodePoint(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// Fails unless the line is valid UTF-8 without control characters other than TAB.
Status checkEncoding(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size()) {
        const std::size_t at = i;
        const char32_t c = utf8::decode(line, i);
        const std::string column = std::to_string(at + 1);
        if (c == kInvalid) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(line[at]));
            return Status::error("invalid UTF-8 at byte " + column + " of the line (" + byte + ")");
        }
        if (isControl(c))
            return Status::error("control character " + hexCodePoint(c) + " at byte " + column + " of the line");
    }
    return {};
}

bool isBlank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string baseName(const std::string& fileName) {
    const std::size_t slash = fileName.find_last_of('/');
    std::string name = slash == std::string::npos ? fileName : fileName.substr(slash + 1);
    const std::size_t dot = name.find_last_of('.');
    if (dot != std::string::npos && dot > 0) name.erase(dot);
    return name;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

// Fails with what is wrong with the side, when it is not usable.
Status checkSide(const std::vector<std::string>& tokens, const char* side) {
    using namespace limits::corpus;
    if (tokens.empty()) return Status::error(std::string(side) + " is empty");
    if (tokens.size() > std::size_t(kMaxTokensPerSide))
        return Status::error(std::string(side) + " has " + std::to_string(tokens.size()) +
                             " tokens, over the limit of " + std::to_string(kMaxTokensPerSide));
    for (std::size_t k = 0; k < tokens.size(); ++k)
        if (tokens[k].size() > std::size_t(kMaxTokenBytes))
            return Status::error(std::string(side) + " token " + std::to_string(k) + " is " +
                                 std::to_string(tokens[k].size()) + " bytes long, over the limit of " +
                                 std::to_string(kMaxTokenBytes));
    return {};
}

// A 0-based index as written; indices too long for an int are certainly out
// of range, so they saturate instead of failing to parse.
int parseIndex(std::string_view digits) {
    if (digits.size() > 9) return 1000000000;
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

bool allDigits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

Status parseAlignment(std::string_view field, SentencePair& pair) {
    const int sourceSize = static_cast<int>(pair.source.size());
    const int targetSize = static_cast<int>(pair.target.size());
    if (isBlank(field))
        return Status::error("alignment field is empty (leave out its tab when a pair has no alignment)");
    std::vector<std::string_view> written;      // each link as in the file, for messages
    std::unordered_map<int, std::size_t> seen;  // source * targetSize + target -> link
    for (std::string_view link : split(field, ' ')) {
        if (link.empty()) continue;  // runs of spaces
        const std::size_t sep = link.find_first_of("-?");
        if (sep == std::string_view::npos || !allDigits(link.substr(0, sep)) || !allDigits(link.substr(sep + 1)))
            return Status::error("bad alignment link \"" + std::string(link) +
                                 "\" (expected S-T for a sure link or S?T for a possible one, with 0-based "
                                 "token indices)");
        const AlignmentLink parsed{parseIndex(link.substr(0, sep)), parseIndex(link.substr(sep + 1)), link[sep] == '-'};
        if (parsed.source >= sourceSize || parsed.target >= targetSize)
            return Status::error("alignment link " + std::string(link) + " is out of range (source has " +
                                 plural(pair.source.size(), "token") + ", target has " + std::to_string(targetSize) +
                                 ")");
        const auto [it, inserted] = seen.emplace(parsed.source * targetSize + parsed.target, pair.gold.size());
        if (!inserted) {
            const AlignmentLink& first = pair.gold[it->second];
            if (first.sure == parsed.sure)
                return Status::error("alignment link " + std::string(link) + " is given twice");
            return Status::error("alignment links " + std::string(written[it->second]) + " and " + std::string(link) +
                                 " join the same tokens (a link is either sure or possible)");
        }
        pair.gold.push_back(parsed);
        written.push_back(link);
    }
    pair.hasGold = true;
    return {};
}

// Fills in the pair, or fails with what is wrong with the line.
Status parsePair(std::string_view line, SentencePair& pair) {
    const std::vector<std::string_view> fields = split(line, '\t');
    if (fields.size() == 1)
        return Status::error("no tab between source and target (expected SOURCE<TAB>TARGET or "
                             "SOURCE<TAB>TARGET<TAB>ALIGNMENT)");
    if (fields.size() > 3)
        return Status::error(std::to_string(fields.size()) +
                             " tab-separated fields, expected 2 or 3 (SOURCE, TARGET and optionally "
                             "ALIGNMENT)");
    pair.source = tokenize(fields[0]);
    pair.target = tokenize(fields[1]);
    if (Status e = checkSide(pair.source, "source"); !e) return e;
    if (Status e = checkSide(pair.target, "target"); !e) return e;
    if (fields.size() == 3) return parseAlignment(fields[2], pair);
    return {};
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    const auto flush = [&] {
        if (!current.empty()) tokens.push_back(std::move(current));
        current.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t c = utf8::decode(text, i);
        const std::string_view bytes = text.substr(start, i - start);
        if (c != kInvalid && isSpace(c)) {
            flush();
        } else if (c != kInvalid && isCjk(c)) {
            flush();
            tokens.emplace_back(bytes);
        } else {
            current.append(bytes);
        }
    }
    flush();
    return tokens;
}

CorpusReadResult parseCorpus(std::string_view text, const std::string& fileName) {
    using namespace limits::corpus;
    CorpusReadResult result;
    result.value.name = baseName(fileName);
    auto fail = [&](int line, const std::string& what) {
        result.error = fileName;
        if (line > 0) result.error += ':' + std::to_string(line);
        result.error += ": " + what;
        result.value.pairs.clear();
        return result;
    };
    if (std::int64_t(text.size()) > kMaxFileBytes)
        return fail(0, "text is " + mebibytes(std::int64_t(text.size())) + ", over the limit of " +
                           mebibytes(kMaxFileBytes));
    text = utf8::withoutByteOrderMark(text);

    int lineNumber = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++lineNumber;
        if (line.ends_with('\r')) line.remove_suffix(1);

        if (Status e = checkEncoding(line); !e) return fail(lineNumber, e.message);
        if (line.starts_with('#') || isBlank(line)) continue;
        if (result.value.pairs.size() == std::size_t(kMaxPairs))
            return fail(lineNumber, "more than " + std::to_string(kMaxPairs) + " sentence pairs, the limit");
        SentencePair pair;
        pair.line = lineNumber;
        if (Status e = parsePair(line, pair); !e) return fail(lineNumber, e.message);
        result.value.pairs.push_back(std::move(pair));
    }
    if (result.value.pairs.empty()) return fail(0, "contains no sentence pairs");
    result.ok = true;
    return result;
}

CorpusReadResult readCorpusFile(const std::string& path) {
    const Result<std::string> file = readTextFile(path, limits::corpus::kMaxFileBytes);
    if (!file.ok) return CorpusReadResult::failure(path + ": " + file.error);
    return parseCorpus(file.value, path);
}

}  // namespace ap
