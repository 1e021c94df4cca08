// Reading scene files, in three steps:
//  1. (scene_capture.cpp) one pass of the JSON tokenizer over the text keeps only what a scene
//     can use: numbers go straight into flat float buffers, strings and
//     booleans into vectors, and anything else is only checked for syntax.
//     A file that does not parse is refused here with its line and column,
//     before any of its content is judged, as a tree parser would.
//  2. the captured parts are checked in a fixed order (format, version,
//     title, queries, keys, values, heads, scoring, normalization, mask,
//     projections) for what a Scene cannot express: types, ragged rows,
//     missing fields, numbers beyond float. The first problem ends reading.
//  3. validate() checks the Scene itself, so that scenes built in code and
//     scenes read from files obey the same rules with the same messages.
//
// Unknown keys are ignored at every level, so that files written by a later
// version that adds fields still open here. A known key whose value has the
// wrong type is an error, and so is null: absence is the only way to ask for
// a default.
//
// Memory: the captured buffers hold 4 bytes a number and stop growing as
// soon as their content is certain to be refused (more rows or columns than
// the limits), so a file of N bytes needs at most about 2N bytes besides its
// text, however it is shaped.
#include "io/scene_reader.h"

#include "io/scene_capture.h"
#include "io/text_file.h"

#include <cmath>
#include <optional>

namespace ap::scene_file {
namespace {

// ---- Step 2: judging the captured parts --------------------------------------

// The first problem ends reading; throwing it spares every check a status
// test, and it never leaves this file.
struct SceneError {
    std::string message;  // "json.path: what is wrong"
};

class Builder {
public:
    Builder(Captured& c, Scene& scene) : c_(c), s_(scene) {}
    void build();

private:
    [[noreturn]] static void fail(const std::string& path, const std::string& what) {
        throw SceneError{path + ": " + what};
    }
    static std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }
    static void object(Type t, const std::string& path) {
        if (t != Type::Object) fail(path, "must be an object");
    }

    static float readFloat(const Value& v, const std::string& path);
    static void readMatrix(Rows& r, const std::string& path, int maxRows, Matrix& out);
    static void readVector(Numbers& n, const std::string& path, Vector& out);
    static int readCount(const Value& v, const std::string& path, int limit);
    static bool readBool(const Value& v, const std::string& path);
    static std::string readString(Value& v, const std::string& path);
    void readInput(Input& in, const char* name, std::vector<std::string>* tokens, Matrix& matrix);
    void readHeader();
    void readScoring();
    void readNormalization();
    void readMask();
    void readProjections();

    Captured& c_;
    Scene& s_;
};

float Builder::readFloat(const Value& v, const std::string& path) {
    if (!v.isNumber()) fail(path, "must be a number");
    if (!std::isfinite(v.numberFloat)) fail(path, "not a finite number (out of float range)");
    return v.numberFloat;
}

void Builder::readMatrix(Rows& r, const std::string& path, int maxRows, Matrix& out) {
    if (r.type != Type::Array) fail(path, "must be an array of rows");
    // The limits are checked before allocating, with validate()'s messages.
    if (r.rows == 0) fail(path, "must have at least one row");
    if (r.rows > std::size_t(maxRows))
        fail(path, std::to_string(r.rows) + " rows exceed the limit of " + std::to_string(maxRows));
    if (r.firstNonArray != kNone) fail(at(path, r.firstNonArray), "must be an array of numbers");
    if (r.cols == 0) fail(path, "must have at least one column");
    if (r.cols > std::size_t(limits::kMaxWidth))
        fail(path, std::to_string(r.cols) + " columns exceed the limit of " + std::to_string(limits::kMaxWidth));
    if (r.firstRagged != kNone)
        fail(at(path, r.firstRagged),
             "has " + std::to_string(r.raggedCount) + " entries, row 0 has " + std::to_string(r.cols));
    if (r.bad == Bad::NotNumber) fail(at(at(path, r.badRow), r.badCol), "must be a number");
    if (r.bad == Bad::NotFinite) fail(at(at(path, r.badRow), r.badCol), "not a finite number (out of float range)");
    out = Eigen::Map<const Matrix>(r.data.data(), Eigen::Index(r.rows), Eigen::Index(r.cols));
    r.data = {};
}

void Builder::readVector(Numbers& n, const std::string& path, Vector& out) {
    if (n.type != Type::Array) fail(path, "must be an array of numbers");
    if (n.count == 0) fail(path, "must have at least one entry");
    // Its length is bounded by the Wq/Wk checks of validate(); this bound only
    // keeps the allocation in proportion before that.
    if (n.count > std::size_t(limits::kMaxAdditiveWidth))
        fail(path,
             std::to_string(n.count) + " entries exceed the limit of " + std::to_string(limits::kMaxAdditiveWidth));
    if (n.bad == Bad::NotNumber) fail(at(path, n.badIndex), "must be a number");
    if (n.bad == Bad::NotFinite) fail(at(path, n.badIndex), "not a finite number (out of float range)");
    out = Eigen::Map<const Vector>(n.data.data(), Eigen::Index(n.count));
}

// A whole number >= 1 (heads, k). Values above `limit` are refused here, where
// the double is still at hand, so the message shows the number as written.
int Builder::readCount(const Value& v, const std::string& path, int limit) {
    if (!isWhole(v) || v.number < 1) fail(path, "must be a whole number >= 1");
    if (v.number > limit) fail(path, formatWhole(v.number) + " exceeds the limit of " + std::to_string(limit));
    return static_cast<int>(v.number);
}

bool Builder::readBool(const Value& v, const std::string& path) {
    if (v.type != Type::Bool) fail(path, "must be true or false");
    return v.boolean;
}

std::string Builder::readString(Value& v, const std::string& path) {
    if (v.type != Type::String) fail(path, "must be a string");
    return std::move(v.string);
}

void Builder::readInput(Input& in, const char* name, std::vector<std::string>* tokens, Matrix& matrix) {
    if (!in.present) fail(name, "missing");
    object(in.type, name);
    const std::string base = name;
    if (!in.matrix.present) fail(base + ".matrix", "missing");
    readMatrix(in.matrix, base + ".matrix", limits::kMaxTokens, matrix);
    if (!tokens || !in.tokens.present) return;
    const Strings& t = in.tokens;
    const std::string path = base + ".tokens";
    if (t.type != Type::Array) fail(path, "must be an array of strings");
    // Checked before the strings are used; validate() says it again for
    // scenes built in code.
    if (t.count != std::size_t(matrix.rows()))
        fail(path, "has " + std::to_string(t.count) + " entries, " + base + ".matrix has " +
                       std::to_string(matrix.rows()) + " rows");
    if (t.firstNonString != kNone) fail(at(path, t.firstNonString), "must be a string");
    *tokens = std::move(in.tokens.items);
}

void Builder::readHeader() {
    if (!c_.format.present) fail("format", "missing");
    const Value& format = c_.format.value;
    if (format.type != Type::String || format.string != kSceneFormat)
        fail("format", std::string("expected \"") + kSceneFormat + "\"");
    if (!c_.version.present) fail("version", "missing");
    const Value& version = c_.version.value;
    if (!isWhole(version)) fail("version", "must be a whole number");
    if (version.number != kVersion)
        fail("version", "unsupported version " + formatWhole(version.number) + " (this build reads version " +
                            std::to_string(kVersion) + ")");
}

void Builder::readScoring() {
    object(c_.scoringType, "scoring");
    if (c_.scoringKind.present) {
        const std::string name = readString(c_.scoringKind.value, "scoring.kind");
        const auto parsed = scoringFromString(name);
        if (!parsed)
            fail("scoring.kind", "unknown kind " + json::quote(name, kEchoBytes) +
                                     " (expected dot, scaled_dot, general, additive, cosine)");
        s_.scoring = *parsed;
    }
    if (!c_.headParamsPresent) return;
    const std::string path = "scoring.head_params";
    if (c_.headParamsType != Type::Array) fail(path, "must be an array");
    if (c_.headParamsCount != std::size_t(s_.heads))
        fail(path, "has " + std::to_string(c_.headParamsCount) + " entries, heads is " + std::to_string(s_.heads));
    s_.headParams.assign(c_.headParams.size(), HeadParams{});
    for (std::size_t h = 0; h < c_.headParams.size(); ++h) {
        const std::string entry = at(path, h);
        HeadEntry& e = c_.headParams[h];
        if (!e.isObject) fail(entry, "must be an object");
        HeadParams& p = s_.headParams[h];
        // Each kind reads only its own parameters.
        if (s_.scoring == Scoring::General) {
            if (e.W.present) readMatrix(e.W, entry + ".W", limits::kMaxWidth, p.W);
        } else if (s_.scoring == Scoring::Additive) {
            if (e.Wq.present) readMatrix(e.Wq, entry + ".Wq", limits::kMaxAdditiveWidth, p.Wq);
            if (e.Wk.present) readMatrix(e.Wk, entry + ".Wk", limits::kMaxAdditiveWidth, p.Wk);
            if (e.v.present) readVector(e.v, entry + ".v", p.v);
        }
    }
}

void Builder::readNormalization() {
    object(c_.normalizationType, "normalization");
    if (c_.normKind.present) {
        const std::string name = readString(c_.normKind.value, "normalization.kind");
        const auto parsed = normalizationFromString(name);
        if (!parsed)
            fail("normalization.kind", "unknown kind " + json::quote(name, kEchoBytes) +
                                           " (expected softmax, hard, topk, sparsemax, sample)");
        s_.normalization = *parsed;
    }
    if (c_.temperature.present) s_.temperature = readFloat(c_.temperature.value, "normalization.temperature");
    // k only matters for topk, but where it is written it is checked and kept
    // whatever the kind, so that switching the kind to topk later (in the
    // application) never meets a bad k, and a file keeps its k on a round trip.
    if (c_.k.present) s_.topK = readCount(c_.k.value, "normalization.k", INT_MAX);
    // samples and seed, like k, are kept whatever the kind.
    if (c_.samples.present) s_.samples = readCount(c_.samples.value, "normalization.samples", limits::kMaxSamples);
    if (c_.seed.present) {
        const Value& seed = c_.seed.value;
        if (!isWhole(seed) || seed.number < 0 || seed.number > double(limits::kMaxSeed))
            fail("normalization.seed", "must be a whole number from 0 to " + std::to_string(limits::kMaxSeed));
        s_.seed = std::uint64_t(seed.number);
    }
}

void Builder::readMask() {
    object(c_.maskType, "mask");
    if (c_.causal.present) s_.mask.causal = readBool(c_.causal.value, "mask.causal");
    if (c_.keyPadding.present) {
        const Bools& kp = c_.keyPadding;
        const std::string path = "mask.key_padding";
        if (kp.type != Type::Array) fail(path, "must be an array of true/false");
        // [] would read as "no padding" in a Scene, so its length is checked here.
        if (kp.count != std::size_t(s_.keyCount()))
            fail(path, "has " + std::to_string(kp.count) + " entries, keys have " + std::to_string(s_.keyCount()));
        if (kp.firstNonBool != kNone) fail(at(path, kp.firstNonBool), "must be true or false");
        s_.mask.keyPadding = kp.items;
    }
    if (c_.cells.present) {
        const Cells& cells = c_.cells;
        const std::string path = "mask.cells";
        if (cells.type != Type::Array) fail(path, "must be an array of [query, key] pairs");
        const auto outOfRange = [&](std::size_t c, double i, double j) {
            // Same message as validate(), but from the doubles, before they
            // are narrowed to int.
            fail(at(path, c), "[" + formatWhole(i) + ", " + formatWhole(j) + "] is out of range (" +
                                  std::to_string(s_.queryCount()) + " queries, " + std::to_string(s_.keyCount()) +
                                  " keys)");
        };
        for (std::size_t c = 0; c < cells.pairs.size(); ++c) {
            const auto [i, j] = cells.pairs[c];
            if (i >= s_.queryCount() || j >= s_.keyCount()) outOfRange(c, i, j);
        }
        switch (cells.problem) {
        case Cells::Problem::None: break;
        case Cells::Problem::NotPair: fail(at(path, cells.problemIndex), "must be a pair [query, key]");
        case Cells::Problem::NotWhole:
            fail(at(at(path, cells.problemIndex), cells.problemMember), "must be a whole number");
        case Cells::Problem::Range: outOfRange(cells.problemIndex, cells.problemI, cells.problemJ);
        }
        s_.mask.cells = cells.pairs;
    }
}

void Builder::readProjections() {
    object(c_.projectionsType, "projections");
    Projections& p = s_.projections;
    const std::tuple<const char*, Rows*, Matrix*> matrices[] = {{"Wq", &c_.Wq, &p.Wq},
                                                                {"Wk", &c_.Wk, &p.Wk},
                                                                {"Wv", &c_.Wv, &p.Wv},
                                                                {"Wo", &c_.Wo, &p.Wo}};
    for (const auto& [name, rows, m] : matrices)
        if (rows->present) readMatrix(*rows, std::string("projections.") + name, limits::kMaxWidth, *m);
}

void Builder::build() {
    if (c_.rootType != Type::Object) fail("top level", "must be an object");
    readHeader();
    if (c_.title.present) s_.title = readString(c_.title.value, "title");
    readInput(c_.queries, "queries", &s_.queryTokens, s_.queries);
    readInput(c_.keys, "keys", &s_.keyTokens, s_.keys);
    if (c_.values.present) {
        Matrix values;
        readInput(c_.values, "values", nullptr, values);
        s_.values = std::move(values);
    }
    if (c_.heads.present) s_.heads = readCount(c_.heads.value, "heads", limits::kMaxHeads);
    if (c_.scoringPresent) readScoring();
    if (c_.normalizationPresent) readNormalization();
    if (c_.maskPresent) readMask();
    if (c_.projectionsPresent) readProjections();
}

}  // namespace
}  // namespace ap::scene_file

namespace ap {

SceneReadResult parseScene(std::string_view text, const std::string& fileName) {
    scene_file::Captured captured;
    if (Status st = scene_file::capture(text, captured); !st.ok)
        return SceneReadResult::failure(fileName + ":" + st.message);
    SceneReadResult result;
    try {
        scene_file::Builder(captured, result.value).build();
    } catch (const scene_file::SceneError& e) {
        return SceneReadResult::failure(fileName + ": " + e.message);
    }
    if (std::string problem = validate(result.value); !problem.empty())
        return SceneReadResult::failure(fileName + ": " + problem);
    result.ok = true;
    return result;
}

SceneReadResult readSceneFile(const std::string& path) {
    const Result<std::string> file = readTextFile(path, limits::kMaxFileBytes);
    if (!file.ok) return SceneReadResult::failure(path + ": " + file.error);
    return parseScene(file.value, path);
}

}  // namespace ap
