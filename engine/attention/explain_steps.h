// The pieces explainCell() (explain.h) is built from: number formatting,
// the step builder, the vector helpers and the steps of each stage. Internal
// to the attention folder.
#pragma once

#include "attention/attention.h"
#include "attention/explain.h"
#include "core/scene.h"

#include <string>
#include <vector>

namespace ap::explain_steps {

// "%.6g", as every formula shows its numbers.
std::string num(double x);
// num() with an exponent written as "\\times 10^{e}".
std::string latexNum(double x);
// "(a, b, c, … 12 more)" with the entries given and `total` in all.
std::string list(const std::vector<double>& v, int total, bool latex);

// Appends the steps to an explanation; a vector keeps at most `cap` entries.
class StepBuilder {
public:
    StepBuilder(Explanation& e, int cap) : e_(e), cap_(std::max(cap, 1)) {}

    ExplainStep& number(std::string name, std::string title, std::string formula, std::string latex, double value) {
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

double dot(const std::vector<double>& a, const std::vector<double>& b);
double norm(const std::vector<double>& a);
// Row `row` of x (or of x * w when w is set), columns [c0, c0 + width).
std::vector<double> inputRow(const Matrix& x, const Matrix& w, int row, Eigen::Index c0, Eigen::Index width);
// m x, in double.
std::vector<double> times(const Matrix& m, const std::vector<double>& x);
template <typename Row>
std::vector<double> toDoubles(const Row& r) {
    std::vector<double> out(std::size_t(r.size()));
    for (Eigen::Index i = 0; i < r.size(); ++i) out[std::size_t(i)] = double(r(i));
    return out;
}
// "{0 je, 3 suis, … 2 more}": key indices with their labels, at most `cap`.
std::string indexList(const std::vector<int>& keys, const Scene& s, int cap);
std::vector<double> asDoubles(const std::vector<int>& v);

// The cell being explained and what its steps are written into.
struct Cell {
    const Scene& scene;
    const AttentionResult& result;
    const ExplainOptions& options;
    Explanation& explanation;
    StepBuilder& builder;
    CellIndex at;
};

// The scoring steps (docs/math.md) for one query and key block.
void scoringSteps(const Scene& s, int h, const std::vector<double>& q, const std::vector<double>& k, float score,
                  StepBuilder& b);
// Step 5: the normalization of the query's row, by kind.
void normalizationSteps(const Cell& cell);

}  // namespace ap::explain_steps
