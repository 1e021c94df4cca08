// A differentiable attention layer for the translation model: the
// computation of docs/math.md (no masks, no projections, values = keys,
// softmax or sparsemax) in double precision, with its backward pass written
// out by hand. ap::computeAttention on the scene that sceneFromPair()
// (seq2seq.h) exports gives the same weights; the tests check it.
#pragma once

#include "core/scene.h"

#include <Eigen/Core>

#include <vector>

namespace ap {

// Weights of one row of n raw scores, on s/T with the row maximum taken
// off first (docs/math.md). kind is Softmax or Sparsemax; any other kind
// is treated as Softmax (callers validate). n may be 0.
void normalizeScores(Normalization kind, double inverseTemperature, const double* scores, double* weights, int n);

// dL/ds from dL/dw for the row above (w are its weights):
//   softmax:   ds = w * (g - w.g) / T
//   sparsemax: ds = s * (g - (s.g)/|S|) / T, s the indicator of the support
//              (the Jacobian diag(s) - s s^T/|S| of Martins & Astudillo 2016,
//              eq. 14).
void normalizeScoresBackward(Normalization kind, double inverseTemperature, const double* weights,
                             const double* dWeights, double* dScores, int n);

// What backward() reads; filled by forward(), reused across calls.
struct AttentionLayerCache {
    Eigen::MatrixXd queries;                // d x T
    Eigen::MatrixXd keys;                   // d x n (and the values)
    std::vector<Eigen::MatrixXd> scores;    // per head, n x T: raw scores
    std::vector<Eigen::MatrixXd> weights;   // per head, n x T: column t is query t's row of weights
    std::vector<Eigen::MatrixXd> mapped;    // general: W K_h (dh x n); additive: tanh(...) (da x n*T)
    Eigen::MatrixXd unitQueries, unitKeys;  // cosine: each head block scaled to length 1
    Eigen::MatrixXd queryNorms, keyNorms;   // cosine: heads x T, heads x n
};

// Queries s_t (columns of a d x T matrix) attend keys h_j (columns of a
// d x n matrix), which are also the values. Head i uses rows
// [i*dh, (i+1)*dh) of both, dh = d / heads (the column blocks of docs/math.md; the
// model stores vectors as columns). Scores per head, for query q and key k
// of width dh:
//   dot         q.k
//   scaled_dot  q.k / sqrt(dh)
//   general     q^T W k, W dh x dh                    (Luong et al. 2015, eq. 8)
//   additive    v^T tanh(Wq q + Wk k), Wq, Wk da x dh, v da entries, da = dh
//                                                     (Bahdanau et al. 2015, eq. 6)
//   cosine      q.k / (|q| |k|), 0 where either norm is 0
// then weights = softmax or sparsemax of scores / T over the keys, and the
// context of query t is, per head, sum_j w_tj h_j[head block], the heads'
// contexts stacked (d x T).
//
// Parameters live in a flat array, per head one after the other:
//   general:  W (dh x dh)
//   additive: Wq (da x dh), Wk (da x dh), v (da)
// each column-major; dot and scaled_dot have none. Cosine has one, shared
// by the heads: a log-scale l, with the scores divided by the temperature
// T e^-l rather than T. Cosine scores lie in [-1, 1], so with T = 1 no
// weight can exceed e^2 times another and attention stays blurred; a
// learnt scale is the "scaled cosine attention" of Henry et al. 2020
// (QKNorm) and Liu et al. 2022 (Swin V2). It stays within docs/math.md: the
// exported scene carries T e^-l as its temperature (effectiveTemperature).
class AttentionLayer {
public:
    AttentionLayer() = default;
    AttentionLayer(Scoring scoring, Normalization normalization, int width, int heads, double temperature);

    Scoring scoring() const { return scoring_; }
    Normalization normalization() const { return normalization_; }
    int width() const { return width_; }
    int heads() const { return heads_; }
    int headWidth() const { return width_ / heads_; }
    int additiveWidth() const { return headWidth(); }
    double temperature() const { return temperature_; }

    Eigen::Index parameterCount() const {
        return Eigen::Index(heads_) * headParameterCount() + (scoring_ == Scoring::Cosine ? 1 : 0);
    }
    Eigen::Index headParameterCount() const;
    // Offsets inside the parameter array; -1 where the kind has no such block.
    Eigen::Index offsetW(int head) const;
    Eigen::Index offsetWq(int head) const;
    Eigen::Index offsetWk(int head) const;
    Eigen::Index offsetV(int head) const;
    Eigen::Index offsetLogScale() const;

    // The temperature the weights are computed with: the fixed one, and
    // for cosine divided by its learnt scale.
    double effectiveTemperature(const double* params) const;

    // context (d x T) for queries (d x T) over keys (d x n). With n = 0 the
    // context is 0.
    void forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& queries,
                 const Eigen::Ref<const Eigen::MatrixXd>& keys, Eigen::MatrixXd& context,
                 AttentionLayerCache& cache) const;

    // From dL/dcontext: adds dL/dparams to grad, writes dL/dqueries and
    // dL/dkeys (both the scoring path and the value path).
    void backward(const double* params, const AttentionLayerCache& cache,
                  const Eigen::Ref<const Eigen::MatrixXd>& dContext, double* grad, Eigen::MatrixXd& dQueries,
                  Eigen::MatrixXd& dKeys, const std::vector<Eigen::MatrixXd>* dWeights = nullptr) const;

    // The per-head parameters as the scene file's head_params (float,
    // row-major), so that computeAttention reproduces this layer.
    std::vector<HeadParams> sceneHeadParams(const double* params) const;

private:
    Scoring scoring_ = Scoring::ScaledDot;
    Normalization normalization_ = Normalization::Softmax;
    int width_ = 1;
    int heads_ = 1;
    double temperature_ = 1.0;
};

}  // namespace ap
