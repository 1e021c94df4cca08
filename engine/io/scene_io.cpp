// Scene and result files. Reading is two steps: the JSON reader checks what
// the file can get wrong that a Scene cannot express (types, ragged rows,
// missing fields, numbers beyond float), and validate() then checks the Scene
// itself, so that scenes built in code and scenes read from files obey the
// same rules with the same messages.
//
// Unknown keys are ignored at every level, so that files written by a later
// version that adds fields still open here. A known key whose value has the
// wrong type is an error, and so is null: absence is the only way to ask for
// a default.
#include "io/scene_io.h"

#include "io/json.h"
#include "io/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace ap {

namespace {

constexpr const char* kSceneFormat = "attention-playground.scene";
constexpr const char* kResultFormat = "attention-playground.result";
constexpr int kVersion = 1;
// How much of a bad string value a message repeats.
constexpr std::size_t kEchoBytes = 40;

using json::Type;
using json::Value;

// Whole numbers in messages: "3", or "1e+20" where printing every digit
// would mislead.
std::string formatWhole(double d) {
    if (std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

bool isWhole(const Value& v) { return v.isNumber() && std::trunc(v.number) == v.number; }

// The first problem ends reading; throwing it spares every reader function
// a status check, and it never leaves this file.
struct SceneError {
    std::string message;  // "json.path: what is wrong"
};

class SceneReader {
public:
    explicit SceneReader(Scene& scene) : s_(scene) {}
    void read(const Value& root);

private:
    [[noreturn]] static void fail(const std::string& path, const std::string& what) {
        throw SceneError{path + ": " + what};
    }

    static const Value& object(const Value& v, const std::string& path) {
        if (v.type != Type::Object) fail(path, "must be an object");
        return v;
    }
    static std::string at(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    float readFloat(const Value& v, const std::string& path);
    void readMatrix(const Value& v, const std::string& path, int maxRows, Matrix& out);
    void readVector(const Value& v, const std::string& path, Vector& out);
    int readCount(const Value& v, const std::string& path, int limit);
    bool readBool(const Value& v, const std::string& path);
    std::string readString(const Value& v, const std::string& path);
    void readInput(const Value& root, const char* name, std::vector<std::string>* tokens,
                   Matrix& matrix);
    void readHeader(const Value& root);
    void readScoring(const Value& v);
    void readNormalization(const Value& v);
    void readMask(const Value& v);
    void readProjections(const Value& v);

    Scene& s_;
};

float SceneReader::readFloat(const Value& v, const std::string& path) {
    if (!v.isNumber()) fail(path, "must be a number");
    if (!std::isfinite(v.numberFloat)) fail(path, "not a finite number (out of float range)");
    return v.numberFloat;
}

void SceneReader::readMatrix(const Value& v, const std::string& path, int maxRows, Matrix& out) {
    if (v.type != Type::Array) fail(path, "must be an array of rows");
    const auto& rows = v.array;
    // The limits are checked before allocating, with validate()'s messages.
    if (rows.empty()) fail(path, "must have at least one row");
    if (rows.size() > std::size_t(maxRows))
        fail(path, std::to_string(rows.size()) + " rows exceed the limit of " +
                       std::to_string(maxRows));
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].type != Type::Array) fail(at(path, i), "must be an array of numbers");
    const std::size_t cols = rows[0].array.size();
    if (cols == 0) fail(path, "must have at least one column");
    if (cols > std::size_t(limits::kMaxWidth))
        fail(path, std::to_string(cols) + " columns exceed the limit of " +
                       std::to_string(limits::kMaxWidth));
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i].array.size() != cols)
            fail(at(path, i), "has " + std::to_string(rows[i].array.size()) +
                                  " entries, row 0 has " + std::to_string(cols));
    out.resize(Eigen::Index(rows.size()), Eigen::Index(cols));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < cols; ++j)
            out(Eigen::Index(i), Eigen::Index(j)) = readFloat(rows[i].array[j], at(at(path, i), j));
}

void SceneReader::readVector(const Value& v, const std::string& path, Vector& out) {
    if (v.type != Type::Array) fail(path, "must be an array of numbers");
    if (v.array.empty()) fail(path, "must have at least one entry");
    // Its length is bounded by the Wq/Wk checks of validate(); this bound only
    // keeps the allocation in proportion before that.
    if (v.array.size() > std::size_t(limits::kMaxAdditiveWidth))
        fail(path, std::to_string(v.array.size()) + " entries exceed the limit of " +
                       std::to_string(limits::kMaxAdditiveWidth));
    out.resize(Eigen::Index(v.array.size()));
    for (std::size_t i = 0; i < v.array.size(); ++i)
        out(Eigen::Index(i)) = readFloat(v.array[i], at(path, i));
}

// A whole number >= 1 (heads, k). Values above `limit` are refused here, where
// the double is still at hand, so the message shows the number as written.
int SceneReader::readCount(const Value& v, const std::string& path, int limit) {
    if (!isWhole(v) || v.number < 1) fail(path, "must be a whole number >= 1");
    if (v.number > limit)
        fail(path, formatWhole(v.number) + " exceeds the limit of " + std::to_string(limit));
    return static_cast<int>(v.number);
}

bool SceneReader::readBool(const Value& v, const std::string& path) {
    if (v.type != Type::Bool) fail(path, "must be true or false");
    return v.boolean;
}

std::string SceneReader::readString(const Value& v, const std::string& path) {
    if (v.type != Type::String) fail(path, "must be a string");
    return v.string;
}

void SceneReader::readInput(const Value& root, const char* name,
                            std::vector<std::string>* tokens, Matrix& matrix) {
    const Value* v = root.find(name);
    if (!v) fail(name, "missing");
    object(*v, name);
    const std::string base = name;
    const Value* m = v->find("matrix");
    if (!m) fail(base + ".matrix", "missing");
    readMatrix(*m, base + ".matrix", limits::kMaxTokens, matrix);
    if (!tokens) return;
    if (const Value* t = v->find("tokens")) {
        const std::string path = base + ".tokens";
        if (t->type != Type::Array) fail(path, "must be an array of strings");
        // Checked before the strings are copied; validate() says it again for
        // scenes built in code.
        if (t->array.size() != std::size_t(matrix.rows()))
            fail(path, "has " + std::to_string(t->array.size()) + " entries, " + base +
                           ".matrix has " + std::to_string(matrix.rows()) + " rows");
        tokens->clear();
        for (std::size_t i = 0; i < t->array.size(); ++i)
            tokens->push_back(readString(t->array[i], at(path, i)));
    }
}

void SceneReader::readHeader(const Value& root) {
    const Value* format = root.find("format");
    if (!format) fail("format", "missing");
    if (format->type != Type::String || format->string != kSceneFormat)
        fail("format", std::string("expected \"") + kSceneFormat + "\"");
    const Value* version = root.find("version");
    if (!version) fail("version", "missing");
    if (!isWhole(*version)) fail("version", "must be a whole number");
    if (version->number != kVersion)
        fail("version", "unsupported version " + formatWhole(version->number) +
                            " (this build reads version " + std::to_string(kVersion) + ")");
}

void SceneReader::readScoring(const Value& v) {
    object(v, "scoring");
    if (const Value* kind = v.find("kind")) {
        const std::string name = readString(*kind, "scoring.kind");
        const auto parsed = scoringFromString(name);
        if (!parsed)
            fail("scoring.kind", "unknown kind " + json::quote(name, kEchoBytes) +
                                     " (expected dot, scaled_dot, general, additive, cosine)");
        s_.scoring = *parsed;
    }
    const Value* list = v.find("head_params");
    if (!list) return;
    const std::string path = "scoring.head_params";
    if (list->type != Type::Array) fail(path, "must be an array");
    if (list->array.size() != std::size_t(s_.heads))
        fail(path, "has " + std::to_string(list->array.size()) + " entries, heads is " +
                       std::to_string(s_.heads));
    s_.headParams.assign(list->array.size(), HeadParams{});
    for (std::size_t h = 0; h < list->array.size(); ++h) {
        const std::string entry = at(path, h);
        const Value& e = object(list->array[h], entry);
        HeadParams& p = s_.headParams[h];
        // Each kind reads only its own parameters (spec section 2).
        if (s_.scoring == Scoring::General) {
            if (const Value* w = e.find("W")) readMatrix(*w, entry + ".W", limits::kMaxWidth, p.W);
        } else if (s_.scoring == Scoring::Additive) {
            if (const Value* w = e.find("Wq"))
                readMatrix(*w, entry + ".Wq", limits::kMaxAdditiveWidth, p.Wq);
            if (const Value* w = e.find("Wk"))
                readMatrix(*w, entry + ".Wk", limits::kMaxAdditiveWidth, p.Wk);
            if (const Value* w = e.find("v")) readVector(*w, entry + ".v", p.v);
        }
    }
}

void SceneReader::readNormalization(const Value& v) {
    object(v, "normalization");
    if (const Value* kind = v.find("kind")) {
        const std::string name = readString(*kind, "normalization.kind");
        const auto parsed = normalizationFromString(name);
        if (!parsed)
            fail("normalization.kind",
                 "unknown kind " + json::quote(name, kEchoBytes) +
                     " (expected softmax, hard, topk, sparsemax, sample)");
        s_.normalization = *parsed;
    }
    if (const Value* t = v.find("temperature"))
        s_.temperature = readFloat(*t, "normalization.temperature");
    // k only matters for topk, but where it is written it is checked and kept
    // whatever the kind, so that switching the kind to topk later (in the
    // application) never meets a bad k, and a file keeps its k on a round trip.
    if (const Value* k = v.find("k")) s_.topK = readCount(*k, "normalization.k", INT_MAX);
    // samples and seed, like k, are kept whatever the kind.
    if (const Value* n = v.find("samples"))
        s_.samples = readCount(*n, "normalization.samples", limits::kMaxSamples);
    if (const Value* seed = v.find("seed")) {
        if (!isWhole(*seed) || seed->number < 0 || seed->number > double(limits::kMaxSeed))
            fail("normalization.seed", "must be a whole number from 0 to " + std::to_string(limits::kMaxSeed));
        s_.seed = std::uint64_t(seed->number);
    }
}

void SceneReader::readMask(const Value& v) {
    object(v, "mask");
    if (const Value* c = v.find("causal")) s_.mask.causal = readBool(*c, "mask.causal");
    if (const Value* kp = v.find("key_padding")) {
        const std::string path = "mask.key_padding";
        if (kp->type != Type::Array) fail(path, "must be an array of true/false");
        // [] would read as "no padding" in a Scene, so its length is checked here.
        if (kp->array.size() != std::size_t(s_.keyCount()))
            fail(path, "has " + std::to_string(kp->array.size()) + " entries, keys have " +
                           std::to_string(s_.keyCount()));
        s_.mask.keyPadding.clear();
        for (std::size_t j = 0; j < kp->array.size(); ++j)
            s_.mask.keyPadding.push_back(readBool(kp->array[j], at(path, j)));
    }
    if (const Value* cells = v.find("cells")) {
        const std::string path = "mask.cells";
        if (cells->type != Type::Array) fail(path, "must be an array of [query, key] pairs");
        s_.mask.cells.clear();
        for (std::size_t c = 0; c < cells->array.size(); ++c) {
            const Value& cell = cells->array[c];
            if (cell.type != Type::Array || cell.array.size() != 2)
                fail(at(path, c), "must be a pair [query, key]");
            for (std::size_t k = 0; k < 2; ++k)
                if (!isWhole(cell.array[k])) fail(at(at(path, c), k), "must be a whole number");
            const double i = cell.array[0].number, j = cell.array[1].number;
            // Same message as validate(), but from the doubles, before they are
            // narrowed to int.
            if (i < 0 || i >= s_.queryCount() || j < 0 || j >= s_.keyCount())
                fail(at(path, c), "[" + formatWhole(i) + ", " + formatWhole(j) +
                                      "] is out of range (" + std::to_string(s_.queryCount()) +
                                      " queries, " + std::to_string(s_.keyCount()) + " keys)");
            s_.mask.cells.emplace_back(int(i), int(j));
        }
    }
}

void SceneReader::readProjections(const Value& v) {
    object(v, "projections");
    Projections& p = s_.projections;
    const std::pair<const char*, Matrix*> matrices[] = {
        {"Wq", &p.Wq}, {"Wk", &p.Wk}, {"Wv", &p.Wv}, {"Wo", &p.Wo}};
    for (const auto& [name, m] : matrices)
        if (const Value* w = v.find(name))
            readMatrix(*w, std::string("projections.") + name, limits::kMaxWidth, *m);
}

void SceneReader::read(const Value& root) {
    if (root.type != Type::Object) fail("top level", "must be an object");
    readHeader(root);
    if (const Value* t = root.find("title")) s_.title = readString(*t, "title");
    readInput(root, "queries", &s_.queryTokens, s_.queries);
    readInput(root, "keys", &s_.keyTokens, s_.keys);
    if (root.find("values")) {
        Matrix values;
        readInput(root, "values", nullptr, values);
        s_.values = std::move(values);
    }
    if (const Value* h = root.find("heads")) s_.heads = readCount(*h, "heads", limits::kMaxHeads);
    if (const Value* v = root.find("scoring")) readScoring(*v);
    if (const Value* v = root.find("normalization")) readNormalization(*v);
    if (const Value* v = root.find("mask")) readMask(*v);
    if (const Value* v = root.find("projections")) readProjections(*v);
}

// ---- Writing ----------------------------------------------------------------

void appendString(std::string& out, std::string_view s) { out += json::quote(s); }

// A valid scene or result holds only finite numbers. Should a non-finite one
// slip through, null keeps the file parseable and reading it back names the
// exact place.
void appendFloat(std::string& out, float f) {
    if (std::isfinite(f))
        out += formatFloat(f);
    else
        out += "null";
}

template <typename RowWriter>
void appendRows(std::string& out, Eigen::Index rows, int indent, RowWriter writeRow) {
    if (rows == 0) {
        out += "[]";
        return;
    }
    const std::string pad(std::size_t(indent) + 2, ' ');
    out += "[\n";
    for (Eigen::Index i = 0; i < rows; ++i) {
        out += pad;
        out += '[';
        writeRow(i);
        out += i + 1 < rows ? "],\n" : "]\n";
    }
    out.append(std::size_t(indent), ' ');
    out += ']';
}

// One matrix row per line: diffs and eyes both read it row by row.
void appendMatrix(std::string& out, const Matrix& m, int indent) {
    appendRows(out, m.rows(), indent, [&](Eigen::Index i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) out += ", ";
            appendFloat(out, m(i, j));
        }
    });
}

void appendMask(std::string& out, const MaskMatrix& m, int indent) {
    appendRows(out, m.rows(), indent, [&](Eigen::Index i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) out += ", ";
            out += m(i, j) ? "true" : "false";
        }
    });
}

void appendVector(std::string& out, const Vector& v) {
    out += '[';
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        appendFloat(out, v(i));
    }
    out += ']';
}

void appendTokens(std::string& out, const std::vector<std::string>& tokens) {
    out += '[';
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i) out += ", ";
        appendString(out, tokens[i]);
    }
    out += ']';
}

// Builds an object member by member, handling commas and indentation.
class ObjectWriter {
public:
    ObjectWriter(std::string& out, int indent) : out_(out), indent_(indent) { out_ += "{\n"; }
    // Starts a member; the caller appends its value.
    std::string& key(std::string_view name) {
        if (!first_) out_ += ",\n";
        first_ = false;
        out_.append(std::size_t(indent_) + 2, ' ');
        appendString(out_, name);
        out_ += ": ";
        return out_;
    }
    int valueIndent() const { return indent_ + 2; }
    void close() {
        out_ += '\n';
        out_.append(std::size_t(indent_), ' ');
        out_ += '}';
    }

private:
    std::string& out_;
    int indent_;
    bool first_ = true;
};

void appendInput(std::string& out, const std::vector<std::string>* tokens, const Matrix& m,
                 int indent) {
    ObjectWriter o(out, indent);
    if (tokens && !tokens->empty()) appendTokens(o.key("tokens"), *tokens);
    appendMatrix(o.key("matrix"), m, o.valueIndent());
    o.close();
}

void appendScoring(std::string& out, const Scene& s, int indent) {
    ObjectWriter o(out, indent);
    appendString(o.key("kind"), toString(s.scoring));
    if (!s.headParams.empty()) {
        std::string& list = o.key("head_params");
        list += "[\n";
        const int entryIndent = o.valueIndent() + 2;
        for (std::size_t h = 0; h < s.headParams.size(); ++h) {
            const HeadParams& p = s.headParams[h];
            list.append(std::size_t(entryIndent), ' ');
            // Only what the kind reads, as the reader does.
            const bool general = s.scoring == Scoring::General;
            const bool additive = s.scoring == Scoring::Additive;
            const bool any = (general && p.W.size()) ||
                             (additive && (p.Wq.size() || p.Wk.size() || p.v.size()));
            if (!any) {
                list += "{}";
            } else {
                ObjectWriter e(list, entryIndent);
                if (general && p.W.size()) appendMatrix(e.key("W"), p.W, e.valueIndent());
                if (additive && p.Wq.size()) appendMatrix(e.key("Wq"), p.Wq, e.valueIndent());
                if (additive && p.Wk.size()) appendMatrix(e.key("Wk"), p.Wk, e.valueIndent());
                if (additive && p.v.size()) appendVector(e.key("v"), p.v);
                e.close();
            }
            list += h + 1 < s.headParams.size() ? ",\n" : "\n";
        }
        list.append(std::size_t(o.valueIndent()), ' ');
        list += ']';
    }
    o.close();
}

void appendMaskSpec(std::string& out, const MaskSpec& m, int indent) {
    ObjectWriter o(out, indent);
    o.key("causal") += m.causal ? "true" : "false";
    if (!m.keyPadding.empty()) {
        std::string& kp = o.key("key_padding");
        kp += '[';
        for (std::size_t j = 0; j < m.keyPadding.size(); ++j) {
            if (j) kp += ", ";
            kp += m.keyPadding[j] ? "true" : "false";
        }
        kp += ']';
    }
    if (!m.cells.empty()) {
        std::string& cells = o.key("cells");
        cells += '[';
        for (std::size_t c = 0; c < m.cells.size(); ++c) {
            if (c) cells += ", ";
            cells += '[' + std::to_string(m.cells[c].first) + ", " +
                     std::to_string(m.cells[c].second) + ']';
        }
        cells += ']';
    }
    o.close();
}

// The process umask, read without changing it (umask(2) can only be read by
// setting it, which would race with other threads creating files).
mode_t currentUmask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Umask:")) return mode_t(std::strtol(line.c_str() + 6, nullptr, 8));
    return 022;
}

}  // namespace

std::string formatFloat(float value) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

SceneReadResult parseScene(std::string_view text, const std::string& fileName) {
    SceneReadResult result;
    const json::ParseResult parsed = json::parse(text, limits::kMaxJsonDepth);
    if (!parsed.ok) {
        result.error = fileName + ":" + std::to_string(parsed.line) + ":" +
                       std::to_string(parsed.column) + ": " + parsed.error;
        return result;
    }
    try {
        SceneReader(result.scene).read(parsed.value);
    } catch (const SceneError& e) {
        result.scene = Scene{};
        result.error = fileName + ": " + e.message;
        return result;
    }
    if (std::string problem = validate(result.scene); !problem.empty()) {
        result.scene = Scene{};
        result.error = fileName + ": " + problem;
        return result;
    }
    result.ok = true;
    return result;
}

SceneReadResult readSceneFile(const std::string& path) {
    TextFileRead file = readTextFile(path, limits::kMaxFileBytes);
    if (!file.ok) {
        SceneReadResult result;
        result.error = path + ": " + file.error;
        return result;
    }
    return parseScene(file.text, path);
}

std::string sceneToJson(const Scene& s) {
    std::string out;
    ObjectWriter o(out, 0);
    appendString(o.key("format"), kSceneFormat);
    o.key("version") += std::to_string(kVersion);
    if (!s.title.empty()) appendString(o.key("title"), s.title);
    appendInput(o.key("queries"), &s.queryTokens, s.queries, o.valueIndent());
    appendInput(o.key("keys"), &s.keyTokens, s.keys, o.valueIndent());
    if (s.values) appendInput(o.key("values"), nullptr, *s.values, o.valueIndent());
    o.key("heads") += std::to_string(s.heads);
    appendScoring(o.key("scoring"), s, o.valueIndent());
    {
        std::string& n = o.key("normalization");
        n += "{ \"kind\": ";
        appendString(n, toString(s.normalization));
        n += ", \"temperature\": ";
        appendFloat(n, s.temperature);
        n += ", \"k\": " + std::to_string(s.topK);
        // Written where they matter or were set, so older files keep their form.
        if (s.normalization == Normalization::Sample || s.samples != 1 || s.seed != 0)
            n += ", \"samples\": " + std::to_string(s.samples) + ", \"seed\": " + std::to_string(s.seed);
        n += " }";
    }
    appendMaskSpec(o.key("mask"), s.mask, o.valueIndent());
    const Projections& p = s.projections;
    if (p.Wq.size() || p.Wk.size() || p.Wv.size() || p.Wo.size()) {
        ObjectWriter po(o.key("projections"), o.valueIndent());
        const std::pair<const char*, const Matrix*> matrices[] = {
            {"Wq", &p.Wq}, {"Wk", &p.Wk}, {"Wv", &p.Wv}, {"Wo", &p.Wo}};
        for (const auto& [name, m] : matrices)
            if (m->size()) appendMatrix(po.key(name), *m, po.valueIndent());
        po.close();
    }
    o.close();
    out += '\n';
    return out;
}

std::string resultToJson(const AttentionResult& r, const std::vector<std::string>& queryTokens,
                         const std::vector<std::string>& keyTokens) {
    std::string out;
    ObjectWriter o(out, 0);
    appendString(o.key("format"), kResultFormat);
    o.key("version") += std::to_string(kVersion);
    if (!queryTokens.empty()) appendTokens(o.key("query_tokens"), queryTokens);
    if (!keyTokens.empty()) appendTokens(o.key("key_tokens"), keyTokens);
    appendMask(o.key("mask"), r.mask, o.valueIndent());
    std::string& heads = o.key("heads");
    if (r.heads.empty()) {
        heads += "[]";
    } else {
        heads += "[\n";
        const int headIndent = o.valueIndent() + 2;
        for (std::size_t h = 0; h < r.heads.size(); ++h) {
            heads.append(std::size_t(headIndent), ' ');
            ObjectWriter ho(heads, headIndent);
            appendMatrix(ho.key("scores"), r.heads[h].scores, ho.valueIndent());
            appendMatrix(ho.key("weights"), r.heads[h].weights, ho.valueIndent());
            appendMatrix(ho.key("context"), r.heads[h].context, ho.valueIndent());
            ho.close();
            heads += h + 1 < r.heads.size() ? ",\n" : "\n";
        }
        heads.append(std::size_t(o.valueIndent()), ' ');
        heads += ']';
    }
    appendMatrix(o.key("weights_mean"), r.weightsMean, o.valueIndent());
    appendMatrix(o.key("output"), r.output, o.valueIndent());
    std::string& rows = o.key("fully_masked_rows");
    rows += '[';
    for (std::size_t i = 0; i < r.fullyMaskedRows.size(); ++i) {
        if (i) rows += ", ";
        rows += std::to_string(r.fullyMaskedRows[i]);
    }
    rows += ']';
    o.close();
    out += '\n';
    return out;
}

std::string writeFileAtomically(const std::string& path, std::string_view bytes) {
    // Through a symbolic link, replace the file it points to and keep the link.
    std::string target = path;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        if (char* resolved = ::realpath(path.c_str(), nullptr)) {
            target = resolved;
            std::free(resolved);
        }
    }
    const std::size_t slash = target.rfind('/');
    const std::string dir = slash == std::string::npos ? "."
                            : slash == 0                ? "/"
                                                        : target.substr(0, slash);
    const std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
    if (base.empty()) return path + ": cannot write: is a directory";

    // Hidden and named after the target, so that a leftover after a crash
    // says where it came from.
    std::string temp = (dir == "/" ? "/" : dir + "/") + "." + base + ".XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        return path + ": cannot create a temporary file in " + dir + ": " + errnoText(errno);

    auto abandon = [&](const std::string& what, int err) {
        ::unlink(temp.c_str());
        return path + ": " + what + ": " + errnoText(err);
    };
    // mkstemp makes the file 0600; give it the mode the target has, or the
    // one a newly created file would get.
    const mode_t mode = ::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)
                            ? st.st_mode & 07777
                            : 0666 & ~currentUmask();
    ::fchmod(fd, mode);  // best effort: the data matters more than its mode

    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return abandon("cannot write", err);
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return abandon("cannot write", err);
    }
    if (::close(fd) != 0) return abandon("cannot write", errno);
    if (::rename(temp.c_str(), target.c_str()) != 0) return abandon("cannot replace", errno);

    // Make the rename itself durable; failing here loses nothing already written.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

}  // namespace ap
