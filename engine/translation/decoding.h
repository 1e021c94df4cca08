// Reading a trained model: greedy decoding of a sentence, the
// teacher-forced attention of a pair, and a pair as a playground scene.
#pragma once

#include "translation/seq2seq_model.h"

namespace ap {

// Attention of one pair under teacher forcing, for the heatmap. Rows are
// the decoder steps: one per reference target token and a last one whose
// expected output is <eos>; columns are the source tokens.
struct PairAttention {
    std::vector<std::string> sourceTokens;
    std::vector<std::string> targetTokens;     // the reference, then "<eos>"
    std::vector<std::string> predictedTokens;  // argmax of P at each step
    std::vector<Matrix> heads;                 // per head, steps x source
    Matrix mean;                               // mean over the heads
    Matrix decoderStates;                      // steps x d: the queries s_t
    Matrix encoderStates;                      // source x d: keys = values h_j
    double loss = 0.0;                         // mean -log P per step
};

// Greedy decoding: at each step the most probable token (ties to the lowest
// id) is the next input, until <eos> or 2 n + 5 steps.
struct Translation {
    std::vector<std::string> sourceTokens;  // as given (unknown words too)
    std::vector<std::string> tokens;        // without <eos>
    bool finished = false;                  // <eos> came within the limit
    std::vector<Matrix> heads;              // per head, steps x source
    Matrix mean;                            // steps = tokens (+ 1 when finished)
};

// The most probable token of column `step` of a V x T probability matrix,
// ties to the lowest id.
int argmaxToken(const Eigen::MatrixXd& probabilities, Eigen::Index step);

// Weights per head (n x T, as the attention layer keeps them) -> steps x
// source float matrices, and their mean over the heads.
void attentionMatrices(const std::vector<Eigen::MatrixXd>& weights, std::vector<Matrix>& heads, Matrix& mean);

// The scene of one pair for the playground: queries = the decoder states
// s_t (rows labelled with the reference target tokens and "<eos>"), keys =
// the encoder states h_j (labelled with the source tokens), values left
// out (V = K), the model's heads, scoring kind with its trained
// head_params, normalization and (effective) temperature. computeAttention on it gives
// the model's attention weights (up to float rounding).
Scene sceneFromPair(const Seq2SeqModel& model, const SentencePair& pair);

}  // namespace ap
