#include "core/scene.h"

#include "core/enum_names.h"
#include "core/status.h"

#include <cmath>
#include <string_view>

namespace ap {

namespace {

// Names in files and on the command line, and in the views.
constexpr EnumName<Scoring> kScoringNames[] = {
    {Scoring::Dot, "dot"},           {Scoring::ScaledDot, "scaled_dot"}, {Scoring::General, "general"},
    {Scoring::Additive, "additive"}, {Scoring::Cosine, "cosine"},
};
constexpr EnumName<Scoring> kScoringDisplayNames[] = {
    {Scoring::Dot, "dot"},           {Scoring::ScaledDot, "scaled dot"}, {Scoring::General, "general"},
    {Scoring::Additive, "additive"}, {Scoring::Cosine, "cosine"},
};
constexpr EnumName<Normalization> kNormalizationNames[] = {
    {Normalization::Softmax, "softmax"},     {Normalization::Hard, "hard"},     {Normalization::TopK, "topk"},
    {Normalization::Sparsemax, "sparsemax"}, {Normalization::Sample, "sample"},
};
constexpr EnumName<Normalization> kNormalizationDisplayNames[] = {
    {Normalization::Softmax, "softmax"},     {Normalization::Hard, "hard"},     {Normalization::TopK, "top-k"},
    {Normalization::Sparsemax, "sparsemax"}, {Normalization::Sample, "sample"},
};

std::string str(long long n) { return std::to_string(n); }

std::string index(const std::string& path, long long i) { return path + "[" + str(i) + "]"; }

// Size, limit and finiteness checks shared by every matrix of a scene.
// `maxRows` differs: token counts for inputs, widths for projections.
Status checkMatrix(const std::string& path, const Matrix& m, int maxRows) {
    if (m.rows() == 0) return Status::error(path + ": must have at least one row");
    if (m.cols() == 0) return Status::error(path + ": must have at least one column");
    if (m.rows() > maxRows)
        return Status::error(path + ": " + str(m.rows()) + " rows exceed the limit of " + str(maxRows));
    if (m.cols() > limits::kMaxWidth)
        return Status::error(path + ": " + str(m.cols()) + " columns exceed the limit of " + str(limits::kMaxWidth));
    // Fast path: one vectorised reduction; NaN propagates into the maximum,
    // so a finite maximum proves every entry finite. The loop below only runs
    // to name the first bad entry.
    if (std::isfinite(m.cwiseAbs().maxCoeff<Eigen::PropagateNaN>())) return {};
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            if (!std::isfinite(m(i, j))) return Status::error(index(index(path, i), j) + ": not a finite number");
    return {};
}

Status checkTokens(const std::string& name, const std::vector<std::string>& tokens, const Matrix& m) {
    if (tokens.empty()) return {};
    if (tokens.size() != std::size_t(m.rows()))
        return Status::error(name + ".tokens: has " + str(tokens.size()) + " entries, " + name + ".matrix has " +
                             str(m.rows()) + " rows");
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].size() > std::size_t(limits::kMaxTokenBytes))
            return Status::error(index(name + ".tokens", i) + ": " + str(tokens[i].size()) +
                                 " bytes exceed the limit of " + str(limits::kMaxTokenBytes));
    return {};
}

Status checkHeadParams(const Scene& s, int dh) {
    const std::string list = "scoring.head_params";
    if (s.headParams.empty()) return {};
    if (s.headParams.size() != std::size_t(s.heads))
        return Status::error(list + ": has " + str(s.headParams.size()) + " entries, heads is " + str(s.heads));
    for (std::size_t h = 0; h < s.headParams.size(); ++h) {
        const HeadParams& p = s.headParams[h];
        const std::string at = index(list, h);
        // Only the fields the scoring kind reads are checked: the others are
        // never used and a file cannot set them (see scene_io.cpp).
        if (s.scoring == Scoring::General && p.W.size() != 0) {
            if (p.W.rows() != dh || p.W.cols() != dh)
                return Status::error(at + ".W: must be " + str(dh) + " x " + str(dh));
            if (Status e = checkMatrix(at + ".W", p.W, limits::kMaxWidth); !e) return e;
        }
        if (s.scoring != Scoring::Additive) continue;
        for (const auto& [name, m] : {std::pair{"Wq", &p.Wq}, std::pair{"Wk", &p.Wk}}) {
            if (m->size() == 0) continue;
            const std::string path = at + "." + name;
            if (m->cols() != dh)
                return Status::error(path + ": must have " + str(dh) + " columns (dh), has " + str(m->cols()));
            if (Status e = checkMatrix(path, *m, limits::kMaxAdditiveWidth); !e) return e;
        }
        const bool hasWq = p.Wq.size() != 0, hasWk = p.Wk.size() != 0;
        if (hasWq && hasWk && p.Wq.rows() != p.Wk.rows())
            return Status::error(at + ".Wk: has " + str(p.Wk.rows()) + " rows, Wq has " + str(p.Wq.rows()) +
                                 " (they must agree)");
        // A missing one defaults to the da x dh identity (ones on the diagonal),
        // as scoring.cpp builds it, so one alone may set da.
        const Eigen::Index da = hasWq ? p.Wq.rows() : hasWk ? p.Wk.rows() : dh;
        if (p.v.size() != 0) {
            if (p.v.size() != da)
                return Status::error(at + ".v: has " + str(p.v.size()) + " entries, da is " + str(da));
            for (Eigen::Index i = 0; i < p.v.size(); ++i)
                if (!std::isfinite(p.v(i))) return Status::error(index(at + ".v", i) + ": not a finite number");
        }
    }
    return {};
}

// Everything about shapes: inputs, projections, d, dv, heads, Wo, head_params.
Status checkShapes(const Scene& s) {
    if (Status e = checkMatrix("queries.matrix", s.queries, limits::kMaxTokens); !e) return e;
    if (Status e = checkMatrix("keys.matrix", s.keys, limits::kMaxTokens); !e) return e;
    if (s.values)
        if (Status e = checkMatrix("values.matrix", *s.values, limits::kMaxTokens); !e) return e;
    if (Status e = checkTokens("queries", s.queryTokens, s.queries); !e) return e;
    if (Status e = checkTokens("keys", s.keyTokens, s.keys); !e) return e;
    if (s.values && s.values->rows() != s.keys.rows())
        return Status::error("values.matrix: has " + str(s.values->rows()) + " rows, keys.matrix has " +
                             str(s.keys.rows()));

    const Projections& p = s.projections;
    const Matrix& valueInput = s.values ? *s.values : s.keys;
    const std::string valueName = s.values ? "values.matrix" : "keys.matrix";
    struct In {
        const char* path;
        const Matrix& w;
        const Matrix& input;
        std::string inputName;
        const char* note;
    };
    const In ins[] = {
        {"projections.Wq", p.Wq, s.queries, "queries.matrix", ""},
        {"projections.Wk", p.Wk, s.keys, "keys.matrix", ""},
        {"projections.Wv", p.Wv, valueInput, valueName, s.values ? "" : " (values are the keys)"},
    };
    for (const In& in : ins) {
        if (in.w.size() == 0) continue;
        if (Status e = checkMatrix(in.path, in.w, limits::kMaxWidth); !e) return e;
        if (in.w.rows() != in.input.cols())
            return Status::error(std::string(in.path) + ": has " + str(in.w.rows()) + " rows, " + in.inputName +
                                 " width is " + str(in.input.cols()) + in.note);
    }
    if (p.Wo.size() != 0)
        if (Status e = checkMatrix("projections.Wo", p.Wo, limits::kMaxWidth); !e) return e;

    const bool projQ = p.Wq.size() != 0, projK = p.Wk.size() != 0;
    const auto [dq, d, dv, dout] = derivedWidths(s);
    if (dq != d) {
        if (!projQ && !projK)
            return Status::error("keys.matrix: width " + str(d) + " does not match queries.matrix width " + str(dq));
        return Status::error(std::string(projK ? "projections.Wk" : "keys.matrix") + ": gives K width " + str(d) +
                             ", " + (projQ ? "projections.Wq" : "queries.matrix") + " gives Q width " + str(dq) +
                             " (they must match)");
    }

    if (s.heads < 1) return Status::error("heads: must be a whole number >= 1");
    if (s.heads > limits::kMaxHeads)
        return Status::error("heads: " + str(s.heads) + " exceeds the limit of " + str(limits::kMaxHeads));
    if (d % s.heads != 0) return Status::error("heads: " + str(s.heads) + " does not divide d = " + str(d));
    if (dv % s.heads != 0) return Status::error("heads: " + str(s.heads) + " does not divide dv = " + str(dv));
    if (p.Wo.size() != 0 && p.Wo.rows() != dv)
        return Status::error("projections.Wo: has " + str(p.Wo.rows()) + " rows, must equal dv = " + str(dv));
    return checkHeadParams(s, int(d / s.heads));
}

}  // namespace

const char* toString(Scoring s) { return nameIn(kScoringNames, s); }

const char* toString(Normalization n) { return nameIn(kNormalizationNames, n); }

std::optional<Scoring> scoringFromString(std::string_view s) { return valueIn(kScoringNames, s); }

std::optional<Normalization> normalizationFromString(std::string_view s) { return valueIn(kNormalizationNames, s); }

const char* displayName(Scoring s) { return nameIn(kScoringDisplayNames, s); }

const char* displayName(Normalization n) { return nameIn(kNormalizationDisplayNames, n); }

Widths derivedWidths(const Matrix& queries, const Matrix& keys, const Matrix* values, const Projections& p) {
    Widths w;
    w.dq = int(p.Wq.size() != 0 ? p.Wq.cols() : queries.cols());
    w.d = int(p.Wk.size() != 0 ? p.Wk.cols() : keys.cols());
    w.dv = int(p.Wv.size() != 0 ? p.Wv.cols() : (values ? values->cols() : keys.cols()));
    w.dout = p.Wo.size() != 0 ? int(p.Wo.cols()) : w.dv;
    return w;
}

Widths derivedWidths(const Scene& s) {
    return derivedWidths(s.queries, s.keys, s.values ? &*s.values : nullptr, s.projections);
}

std::string Scene::queryLabel(int i) const {
    if (i >= 0 && std::size_t(i) < queryTokens.size()) return queryTokens[std::size_t(i)];
    // Not "q" + std::to_string(i): GCC 12 warns wrongly about it (-Wrestrict).
    return std::string(1, 'q').append(std::to_string(i));
}

std::string Scene::keyLabel(int j) const {
    if (j >= 0 && std::size_t(j) < keyTokens.size()) return keyTokens[std::size_t(j)];
    return std::string(1, 'k').append(std::to_string(j));
}

Status validate(const Scene& s) {
    // Drawn in every window title and heatmap caption: a long one would make
    // each repaint slow.
    if (s.title.size() > std::size_t(limits::kMaxTitleBytes))
        return Status::error("title: " + str(s.title.size()) + " bytes exceed the limit of " +
                             str(limits::kMaxTitleBytes));
    if (Status e = checkShapes(s); !e) return e;

    if (!std::isfinite(s.temperature)) return Status::error("normalization.temperature: not a finite number");
    if (s.temperature <= 0.0f) return Status::error("normalization.temperature: must be > 0");
    if (s.topK < 1) return Status::error("normalization.k: must be a whole number >= 1");
    if (s.samples < 1 || s.samples > limits::kMaxSamples)
        return Status::error("normalization.samples: must be a whole number from 1 to " + str(limits::kMaxSamples));
    if (s.seed > limits::kMaxSeed)
        return Status::error("normalization.seed: must be a whole number from 0 to " +
                             str((long long)limits::kMaxSeed));

    const int lq = s.queryCount(), lk = s.keyCount();
    if (!s.mask.keyPadding.empty() && s.mask.keyPadding.size() != std::size_t(lk))
        return Status::error("mask.key_padding: has " + str(s.mask.keyPadding.size()) + " entries, keys have " +
                             str(lk));
    for (std::size_t c = 0; c < s.mask.cells.size(); ++c) {
        const auto [i, j] = s.mask.cells[c];
        if (i < 0 || i >= lq || j < 0 || j >= lk)
            return Status::error(index("mask.cells", c) + ": [" + str(i) + ", " + str(j) + "] is out of range (" +
                                 str(lq) + " queries, " + str(lk) + " keys)");
    }
    return {};
}

Scene builtInExample() {
    Scene s;
    s.title = "Je suis étudiant";
    s.queryTokens = {"I", "am", "a", "student"};
    s.keyTokens = {"Je", "suis", "étudiant"};
    // Encoder states (keys = values) lean each on one axis; each decoder query
    // points at its French word, and "a", which has no French word of its
    // own, sits between "suis" and "étudiant". With scaled dot and softmax,
    // the aligned weights are 0.78, 0.76 and 0.81 (checked in test_scene_io).
    s.keys.resize(3, 4);
    s.keys << 2.0f, 0.4f, 0.0f, 0.2f,  //
        0.2f, 2.0f, 0.4f, 0.0f,        //
        0.0f, 0.4f, 2.0f, 0.6f;
    s.queries.resize(4, 4);
    s.queries << 2.2f, 0.3f, 0.0f, 0.4f,  //
        0.2f, 2.4f, 0.2f, -0.2f,          //
        0.0f, 1.2f, 1.4f, 0.2f,           //
        0.0f, 0.0f, 2.2f, 0.8f;
    s.heads = 1;
    s.scoring = Scoring::ScaledDot;
    s.normalization = Normalization::Softmax;
    s.temperature = 1.0f;
    return s;
}

}  // namespace ap
