#include "attention/explain_steps.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace ap::explain_steps {

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

std::string list(const std::vector<double>& v, int total, bool latex) {
    std::string s = latex ? "\\left(" : "(";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ", ";
        s += latex ? latexNum(v[i]) : num(v[i]);
    }
    if (total > int(v.size())) s += (latex ? ", \\ldots\\ " : ", … ") + std::to_string(total - int(v.size())) + " more";
    s += latex ? "\\right)" : ")";
    return s;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

double norm(const std::vector<double>& a) { return std::sqrt(dot(a, a)); }

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
                  StepBuilder& b) {
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
            b.number("score", "Score (scaled dot)",
                     "s = q·k / √" + root + " = " + num(sum) + " / " + num(std::sqrt(double(dh))) + " = " + sc,
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
        b.number("score", "Score (general)", "s = q·(W k) = " + sc, "s = q^\\top (W k) = " + latexNum(score), score);
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

}  // namespace ap::explain_steps
