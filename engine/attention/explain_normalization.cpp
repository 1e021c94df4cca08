// Step 5 of an explanation: how the row's scores become the cell's weight,
// for each normalizer of attention/normalization.h.
#include "attention/explain_steps.h"

#include "attention/normalization.h"
#include "attention/sampling.h"
#include "core/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ap::explain_steps {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A NaN score ranks below every number, as in the normalizers.
double rankable(float x) { return std::isnan(x) ? -kInf : double(x); }

// The steps of one row over its unmasked keys (there is at least one).
class RowSteps {
public:
    RowSteps(const Cell& c, std::vector<int> unmasked)
        : c_(c),
          s_(c.scene),
          b_(c.builder),
          i_(c.at.query),
          j_(c.at.key),
          lk_(c.scene.keyCount()),
          srow_(c.result.heads[std::size_t(c.at.head)].scores.row(c.at.query).data()),
          mrow_(c.result.mask.row(c.at.query).data()),
          rowUse_{{ExplainTable::Heatmap, c.at.query, 0, -1}},
          cellUse_{{ExplainTable::Heatmap, c.at.query, c.at.key, 1}},
          unmasked_(std::move(unmasked)),
          w_(num(c.explanation.weight)),
          weight_(c.explanation.weight) {
        for (int l : unmasked_) m_ = std::max(m_, rankable(srow_[l]));
        invT_ = 1.0 / double(s_.temperature);
    }

    void explain() {
        switch (s_.normalization) {
        case Normalization::Softmax: softmax(unmasked_); break;
        case Normalization::Hard: hard(); break;
        case Normalization::TopK: topK(); break;
        case Normalization::Sparsemax: sparsemax(); break;
        case Normalization::Sample: sample(); break;
        }
    }

private:
    // exp((s_l - m) / T) of the given keys (0 elsewhere), and their sum.
    double exps(const std::vector<int>& keys, std::vector<double>& out) const {
        out.assign(std::size_t(lk_), 0.0);
        double sum = 0.0;
        for (int l : keys) {
            out[std::size_t(l)] = std::isfinite(m_) ? std::exp((rankable(srow_[l]) - m_) * invT_)
                                                    : (rankable(srow_[l]) == m_ ? 1.0 : 0.0);
            sum += out[std::size_t(l)];
        }
        return sum;
    }

    void softmax(const std::vector<int>& keys) {
        b_.number("row maximum", "Row maximum", "m = max of the unmasked scores = " + num(m_),
                  "m = \\max_l s_l = " + latexNum(m_), m_)
            .uses = rowUse_;
        std::vector<double> e;
        const double sum = exps(keys, e);
        b_.vector("exponentials", "Exponentials", "e_l = exp((s_l − m) / T)",
                  "e_l = \\exp\\left(\\frac{s_l - m}{T}\\right)", e)
            .uses = rowUse_;
        b_.number("sum", "Sum", "Σ_l e_l = " + num(sum), "\\sum_l e_l = " + latexNum(sum), sum).uses = rowUse_;
        b_.number("weight", "Weight", "w = e_j / Σ_l e_l = " + num(e[std::size_t(j_)]) + " / " + num(sum) + " = " + w_,
                  "w = \\frac{e_j}{\\sum_l e_l} = \\frac{" + latexNum(e[std::size_t(j_)]) + "}{" + latexNum(sum) +
                      "} = " + latexNum(weight_),
                  weight_)
            .uses = cellUse_;
    }

    void hard() {
        int best = unmasked_.front();
        for (int l : unmasked_)
            if (rankable(srow_[l]) > rankable(srow_[best])) best = l;
        b_.number("argmax", "Argmax",
                  "the largest unmasked score is key " + std::to_string(best) + " \"" + s_.keyLabel(best) +
                      "\" (s = " + num(srow_[best]) + "); ties go to the lowest index; temperature does not move it",
                  "\\arg\\max_l s_l = " + std::to_string(best), best)
            .uses = rowUse_;
        b_.number("weight", "Weight", std::string("w = ") + (best == j_ ? "1 (the argmax)" : "0 (not the argmax)"),
                  "w = " + latexNum(weight_), weight_)
            .uses = cellUse_;
    }

    void topK() {
        const int kk = std::max(s_.topK, 1);
        std::vector<int> order = unmasked_;
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int c) { return rankable(srow_[a]) > rankable(srow_[c]); });
        if (kk >= int(order.size())) {
            b_.number("kept keys", "Kept keys",
                      "k = " + std::to_string(kk) + " ≥ " + std::to_string(order.size()) +
                          " unmasked keys: plain softmax",
                      "k \\geq " + std::to_string(order.size()), double(order.size()))
                .uses = rowUse_;
            softmax(unmasked_);
            return;
        }
        order.resize(std::size_t(kk));
        const double threshold = rankable(srow_[order.back()]);
        std::vector<int> kept = order;
        std::sort(kept.begin(), kept.end());
        b_.vector("kept keys", "Kept keys",
                  "the " + std::to_string(kk) + " largest unmasked scores (ties to the lowest index) " +
                      indexList(kept, s_, 16),
                  "\\text{top-}" + std::to_string(kk), asDoubles(kept))
            .uses = rowUse_;
        b_.number("threshold", "Threshold", "the k-th largest score = " + num(threshold),
                  "s_{(k)} = " + latexNum(threshold), threshold)
            .uses = rowUse_;
        softmax(kept);
    }

    void sparsemax() {
        // z as the float normalizer computes it, then its threshold.
        std::vector<double> z(std::size_t(lk_), 0.0);
        std::vector<double> sorted;
        for (int l : unmasked_) {
            z[std::size_t(l)] = double(float((float(rankable(srow_[l])) - float(m_)) * (1.0f / s_.temperature)));
            sorted.push_back(z[std::size_t(l)]);
        }
        const SparsemaxThreshold threshold = sparsemaxThreshold(sorted.data(), int(sorted.size()));
        const double tau = threshold.tau;
        const int support = threshold.support;
        std::vector<int> supp;
        for (int l : unmasked_)
            if (z[std::size_t(l)] - tau > 0.0) supp.push_back(l);
        b_.vector("z", "Shifted scores", "z_l = (s_l − m) / T", "z_l = \\frac{s_l - m}{T}", z).uses = rowUse_;
        b_.number("tau", "Threshold τ",
                  "τ = (Σ of the " + std::to_string(support) + " largest z − 1) / " + std::to_string(support) + " = " +
                      num(tau),
                  "\\tau = \\frac{\\sum_{r \\le " + std::to_string(support) + "} z_{(r)} - 1}{" +
                      std::to_string(support) + "} = " + latexNum(tau),
                  tau)
            .uses = rowUse_;
        b_.vector("support", "Support", "keys with z_l > τ " + indexList(supp, s_, 16), "\\{l : z_l > \\tau\\}",
                  asDoubles(supp))
            .uses = rowUse_;
        b_.number("weight", "Weight",
                  "w = max(z_j − τ, 0) = max(" + num(z[std::size_t(j_)]) + " − " + num(tau) + ", 0) = " + w_,
                  "w = \\max(z_j - \\tau, 0) = " + latexNum(weight_), weight_)
            .uses = cellUse_;
    }

    void sample() {
        // The engine's own softmax and draws, on a buffer aligned as the
        // engine's, so that the counts are the engine's counts.
        std::vector<float, Eigen::aligned_allocator<float>> probs(std::size_t(lk_) + 16, 0.0f);
        RowScratch scratch;
        const NormalizationParams softmaxParams{Normalization::Softmax, s_.temperature, s_.topK, 1, 0};
        normalizeRow(softmaxParams, srow_, mrow_, probs.data(), lk_, scratch);
        b_.vector("probabilities", "Probabilities", "p_l = softmax(s / T)_l", "p_l = \\mathrm{softmax}(s/T)_l",
                  toDoubles(Eigen::Map<const Eigen::ArrayXf>(probs.data(), lk_)))
            .uses = rowUse_;
        std::vector<double> cumulative(static_cast<std::size_t>(lk_));
        std::vector<float> counts(static_cast<std::size_t>(lk_));
        std::vector<int> draws;
        sampleCounts(probs.data(), lk_, s_.samples, s_.seed, c_.at.head, i_, cumulative.data(), counts.data(), &draws,
                     std::max(c_.options.maxDraws, 0));
        b_.vector("draws", "Draws",
                  std::to_string(s_.samples) + " draws of a key from p, generator SplitMix64 seeded by (seed " +
                      std::to_string(s_.seed) + ", head " + std::to_string(c_.at.head) + ", row " + std::to_string(i_) +
                      "); the first ones",
                  "j_n \\sim p", asDoubles(draws))
            .uses = rowUse_;
        b_.vector("counts", "Counts", "how often each key was drawn", "c_l",
                  toDoubles(Eigen::Map<const Eigen::ArrayXf>(counts.data(), lk_)))
            .uses = rowUse_;
        b_.number("weight", "Weight",
                  "w = c_j / N = " + num(counts[std::size_t(j_)]) + " / " + std::to_string(s_.samples) + " = " + w_ +
                      " (expected p_j = " + num(probs[std::size_t(j_)]) + ")",
                  "w = \\frac{c_j}{N} = \\frac{" + latexNum(counts[std::size_t(j_)]) + "}{" +
                      std::to_string(s_.samples) + "} = " + latexNum(weight_),
                  weight_)
            .uses = cellUse_;
    }

    const Cell& c_;
    const Scene& s_;
    StepBuilder& b_;
    const int i_, j_, lk_;
    const float* srow_;
    const bool* mrow_;
    const std::vector<ExplainUse> rowUse_, cellUse_;
    const std::vector<int> unmasked_;
    const std::string w_;
    const float weight_;
    double m_ = -kInf;
    double invT_ = 1.0;
};

}  // namespace

void normalizationSteps(const Cell& c) {
    const int lk = c.scene.keyCount();
    const bool* mrow = c.result.mask.row(c.at.query).data();
    std::vector<int> unmasked;
    for (int l = 0; l < lk; ++l)
        if (!mrow[l]) unmasked.push_back(l);
    if (unmasked.empty()) {
        c.builder
            .number("fully masked", "Every key masked",
                    "every key of this row is masked: all weights and the context are 0", "w = 0", 0.0)
            .uses = {{ExplainTable::Heatmap, c.at.query, 0, -1}};
        return;
    }
    RowSteps(c, std::move(unmasked)).explain();
}

}  // namespace ap::explain_steps
