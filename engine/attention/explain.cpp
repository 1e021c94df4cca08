#include "attention/explain.h"

#include "attention/explain_steps.h"

#include <string>
#include <vector>

namespace ap {
namespace {

using explain_steps::asDoubles;
using explain_steps::Cell;
using explain_steps::inputRow;
using explain_steps::latexNum;
using explain_steps::num;
using explain_steps::StepBuilder;

Status checkCell(const Scene& s, const AttentionResult& r, const CellIndex& c) {
    const int lq = s.queryCount(), lk = s.keyCount();
    if (c.query < 0 || c.query >= lq)
        return Status::error("query " + std::to_string(c.query) + " is out of range (" + std::to_string(lq) +
                             " queries)");
    if (c.key < 0 || c.key >= lk)
        return Status::error("key " + std::to_string(c.key) + " is out of range (" + std::to_string(lk) + " keys)");
    if (c.head < 0 || c.head >= s.heads)
        return Status::error("head " + std::to_string(c.head) + " is out of range (" + std::to_string(s.heads) +
                             " heads)");
    if (int(r.heads.size()) != s.heads || r.mask.rows() != lq || r.mask.cols() != lk)
        return Status::error("the result does not belong to this scene");

    return Status::success();
}

// The headline numbers, the engine's own.
void headline(const Scene& s, const AttentionResult& r, const CellIndex& c, Explanation& e) {
    const int i = c.query, j = c.key, h = c.head;
    const HeadResult& hr = r.heads[std::size_t(h)];
    e = Explanation{};
    e.cell = c;
    e.score = hr.scores(i, j);
    e.scaled = e.score / s.temperature;
    e.masked = r.mask(i, j);
    e.weight = hr.weights(i, j);
    e.context.assign(hr.context.row(i).data(), hr.context.row(i).data() + hr.context.cols());
    e.output.assign(r.output.row(i).data(), r.output.row(i).data() + r.output.cols());
}

// The query's and the key's column block of the head.
struct HeadBlock {
    Eigen::Index dh = 0, dvh = 0;
};

HeadBlock headBlock(const Scene& s) {
    const Projections& p = s.projections;
    const Matrix& valueInput = s.values ? *s.values : s.keys;
    const Eigen::Index d = p.Wq.size() ? p.Wq.cols() : s.queries.cols();
    const Eigen::Index dv = p.Wv.size() ? p.Wv.cols() : valueInput.cols();
    return {d / s.heads, dv / s.heads};
}

ExplainUse inputUse(const Cell& c, ExplainTable t, int row, bool projected) {
    const Eigen::Index dh = headBlock(c.scene).dh;
    return projected ? ExplainUse{t, row, 0, -1} : ExplainUse{t, row, int(c.at.head * dh), int(dh)};
}

// Steps 1 and 2: the query and key vectors after projections, in the head's
// column block, and the score from them.
void inputAndScoringSteps(const Cell& c) {
    const Scene& s = c.scene;
    const Projections& p = s.projections;
    const int i = c.at.query, j = c.at.key, h = c.at.head;
    const Eigen::Index dh = headBlock(s).dh;
    StepBuilder& b = c.builder;
    const std::vector<double> q = inputRow(s.queries, p.Wq, i, h * dh, dh);
    const std::vector<double> k = inputRow(s.keys, p.Wk, j, h * dh, dh);
    const std::string cols = "columns " + std::to_string(h * dh) + "–" + std::to_string((h + 1) * dh - 1);
    const std::string qName = "query " + std::to_string(i) + " \"" + s.queryLabel(i) + "\"";
    const std::string kName = "key " + std::to_string(j) + " \"" + s.keyLabel(j) + "\"";
    const ExplainUse queryUse = inputUse(c, ExplainTable::Queries, i, p.Wq.size() > 0);
    const ExplainUse keyUse = inputUse(c, ExplainTable::Keys, j, p.Wk.size() > 0);
    b.vector("query", "Query vector",
             (p.Wq.size() ? "q = (Xq Wq)[" : "q = Q[") + std::to_string(i) + ", " + cols + "], " + qName,
             p.Wq.size() ? "q = (X_q W_q)_{" + std::to_string(i) + "}" : "q = Q_{" + std::to_string(i) + "}", q)
        .uses = {queryUse};
    b.vector("key", "Key vector",
             (p.Wk.size() ? "k = (Xk Wk)[" : "k = K[") + std::to_string(j) + ", " + cols + "], " + kName,
             p.Wk.size() ? "k = (X_k W_k)_{" + std::to_string(j) + "}" : "k = K_{" + std::to_string(j) + "}", k)
        .uses = {keyUse};

    std::vector<ExplainStep>& steps = c.explanation.steps;
    const std::size_t firstScoring = steps.size();
    explain_steps::scoringSteps(s, h, q, k, c.explanation.score, b);
    for (std::size_t n = firstScoring; n < steps.size(); ++n) steps[n].uses = {queryUse, keyUse};
}

// Step 3.
void temperatureStep(const Cell& c) {
    const Scene& s = c.scene;
    const Explanation& e = c.explanation;
    const std::string t = num(s.temperature);
    c.builder
        .number("temperature", "Temperature",
                "s / T = " + num(e.score) + " / " + t + " = " + num(double(e.score) / s.temperature),
                "\\frac{s}{T} = \\frac{" + latexNum(e.score) + "}{" + latexNum(s.temperature) +
                    "} = " + latexNum(double(e.score) / s.temperature),
                double(e.score) / s.temperature)
        .uses = {{ExplainTable::Heatmap, c.at.query, c.at.key, 1}};
}

// Step 4: whether the cell is masked, and by which rule.
void maskStep(const Cell& c) {
    const Scene& s = c.scene;
    const Explanation& e = c.explanation;
    const int i = c.at.query, j = c.at.key;
    StepBuilder& b = c.builder;
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

// Step 6: the value row of the key, weighted, the context row and the output row.
void valueSteps(const Cell& c) {
    const Scene& s = c.scene;
    const Projections& p = s.projections;
    const Explanation& e = c.explanation;
    const int i = c.at.query, j = c.at.key, h = c.at.head;
    const Matrix& valueInput = s.values ? *s.values : s.keys;
    const Eigen::Index dvh = headBlock(s).dvh;
    const std::string w = num(e.weight);
    StepBuilder& b = c.builder;
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
    for (std::size_t n = 0; n < vj.size(); ++n) wv[n] = double(e.weight) * vj[n];
    b.vector("weighted value", "Weight times value", "w_ij v_j = " + w + " × v_j", "w_{ij} v_j", wv).uses = {
        valueUse(j), {ExplainTable::Heatmap, i, j, 1}};
    std::vector<double> ctx(e.context.begin(), e.context.end());
    b.vector("context", "Context row",
             "c_i = Σ_l w_il v_l, the weighted values of every key summed (row " + std::to_string(i) + " of head " +
                 std::to_string(h) + "'s context)",
             "c_i = \\sum_l w_{il} v_l", ctx)
        .uses = {valueUse(-1), {ExplainTable::Heatmap, i, 0, -1}};
    std::vector<double> out(e.output.begin(), e.output.end());
    const std::string heads =
        s.heads > 1 ? "the " + std::to_string(s.heads) + " heads' context rows side by side" : "the context row";
    b.vector("output", "Output row", p.Wo.size() ? "o_i = [" + heads + "] · Wo" : "o_i = " + heads + " (no Wo)",
             p.Wo.size() ? "o_i = [c_i^{(1)} \\cdots c_i^{(h)}] W_o" : "o_i = [c_i^{(1)} \\cdots c_i^{(h)}]", out);
}

}  // namespace

Status explainCell(const Scene& s, const AttentionResult& r, const ExplainOptions& o, Explanation& e) {
    if (Status st = checkCell(s, r, o.cell); !st.ok) return st;
    headline(s, r, o.cell, e);
    StepBuilder b(e, o.maxEntries);
    const Cell cell{s, r, o, e, b, o.cell};
    inputAndScoringSteps(cell);
    temperatureStep(cell);
    maskStep(cell);
    explain_steps::normalizationSteps(cell);
    valueSteps(cell);
    return Status::success();
}

Status explainScene(const Scene& scene, const ExplainOptions& options, Explanation& out,
                    const AttentionOptions& attention) {
    AttentionResult result;
    if (Status st = computeAttention(scene, attention, result); !st.ok) return st;
    return explainCell(scene, result, options, out);
}

}  // namespace ap
