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

// The first problem ends reading: every step returns it at once.
class Builder {
public:
    Builder(Captured& c, Scene& scene) : c_(c), s_(scene) {}
    Status build();

private:
    // "json.path: what is wrong"
    static Status fail(const std::string& path, const std::string& what) { return Status::error(path + ": " + what); }
    static std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }
    static Status object(Type t, const std::string& path) {
        if (t != Type::Object) return fail(path, "must be an object");
        return {};
    }

    static Status readFloat(const Value& v, const std::string& path, float& out);
    static Status readMatrix(Rows& r, const std::string& path, int maxRows, Matrix& out);
    static Status readVector(Numbers& n, const std::string& path, Vector& out);
    static Status readCount(const Value& v, const std::string& path, int limit, int& out);
    static Status readBool(const Value& v, const std::string& path, bool& out);
    static Status readString(Value& v, const std::string& path, std::string& out);
    Status readInput(Input& in, const char* name, std::vector<std::string>* tokens, Matrix& matrix);
    Status readHeader();
    Status readScoring();
    Status readNormalization();
    Status readMask();
    Status readProjections();

    Captured& c_;
    Scene& s_;
};

Status Builder::readFloat(const Value& v, const std::string& path, float& out) {
    if (!v.isNumber()) return fail(path, "must be a number");
    if (!std::isfinite(v.numberFloat)) return fail(path, "not a finite number (out of float range)");
    out = v.numberFloat;
    return {};
}

Status Builder::readMatrix(Rows& r, const std::string& path, int maxRows, Matrix& out) {
    if (r.type != Type::Array) return fail(path, "must be an array of rows");
    // The limits are checked before allocating, with validate()'s messages.
    if (r.rows == 0) return fail(path, "must have at least one row");
    if (r.rows > std::size_t(maxRows))
        return fail(path, std::to_string(r.rows) + " rows exceed the limit of " + std::to_string(maxRows));
    if (r.firstNonArray != kNone) return fail(at(path, r.firstNonArray), "must be an array of numbers");
    if (r.cols == 0) return fail(path, "must have at least one column");
    if (r.cols > std::size_t(limits::kMaxWidth))
        return fail(path, std::to_string(r.cols) + " columns exceed the limit of " + std::to_string(limits::kMaxWidth));
    if (r.firstRagged != kNone)
        return fail(at(path, r.firstRagged),
                    "has " + std::to_string(r.raggedCount) + " entries, row 0 has " + std::to_string(r.cols));
    if (r.bad == Bad::NotNumber) return fail(at(at(path, r.badRow), r.badCol), "must be a number");
    if (r.bad == Bad::NotFinite)
        return fail(at(at(path, r.badRow), r.badCol), "not a finite number (out of float range)");
    out = Eigen::Map<const Matrix>(r.data.data(), Eigen::Index(r.rows), Eigen::Index(r.cols));
    r.data = {};
    return {};
}

Status Builder::readVector(Numbers& n, const std::string& path, Vector& out) {
    if (n.type != Type::Array) return fail(path, "must be an array of numbers");
    if (n.count == 0) return fail(path, "must have at least one entry");
    // Its length is bounded by the Wq/Wk checks of validate(); this bound only
    // keeps the allocation in proportion before that.
    if (n.count > std::size_t(limits::kMaxAdditiveWidth))
        return fail(path, std::to_string(n.count) + " entries exceed the limit of " +
                              std::to_string(limits::kMaxAdditiveWidth));
    if (n.bad == Bad::NotNumber) return fail(at(path, n.badIndex), "must be a number");
    if (n.bad == Bad::NotFinite) return fail(at(path, n.badIndex), "not a finite number (out of float range)");
    out = Eigen::Map<const Vector>(n.data.data(), Eigen::Index(n.count));
    return {};
}

// A whole number >= 1 (heads, k). Values above `limit` are refused here, where
// the double is still at hand, so the message shows the number as written.
Status Builder::readCount(const Value& v, const std::string& path, int limit, int& out) {
    if (!isWhole(v) || v.number < 1) return fail(path, "must be a whole number >= 1");
    if (v.number > limit) return fail(path, formatWhole(v.number) + " exceeds the limit of " + std::to_string(limit));
    out = static_cast<int>(v.number);
    return {};
}

Status Builder::readBool(const Value& v, const std::string& path, bool& out) {
    if (v.type != Type::Bool) return fail(path, "must be true or false");
    out = v.boolean;
    return {};
}

Status Builder::readString(Value& v, const std::string& path, std::string& out) {
    if (v.type != Type::String) return fail(path, "must be a string");
    out = std::move(v.string);
    return {};
}

Status Builder::readInput(Input& in, const char* name, std::vector<std::string>* tokens, Matrix& matrix) {
    if (!in.present) return fail(name, "missing");
    if (Status st = object(in.type, name); !st) return st;
    const std::string base = name;
    if (!in.matrix.present) return fail(base + ".matrix", "missing");
    if (Status st = readMatrix(in.matrix, base + ".matrix", limits::kMaxTokens, matrix); !st) return st;
    if (!tokens || !in.tokens.present) return {};
    const Strings& t = in.tokens;
    const std::string path = base + ".tokens";
    if (t.type != Type::Array) return fail(path, "must be an array of strings");
    // Checked before the strings are used; validate() says it again for
    // scenes built in code.
    if (t.count != std::size_t(matrix.rows()))
        return fail(path, "has " + std::to_string(t.count) + " entries, " + base + ".matrix has " +
                              std::to_string(matrix.rows()) + " rows");
    if (t.firstNonString != kNone) return fail(at(path, t.firstNonString), "must be a string");
    *tokens = std::move(in.tokens.items);
    return {};
}

Status Builder::readHeader() {
    if (!c_.format.present) return fail("format", "missing");
    const Value& format = c_.format.value;
    if (format.type != Type::String || format.string != kSceneFormat)
        return fail("format", std::string("expected \"") + kSceneFormat + "\"");
    if (!c_.version.present) return fail("version", "missing");
    const Value& version = c_.version.value;
    if (!isWhole(version)) return fail("version", "must be a whole number");
    if (version.number != kVersion)
        return fail("version", "unsupported version " + formatWhole(version.number) + " (this build reads version " +
                                   std::to_string(kVersion) + ")");
    return {};
}

Status Builder::readScoring() {
    if (Status st = object(c_.scoringType, "scoring"); !st) return st;
    if (c_.scoringKind.present) {
        std::string name;
        if (Status st = readString(c_.scoringKind.value, "scoring.kind", name); !st) return st;
        const auto parsed = scoringFromString(name);
        if (!parsed)
            return fail("scoring.kind", "unknown kind " + json::quote(name, kEchoBytes) +
                                            " (expected dot, scaled_dot, general, additive, cosine)");
        s_.scoring = *parsed;
    }
    if (!c_.headParamsPresent) return {};
    const std::string path = "scoring.head_params";
    if (c_.headParamsType != Type::Array) return fail(path, "must be an array");
    if (c_.headParamsCount != std::size_t(s_.heads))
        return fail(path,
                    "has " + std::to_string(c_.headParamsCount) + " entries, heads is " + std::to_string(s_.heads));
    s_.headParams.assign(c_.headParams.size(), HeadParams{});
    for (std::size_t h = 0; h < c_.headParams.size(); ++h) {
        const std::string entry = at(path, h);
        HeadEntry& e = c_.headParams[h];
        if (!e.isObject) return fail(entry, "must be an object");
        HeadParams& p = s_.headParams[h];
        Status st;
        // Each kind reads only its own parameters.
        if (s_.scoring == Scoring::General) {
            if (e.W.present) st = readMatrix(e.W, entry + ".W", limits::kMaxWidth, p.W);
        } else if (s_.scoring == Scoring::Additive) {
            if (st && e.Wq.present) st = readMatrix(e.Wq, entry + ".Wq", limits::kMaxAdditiveWidth, p.Wq);
            if (st && e.Wk.present) st = readMatrix(e.Wk, entry + ".Wk", limits::kMaxAdditiveWidth, p.Wk);
            if (st && e.v.present) st = readVector(e.v, entry + ".v", p.v);
        }
        if (!st) return st;
    }
    return {};
}

Status Builder::readNormalization() {
    if (Status st = object(c_.normalizationType, "normalization"); !st) return st;
    if (c_.normKind.present) {
        std::string name;
        if (Status st = readString(c_.normKind.value, "normalization.kind", name); !st) return st;
        const auto parsed = normalizationFromString(name);
        if (!parsed)
            return fail("normalization.kind", "unknown kind " + json::quote(name, kEchoBytes) +
                                                  " (expected softmax, hard, topk, sparsemax, sample)");
        s_.normalization = *parsed;
    }
    if (c_.temperature.present)
        if (Status st = readFloat(c_.temperature.value, "normalization.temperature", s_.temperature); !st) return st;
    // k only matters for topk, but where it is written it is checked and kept
    // whatever the kind, so that switching the kind to topk later (in the
    // application) never meets a bad k, and a file keeps its k on a round trip.
    if (c_.k.present)
        if (Status st = readCount(c_.k.value, "normalization.k", INT_MAX, s_.topK); !st) return st;
    // samples and seed, like k, are kept whatever the kind.
    if (c_.samples.present)
        if (Status st = readCount(c_.samples.value, "normalization.samples", limits::kMaxSamples, s_.samples); !st)
            return st;
    if (c_.seed.present) {
        const Value& seed = c_.seed.value;
        if (!isWhole(seed) || seed.number < 0 || seed.number > double(limits::kMaxSeed))
            return fail("normalization.seed", "must be a whole number from 0 to " + std::to_string(limits::kMaxSeed));
        s_.seed = std::uint64_t(seed.number);
    }
    return {};
}

Status Builder::readMask() {
    if (Status st = object(c_.maskType, "mask"); !st) return st;
    if (c_.causal.present)
        if (Status st = readBool(c_.causal.value, "mask.causal", s_.mask.causal); !st) return st;
    if (c_.keyPadding.present) {
        const Bools& kp = c_.keyPadding;
        const std::string path = "mask.key_padding";
        if (kp.type != Type::Array) return fail(path, "must be an array of true/false");
        // [] would read as "no padding" in a Scene, so its length is checked here.
        if (kp.count != std::size_t(s_.keyCount()))
            return fail(path,
                        "has " + std::to_string(kp.count) + " entries, keys have " + std::to_string(s_.keyCount()));
        if (kp.firstNonBool != kNone) return fail(at(path, kp.firstNonBool), "must be true or false");
        s_.mask.keyPadding = kp.items;
    }
    if (c_.cells.present) {
        const Cells& cells = c_.cells;
        const std::string path = "mask.cells";
        if (cells.type != Type::Array) return fail(path, "must be an array of [query, key] pairs");
        const auto outOfRange = [&](std::size_t c, double i, double j) {
            // Same message as validate(), but from the doubles, before they
            // are narrowed to int.
            return fail(at(path, c), "[" + formatWhole(i) + ", " + formatWhole(j) + "] is out of range (" +
                                         std::to_string(s_.queryCount()) + " queries, " +
                                         std::to_string(s_.keyCount()) + " keys)");
        };
        for (std::size_t c = 0; c < cells.pairs.size(); ++c) {
            const auto [i, j] = cells.pairs[c];
            if (i >= s_.queryCount() || j >= s_.keyCount()) return outOfRange(c, i, j);
        }
        switch (cells.problem) {
        case Cells::Problem::None: break;
        case Cells::Problem::NotPair: return fail(at(path, cells.problemIndex), "must be a pair [query, key]");
        case Cells::Problem::NotWhole:
            return fail(at(at(path, cells.problemIndex), cells.problemMember), "must be a whole number");
        case Cells::Problem::Range: return outOfRange(cells.problemIndex, cells.problemI, cells.problemJ);
        }
        s_.mask.cells = cells.pairs;
    }
    return {};
}

Status Builder::readProjections() {
    if (Status st = object(c_.projectionsType, "projections"); !st) return st;
    Projections& p = s_.projections;
    const std::tuple<const char*, Rows*, Matrix*> matrices[] = {{"Wq", &c_.Wq, &p.Wq},
                                                                {"Wk", &c_.Wk, &p.Wk},
                                                                {"Wv", &c_.Wv, &p.Wv},
                                                                {"Wo", &c_.Wo, &p.Wo}};
    for (const auto& [name, rows, m] : matrices)
        if (rows->present)
            if (Status st = readMatrix(*rows, std::string("projections.") + name, limits::kMaxWidth, *m); !st)
                return st;
    return {};
}

Status Builder::build() {
    if (c_.rootType != Type::Object) return fail("top level", "must be an object");
    if (Status st = readHeader(); !st) return st;
    if (c_.title.present)
        if (Status st = readString(c_.title.value, "title", s_.title); !st) return st;
    if (Status st = readInput(c_.queries, "queries", &s_.queryTokens, s_.queries); !st) return st;
    if (Status st = readInput(c_.keys, "keys", &s_.keyTokens, s_.keys); !st) return st;
    if (c_.values.present) {
        Matrix values;
        if (Status st = readInput(c_.values, "values", nullptr, values); !st) return st;
        s_.values = std::move(values);
    }
    if (c_.heads.present)
        if (Status st = readCount(c_.heads.value, "heads", limits::kMaxHeads, s_.heads); !st) return st;
    Status st;
    if (c_.scoringPresent) st = readScoring();
    if (st && c_.normalizationPresent) st = readNormalization();
    if (st && c_.maskPresent) st = readMask();
    if (st && c_.projectionsPresent) st = readProjections();
    return st;
}

}  // namespace
}  // namespace ap::scene_file

namespace ap {

SceneReadResult parseScene(std::string_view text, const std::string& fileName) {
    scene_file::Captured captured;
    if (Status st = scene_file::capture(text, captured); !st.ok)
        return SceneReadResult::failure(fileName + ":" + st.message);
    SceneReadResult result;
    if (Status st = scene_file::Builder(captured, result.value).build(); !st)
        return SceneReadResult::failure(fileName + ": " + st.message);
    if (Status valid = validate(result.value); !valid.ok)
        return SceneReadResult::failure(fileName + ": " + valid.message);
    result.ok = true;
    return result;
}

SceneReadResult readSceneFile(const std::string& path) {
    const Result<std::string> file = readTextFile(path, limits::kMaxFileBytes);
    if (!file.ok) return SceneReadResult::failure(path + ": " + file.error);
    return parseScene(file.value, path);
}

}  // namespace ap
