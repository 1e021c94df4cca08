#include "attention/explain.h"

#include "attention/normalization.h"
#include "attention/sampling.h"
#include "io/json.h"
#include "io/scene_io.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace ap {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string num(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

std::string latexNum(double x) {
    std::string s = num(x);
    const auto e = s.find('e');
    if (e == std::string::npos) return s;
    int exponent = std::atoi(s.c_str() + e + 1);
    return s.substr(0, e) + " \\times 10^{" + std::to_string(exponent) + "}";
}

// "(a, b, c, … 12 more)" with at most `cap` entries.
std::string list(const std::vector<double>& v, int total, bool latex) {
    std::string s = latex ? "\\left(" : "(";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ", ";
        s += latex ? latexNum(v[i]) : num(v[i]);
    }
    if (total > int(v.size()))
        s += (latex ? ", \\ldots\\ " : ", … ") + std::to_string(total - int(v.size())) + " more";
    s += latex ? "\\right)" : ")";
    return s;
}

class Builder {
public:
    Builder(Explanation& e, int cap) : e_(e), cap_(std::max(cap, 1)) {}

    ExplainStep& number(std::string name, std::string title, std::string formula, std::string latex,
                        double value) {
        ExplainStep s;
        s.name = std::move(name);
        s.title = std::move(title);
        s.formula = std::move(formula);
        s.latex = std::move(latex);
        s.value = {value};
        e_.steps.push_back(std::move(s));
        return e_.steps.back();
    }

    // `formula` and `latex` get " = (v0, v1, …)" appended.
    ExplainStep& vector(std::string name, std::string title, std::string formula, std::string latex,
                        const std::vector<double>& all) {
        ExplainStep s;
        s.name = std::move(name);
        s.title = std::move(title);
        s.isVector = true;
        s.total = int(all.size());
        s.value.assign(all.begin(), all.begin() + std::min<std::ptrdiff_t>(cap_, std::ptrdiff_t(all.size())));
        s.formula = std::move(formula) + " = " + list(s.value, s.total, false);
        s.latex = std::move(latex) + " = " + list(s.value, s.total, true);
        e_.steps.push_back(std::move(s));
        return e_.steps.back();
    }

private:
    Explanation& e_;
    int cap_;
};

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

double norm(const std::vector<double>& a) { return std::sqrt(dot(a, a)); }

// Row `row` of x (or of x * w when w is set), columns [c0, c0 + width).
std::vector<double> inputRow(const Matrix& x, const Matrix& w, int row, Eigen::Index c0, Eigen::Index width) {
    std::vector<double> out(std::size_t(width), 0.0);
    for (Eigen::Index c = 0; c < width; ++c) {
        if (w.size() == 0) {
            out[std::size_t(c)] = double(x(row, c0 + c));
            continue;
        }
        double s = 0.0;
        for (Eigen::Index a = 0; a < x.cols(); ++a) s += double(x(row, a)) * double(w(a, c0 + c));
        out[std::size_t(c)] = s;
    }
    return out;
}

std::vector<double> times(const Matrix& m, const std::vector<double>& x) {
    std::vector<double> out(std::size_t(m.rows()), 0.0);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) out[std::size_t(r)] += double(m(r, c)) * x[std::size_t(c)];
    return out;
}

template <typename Row>
std::vector<double> toDoubles(const Row& r) {
    std::vector<double> out(std::size_t(r.size()));
    for (Eigen::Index i = 0; i < r.size(); ++i) out[std::size_t(i)] = double(r(i));
    return out;
}

std::string indexList(const std::vector<int>& keys, const Scene& s, int cap) {
    std::string out = "{";
    for (std::size_t i = 0; i < keys.size() && int(i) < cap; ++i) {
        if (i) out += ", ";
        out += std::to_string(keys[i]) + " " + s.keyLabel(keys[i]);
    }
    if (int(keys.size()) > cap) out += ", … " + std::to_string(int(keys.size()) - cap) + " more";
    return out + "}";
}

std::vector<double> asDoubles(const std::vector<int>& v) { return {v.begin(), v.end()}; }

// The scoring steps (docs/math.md) for one query and key block.
void scoringSteps(const Scene& s, int h, const std::vector<double>& q, const std::vector<double>& k, float score,
                  Builder& b) {
    const int dh = int(q.size());
    const HeadParams* p = s.headParams.empty() ? nullptr : &s.headParams[std::size_t(h)];
    const std::string sc = num(score);
    switch (s.scoring) {
        case Scoring::Dot:
        case Scoring::ScaledDot: {
            std::vector<double> prod(q.size());
            for (std::size_t d = 0; d < q.size(); ++d) prod[d] = q[d] * k[d];
            b.vector("products", "Products", "q_d · k_d", "q_d k_d", prod);
            const double sum = std::accumulate(prod.begin(), prod.end(), 0.0);
            if (s.scoring == Scoring::Dot) {
                b.number("score", "Score (dot)", "s = Σ_d q_d k_d = " + sc, "s = \\sum_d q_d k_d = " + latexNum(score),
                         score);
            } else {
                b.number("dot", "Dot product", "q·k = Σ_d q_d k_d = " + num(sum),
                         "q \\cdot k = \\sum_d q_d k_d = " + latexNum(sum), sum);
                const std::string root = std::to_string(dh);
                b.number("score", "Score (scaled dot)", "s = q·k / √" + root + " = " + num(sum) + " / " +
                             num(std::sqrt(double(dh))) + " = " + sc,
                         "s = \\frac{q \\cdot k}{\\sqrt{" + root + "}} = \\frac{" + latexNum(sum) + "}{" +
                             latexNum(std::sqrt(double(dh))) + "} = " + latexNum(score),
                         score);
            }
            return;
        }
        case Scoring::General: {
            const bool hasW = p && p->W.size() > 0;
            const std::vector<double> wk = hasW ? times(p->W, k) : k;
            b.vector("W k", hasW ? "W times the key" : "W times the key (W = identity)", "W k", "W k", wk);
            b.number("score", "Score (general)", "s = q·(W k) = " + sc,
                     "s = q^\\top (W k) = " + latexNum(score), score);
            return;
        }
        case Scoring::Additive: {
            const bool hasWq = p && p->Wq.size() > 0, hasWk = p && p->Wk.size() > 0;
            const std::vector<double> a = hasWq ? times(p->Wq, q) : q;
            const std::vector<double> c = hasWk ? times(p->Wk, k) : k;
            std::vector<double> sum(a.size()), t(a.size());
            for (std::size_t r = 0; r < a.size(); ++r) {
                sum[r] = a[r] + c[r];
                t[r] = std::tanh(sum[r]);
            }
            b.vector("Wq q", "Wq times the query", "Wq q", "W_q q", a);
            b.vector("Wk k", "Wk times the key", "Wk k", "W_k k", c);
            b.vector("Wq q + Wk k", "Sum of both", "Wq q + Wk k", "W_q q + W_k k", sum);
            b.vector("tanh", "tanh", "tanh(Wq q + Wk k)", "\\tanh(W_q q + W_k k)", t);
            const bool hasV = p && p->v.size() > 0;
            b.number("score", "Score (additive)",
                     std::string(hasV ? "s = v·tanh(…)" : "s = v·tanh(…), v = all ones") + " = " + sc,
                     "s = v^\\top \\tanh(W_q q + W_k k) = " + latexNum(score), score);
            return;
        }
        case Scoring::Cosine: {
            const double nq = norm(q), nk = norm(k), qk = dot(q, k);
            b.number("norm q", "Length of the query", "‖q‖ = " + num(nq), "\\lVert q \\rVert = " + latexNum(nq), nq);
            b.number("norm k", "Length of the key", "‖k‖ = " + num(nk), "\\lVert k \\rVert = " + latexNum(nk), nk);
            b.number("dot", "Dot product", "q·k = " + num(qk), "q \\cdot k = " + latexNum(qk), qk);
            const bool zero = !(nq > 0.0) || !(nk > 0.0);
            b.number("score", "Score (cosine)",
                     zero ? "s = 0 (a vector of length 0 has no direction)"
                          : "s = q·k / (‖q‖ ‖k‖) = " + num(qk) + " / (" + num(nq) + " × " + num(nk) + ") = " + sc,
                     zero ? "s = 0" : "s = \\frac{q \\cdot k}{\\lVert q \\rVert \\lVert k \\rVert} = " + latexNum(score),
                     score);
            return;
        }
    }
}

}  // namespace

Status explainCell(const Scene& s, const AttentionResult& r, const ExplainOptions& o, Explanation& e) {
    const int lq = s.queryCount(), lk = s.keyCount();
    if (o.query < 0 || o.query >= lq)
        return Status::error("query " + std::to_string(o.query) + " is out of range (" + std::to_string(lq) +
                             " queries)");
    if (o.key < 0 || o.key >= lk)
        return Status::error("key " + std::to_string(o.key) + " is out of range (" + std::to_string(lk) + " keys)");
    if (o.head < 0 || o.head >= s.heads)
        return Status::error("head " + std::to_string(o.head) + " is out of range (" + std::to_string(s.heads) +
                             " heads)");
    if (int(r.heads.size()) != s.heads || r.mask.rows() != lq || r.mask.cols() != lk)
        return Status::error("the result does not belong to this scene");

    const int i = o.query, j = o.key, h = o.head;
    const HeadResult& hr = r.heads[std::size_t(h)];
    e = Explanation{};
    e.query = i;
    e.key = j;
    e.head = h;
    e.score = hr.scores(i, j);
    e.scaled = e.score / s.temperature;
    e.masked = r.mask(i, j);
    e.weight = hr.weights(i, j);
    e.context.assign(hr.context.row(i).data(), hr.context.row(i).data() + hr.context.cols());
    e.output.assign(r.output.row(i).data(), r.output.row(i).data() + r.output.cols());
    Builder b(e, o.maxEntries);

    // 1. Inputs, after projections, in the head's column block.
    const Projections& p = s.projections;
    const Matrix& valueInput = s.values ? *s.values : s.keys;
    const Eigen::Index d = p.Wq.size() ? p.Wq.cols() : s.queries.cols();
    const Eigen::Index dv = p.Wv.size() ? p.Wv.cols() : valueInput.cols();
    const Eigen::Index dh = d / s.heads, dvh = dv / s.heads;
    const std::vector<double> q = inputRow(s.queries, p.Wq, i, h * dh, dh);
    const std::vector<double> k = inputRow(s.keys, p.Wk, j, h * dh, dh);
    const std::string cols = "columns " + std::to_string(h * dh) + "–" + std::to_string((h + 1) * dh - 1);
    const std::string qName = "query " + std::to_string(i) + " \"" + s.queryLabel(i) + "\"";
    const std::string kName = "key " + std::to_string(j) + " \"" + s.keyLabel(j) + "\"";
    auto inputUse = [&](ExplainTable t, int row, bool projected) {
        return projected ? ExplainUse{t, row, 0, -1} : ExplainUse{t, row, int(h * dh), int(dh)};
    };
    b.vector("query", "Query vector",
             (p.Wq.size() ? "q = (Xq Wq)[" : "q = Q[") + std::to_string(i) + ", " + cols + "], " + qName,
             p.Wq.size() ? "q = (X_q W_q)_{" + std::to_string(i) + "}" : "q = Q_{" + std::to_string(i) + "}", q)
        .uses = {inputUse(ExplainTable::Queries, i, p.Wq.size() > 0)};
    b.vector("key", "Key vector",
             (p.Wk.size() ? "k = (Xk Wk)[" : "k = K[") + std::to_string(j) + ", " + cols + "], " + kName,
             p.Wk.size() ? "k = (X_k W_k)_{" + std::to_string(j) + "}" : "k = K_{" + std::to_string(j) + "}", k)
        .uses = {inputUse(ExplainTable::Keys, j, p.Wk.size() > 0)};

    // 2. The score.
    const std::size_t firstScoring = e.steps.size();
    scoringSteps(s, h, q, k, e.score, b);
    for (std::size_t n = firstScoring; n < e.steps.size(); ++n)
        e.steps[n].uses = {inputUse(ExplainTable::Queries, i, p.Wq.size() > 0),
                           inputUse(ExplainTable::Keys, j, p.Wk.size() > 0)};

    // 3. Temperature.
    const std::string t = num(s.temperature);
    b.number("temperature", "Temperature", "s / T = " + num(e.score) + " / " + t + " = " + num(double(e.score) / s.temperature),
             "\\frac{s}{T} = \\frac{" + latexNum(e.score) + "}{" + latexNum(s.temperature) + "} = " +
                 latexNum(double(e.score) / s.temperature),
             double(e.score) / s.temperature)
        .uses = {{ExplainTable::Heatmap, i, j, 1}};

    // 4. Mask.
    {
        std::vector<std::string> why;
        if (s.mask.causal && j > i)
            why.push_back("causal: key " + std::to_string(j) + " comes after query " + std::to_string(i));
        if (std::size_t(j) < s.mask.keyPadding.size() && s.mask.keyPadding[std::size_t(j)])
            why.push_back("key padding: key " + std::to_string(j) + " is padding");
        for (const auto& [ci, cj] : s.mask.cells)
            if (ci == i && cj == j) {
                why.push_back("cells: [" + std::to_string(i) + ", " + std::to_string(j) + "] is listed");
                break;
            }
        std::string text;
        for (const std::string& w : why) text += (text.empty() ? "" : "; ") + w;
        if (text.empty())
            text = std::string("not masked") + (s.mask.causal ? " (causal: key ≤ query)" : "");
        else
            text = "masked, weight 0 — " + text;
        b.number("mask", "Mask", text, "\\text{" + std::string(e.masked ? "masked" : "not masked") + "}",
                 e.masked ? 1.0 : 0.0)
            .uses = {{ExplainTable::Heatmap, i, j, 1}};
    }

    // 5. Normalization over the row's unmasked keys.
    const float* srow = hr.scores.row(i).data();
    const bool* mrow = r.mask.row(i).data();
    const auto rowUse = std::vector<ExplainUse>{{ExplainTable::Heatmap, i, 0, -1}};
    std::vector<int> unmasked;
    for (int l = 0; l < lk; ++l)
        if (!mrow[l]) unmasked.push_back(l);
    auto rankable = [](float x) { return std::isnan(x) ? -kInf : double(x); };
    const std::string w = num(e.weight);
    if (unmasked.empty()) {
        b.number("fully masked", "Every key masked",
                 "every key of this row is masked: all weights and the context are 0", "w = 0", 0.0)
            .uses = rowUse;
    } else {
        double m = -kInf;
        for (int l : unmasked) m = std::max(m, rankable(srow[l]));
        const double invT = 1.0 / double(s.temperature);
        auto exps = [&](const std::vector<int>& keys, std::vector<double>& out) {
            out.assign(std::size_t(lk), 0.0);
            double sum = 0.0;
            for (int l : keys) {
                out[std::size_t(l)] = std::isfinite(m) ? std::exp((rankable(srow[l]) - m) * invT)
                                                        : (rankable(srow[l]) == m ? 1.0 : 0.0);
                sum += out[std::size_t(l)];
            }
            return sum;
        };
        auto softmaxSteps = [&](const std::vector<int>& keys) {
            b.number("row maximum", "Row maximum", "m = max of the unmasked scores = " + num(m),
                     "m = \\max_l s_l = " + latexNum(m), m)
                .uses = rowUse;
            std::vector<double> e_;
            const double sum = exps(keys, e_);
            b.vector("exponentials", "Exponentials", "e_l = exp((s_l − m) / T)", "e_l = \\exp\\left(\\frac{s_l - m}{T}\\right)", e_)
                .uses = rowUse;
            b.number("sum", "Sum", "Σ_l e_l = " + num(sum), "\\sum_l e_l = " + latexNum(sum), sum).uses = rowUse;
            b.number("weight", "Weight", "w = e_j / Σ_l e_l = " + num(e_[std::size_t(j)]) + " / " + num(sum) + " = " + w,
                     "w = \\frac{e_j}{\\sum_l e_l} = \\frac{" + latexNum(e_[std::size_t(j)]) + "}{" + latexNum(sum) +
                         "} = " + latexNum(e.weight),
                     e.weight)
                .uses = {{ExplainTable::Heatmap, i, j, 1}};
        };
        switch (s.normalization) {
            case Normalization::Softmax:
                softmaxSteps(unmasked);
                break;
            case Normalization::Hard: {
                int best = unmasked.front();
                for (int l : unmasked)
                    if (rankable(srow[l]) > rankable(srow[best])) best = l;
                b.number("argmax", "Argmax",
                         "the largest unmasked score is key " + std::to_string(best) + " \"" + s.keyLabel(best) +
                             "\" (s = " + num(srow[best]) + "); ties go to the lowest index; temperature does not move it",
                         "\\arg\\max_l s_l = " + std::to_string(best), best)
                    .uses = rowUse;
                b.number("weight", "Weight", std::string("w = ") + (best == j ? "1 (the argmax)" : "0 (not the argmax)"),
                         "w = " + latexNum(e.weight), e.weight)
                    .uses = {{ExplainTable::Heatmap, i, j, 1}};
                break;
            }
            case Normalization::TopK: {
                const int kk = std::max(s.topK, 1);
                std::vector<int> order = unmasked;
                std::stable_sort(order.begin(), order.end(),
                                 [&](int a, int c) { return rankable(srow[a]) > rankable(srow[c]); });
                if (kk >= int(order.size())) {
                    b.number("kept keys", "Kept keys",
                             "k = " + std::to_string(kk) + " ≥ " + std::to_string(order.size()) +
                                 " unmasked keys: plain softmax",
                             "k \\geq " + std::to_string(order.size()), double(order.size()))
                        .uses = rowUse;
                    softmaxSteps(unmasked);
                    break;
                }
                order.resize(std::size_t(kk));
                const double threshold = rankable(srow[order.back()]);
                std::vector<int> kept = order;
                std::sort(kept.begin(), kept.end());
                b.vector("kept keys", "Kept keys",
                         "the " + std::to_string(kk) + " largest unmasked scores (ties to the lowest index) " +
                             indexList(kept, s, 16),
                         "\\text{top-}" + std::to_string(kk), asDoubles(kept))
                    .uses = rowUse;
                b.number("threshold", "Threshold", "the k-th largest score = " + num(threshold),
                         "s_{(k)} = " + latexNum(threshold), threshold)
                    .uses = rowUse;
                softmaxSteps(kept);
                break;
            }
            case Normalization::Sparsemax: {
                std::vector<double> z(std::size_t(lk), 0.0);
                std::vector<double> sorted;
                for (int l : unmasked) {
                    z[std::size_t(l)] = double(float((float(rankable(srow[l])) - float(m)) * (1.0f / s.temperature)));
                    sorted.push_back(z[std::size_t(l)]);
                }
                std::sort(sorted.begin(), sorted.end(), std::greater<double>());
                double sum = 0.0, supportSum = 0.0;
                int support = 0;
                for (std::size_t rr = 0; rr < sorted.size(); ++rr) {
                    sum += sorted[rr];
                    if (1.0 + double(rr + 1) * sorted[rr] <= sum) break;
                    support = int(rr) + 1;
                    supportSum = sum;
                }
                const double tau = (supportSum - 1.0) / double(std::max(support, 1));
                std::vector<int> supp;
                for (int l : unmasked)
                    if (z[std::size_t(l)] - tau > 0.0) supp.push_back(l);
                b.vector("z", "Shifted scores", "z_l = (s_l − m) / T", "z_l = \\frac{s_l - m}{T}", z).uses = rowUse;
                b.number("tau", "Threshold τ",
                         "τ = (Σ of the " + std::to_string(support) + " largest z − 1) / " + std::to_string(support) +
                             " = " + num(tau),
                         "\\tau = \\frac{\\sum_{r \\le " + std::to_string(support) + "} z_{(r)} - 1}{" +
                             std::to_string(support) + "} = " + latexNum(tau),
                         tau)
                    .uses = rowUse;
                b.vector("support", "Support", "keys with z_l > τ " + indexList(supp, s, 16), "\\{l : z_l > \\tau\\}",
                         asDoubles(supp))
                    .uses = rowUse;
                b.number("weight", "Weight",
                         "w = max(z_j − τ, 0) = max(" + num(z[std::size_t(j)]) + " − " + num(tau) + ", 0) = " + w,
                         "w = \\max(z_j - \\tau, 0) = " + latexNum(e.weight), e.weight)
                    .uses = {{ExplainTable::Heatmap, i, j, 1}};
                break;
            }
            case Normalization::Sample: {
                // The engine's own softmax and draws, on a buffer aligned as
                // the engine's, so that the counts are the engine's counts.
                std::vector<float, Eigen::aligned_allocator<float>> probs(std::size_t(lk) + 16, 0.0f);
                RowScratch scratch;
                const NormalizationParams softmax{Normalization::Softmax, s.temperature, s.topK, 1, 0};
                normalizeRow(softmax, srow, mrow, probs.data(), lk, scratch);
                b.vector("probabilities", "Probabilities", "p_l = softmax(s / T)_l",
                         "p_l = \\mathrm{softmax}(s/T)_l", toDoubles(Eigen::Map<const Eigen::ArrayXf>(probs.data(), lk)))
                    .uses = rowUse;
                std::vector<double> cumulative(static_cast<std::size_t>(lk));
                std::vector<float> counts(static_cast<std::size_t>(lk));
                std::vector<int> draws;
                sampleCounts(probs.data(), lk, s.samples, s.seed, h, i, cumulative.data(), counts.data(), &draws,
                             std::max(o.maxDraws, 0));
                b.vector("draws", "Draws",
                         std::to_string(s.samples) + " draws of a key from p, generator SplitMix64 seeded by (seed " +
                             std::to_string(s.seed) + ", head " + std::to_string(h) + ", row " + std::to_string(i) +
                             "); the first ones",
                         "j_n \\sim p", asDoubles(draws))
                    .uses = rowUse;
                b.vector("counts", "Counts", "how often each key was drawn", "c_l",
                         toDoubles(Eigen::Map<const Eigen::ArrayXf>(counts.data(), lk)))
                    .uses = rowUse;
                b.number("weight", "Weight",
                         "w = c_j / N = " + num(counts[std::size_t(j)]) + " / " + std::to_string(s.samples) + " = " + w +
                             " (expected p_j = " + num(probs[std::size_t(j)]) + ")",
                         "w = \\frac{c_j}{N} = \\frac{" + latexNum(counts[std::size_t(j)]) + "}{" +
                             std::to_string(s.samples) + "} = " + latexNum(e.weight),
                         e.weight)
                    .uses = {{ExplainTable::Heatmap, i, j, 1}};
                break;
            }
        }
    }

    // 6. Context and output.
    const std::vector<double> vj = inputRow(valueInput, p.Wv, j, h * dvh, dvh);
    const ExplainTable valueTable = s.values ? ExplainTable::Values : ExplainTable::Keys;
    auto valueUse = [&](int row) {
        return p.Wv.size() ? ExplainUse{valueTable, row, 0, -1} : ExplainUse{valueTable, row, int(h * dvh), int(dvh)};
    };
    b.vector("value", "Value vector of the key",
             (p.Wv.size() ? "v_j = (Xv Wv)[" : "v_j = V[") + std::to_string(j) + ", head " + std::to_string(h) + "]",
             "v_j", vj)
        .uses = {valueUse(j)};
    std::vector<double> wv(vj.size());
    for (std::size_t c = 0; c < vj.size(); ++c) wv[c] = double(e.weight) * vj[c];
    b.vector("weighted value", "Weight times value", "w_ij v_j = " + w + " × v_j", "w_{ij} v_j", wv).uses = {
        valueUse(j), {ExplainTable::Heatmap, i, j, 1}};
    std::vector<double> ctx(e.context.begin(), e.context.end());
    b.vector("context", "Context row",
             "c_i = Σ_l w_il v_l, the weighted values of every key summed (row " + std::to_string(i) + " of head " +
                 std::to_string(h) + "'s context)",
             "c_i = \\sum_l w_{il} v_l", ctx)
        .uses = {valueUse(-1), {ExplainTable::Heatmap, i, 0, -1}};
    std::vector<double> out(e.output.begin(), e.output.end());
    const std::string heads = s.heads > 1 ? "the " + std::to_string(s.heads) + " heads' context rows side by side" : "the context row";
    b.vector("output", "Output row",
             p.Wo.size() ? "o_i = [" + heads + "] · Wo" : "o_i = " + heads + " (no Wo)",
             p.Wo.size() ? "o_i = [c_i^{(1)} \\cdots c_i^{(h)}] W_o" : "o_i = [c_i^{(1)} \\cdots c_i^{(h)}]", out);
    return Status::success();
}

Status explainScene(const Scene& scene, const ExplainOptions& options, Explanation& out,
                    const AttentionOptions& attention) {
    AttentionResult result;
    if (Status st = computeAttention(scene, attention, result); !st.ok) return st;
    return explainCell(scene, result, options, out);
}

std::string explanationToText(const Explanation& e) {
    std::string out;
    int n = 1;
    for (const ExplainStep& s : e.steps) {
        out += std::to_string(n++) + ". " + s.title + "\n   " + s.formula + "\n";
    }
    return out;
}

std::string explanationToLatex(const Explanation& e) {
    std::string out = "\\begin{align*}\n";
    for (std::size_t n = 0; n < e.steps.size(); ++n) {
        out += "&\\text{" + e.steps[n].title + ":} && " + e.steps[n].latex;
        out += n + 1 < e.steps.size() ? " \\\\\n" : "\n";
    }
    return out + "\\end{align*}\n";
}

namespace {

std::string jsonDouble(double x) {
    if (!std::isfinite(x)) return "null";
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return ec == std::errc() ? std::string(buf, end) : std::string("null");
}

std::string jsonFloat(float x) { return std::isfinite(x) ? formatFloat(x) : std::string("null"); }

std::string floats(const std::vector<float>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + jsonFloat(v[i]);
    return s + "]";
}

}  // namespace

std::string explanationToJson(const Explanation& e) {
    std::string s = "{\"query\": " + std::to_string(e.query) + ", \"key\": " + std::to_string(e.key) +
                    ", \"head\": " + std::to_string(e.head) + ", \"score\": " + jsonFloat(e.score) +
                    ", \"scaled\": " + jsonFloat(e.scaled) + ", \"masked\": " + (e.masked ? "true" : "false") +
                    ", \"weight\": " + jsonFloat(e.weight) + ", \"context\": " + floats(e.context) +
                    ", \"output\": " + floats(e.output) + ", \"steps\": [";
    for (std::size_t n = 0; n < e.steps.size(); ++n) {
        const ExplainStep& st = e.steps[n];
        s += n ? ", " : "";
        s += "{\"name\": " + json::quote(st.name) + ", \"title\": " + json::quote(st.title) +
             ", \"formula\": " + json::quote(st.formula) + ", \"value\": ";
        if (st.isVector) {
            s += "[";
            for (std::size_t c = 0; c < st.value.size(); ++c) s += (c ? ", " : "") + jsonDouble(st.value[c]);
            s += "]";
            if (st.total > int(st.value.size())) s += ", \"total\": " + std::to_string(st.total);
        } else {
            s += jsonDouble(st.value.empty() ? 0.0 : st.value.front());
        }
        s += "}";
    }
    return s + "]}";
}

}  // namespace ap
