// The encoder-decoder with attention (Bahdanau et al. 2015; Luong et al.
// 2015), small enough to train in seconds on the shipped toy corpora, with
// its backward pass written out by hand. Pure C++20 and Eigen, no Qt.
//
//   source x_1..x_n --embedding--> bidirectional GRU encoder --> h_1..h_n
//         (h_j = [forward h_j; backward h_j], Bahdanau et al. sec. 3.2;
//          keys = values)
//   s_0 = 0, or [forward h_n; backward h_1] (the final state of each
//         direction) with Options::initialStateFromEncoder;
//   s_t = GRU(s_{t-1}, embedding(y_{t-1})), y_0 = <bos>   (queries)
//   c_t = attention of s_t over h_1..h_n (attention_layer.h: any of the five
//         scoring kinds, softmax or sparsemax, 1..several heads)
//   P(y_t | y_<t, x) = softmax(W_out [s_t; c_t] + b_out)
//   loss = mean over t = 1..T of -log P(y_t), with y_T = <eos>
//          (+ the guided-alignment term, see Seq2SeqOptions)
//
// This header holds the model and its forward/backward pass; decoding.h
// the greedy translation and the attention of a pair, evaluation.h the
// figures, trainer.h the epochs with Adam (core/adam.h), model_file.h the file.
//
// Ceres style: Options with documented defaults, working buffers reused,
// errors returned as messages (no exceptions). Deterministic: the
// initialisation draws from core/random.h's Random (std::mt19937_64, fully
// specified by the C++ standard) seeded with Options::seed, so a seed is a model.
#pragma once

#include "core/status.h"
#include "core/adam.h"
#include "translation/attention_layer.h"
#include "translation/corpus.h"
#include "translation/gru.h"
#include "core/scene.h"
#include "translation/vocabulary.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace ap {

struct Seq2SeqOptions {
    // Width d of the encoder and decoder states, hence of queries, keys and
    // values; split into `heads` column blocks of dh = d / heads.
    int hidden = 64;
    // Width of the token embeddings (source and target have their own).
    int embedding = 32;
    // Attention heads; must divide `hidden`. The context is the heads'
    // contexts side by side (the scene file's head split).
    int heads = 1;
    // Encoder of Bahdanau et al. 2015 (sec. 3.2): a forward and a backward
    // GRU of hidden / 2 units each, h_j = [forward h_j; backward h_j], so
    // that each key is centred on its own word rather than the last key
    // holding the whole sentence. false: one forward GRU of `hidden` units.
    bool bidirectional = true;
    // Whether the decoder starts from the encoder's summary, s_0 =
    // [forward h_n; backward h_1] (Bahdanau et al. 2015 start from the
    // backward state), or from s_0 = 0. From zero, everything the decoder
    // knows of the source comes through attention, so attention has to find
    // the word being translated rather than the neighbour that the
    // bidirectional states also describe: held-out AER 0.15 instead of 0.18
    // on fr-en-eval.tsv, median of 5 seeds (README, "held-out figures").
    bool initialStateFromEncoder = false;
    // Dot, hidden 64, 100 epochs (automatic on 71 pairs) and learning rate
    // 0.01 had the lowest held-out AER of scripts/sweep_translation.sh on
    // fr-en-eval.tsv (README); every kind can be chosen.
    Scoring scoring = Scoring::Dot;
    // Softmax or Sparsemax (hard and top-k have no useful gradient).
    Normalization normalization = Normalization::Softmax;
    // Attention temperature T (weights of scores / T);
    // fixed, not learnt, except that cosine scoring learns a scale on top
    // of it (AttentionLayer). Exported scenes carry the effective value.
    double temperature = 1.0;
    // Passes over the corpus; 0 chooses automaticEpochs(pairs). The
    // attention keeps sharpening long after small corpora are translated
    // exactly, but on large ones it drifts away from the alignment with
    // too many updates (docs/translation.md).
    int epochs = 0;
    // The optimiser's step size, moments and clipping (core/adam.h).
    AdamOptions adam;
    // Lower the learning rate linearly from adam.learningRate to 0 over the
    // run's updates (as in Devlin et al. 2019 after warm-up), so that the
    // last epochs settle rather than jump between solutions of per-pair
    // steps: without it held-out exact match moves by several points from
    // one epoch to the next on a generated corpus, and ends at 0.88 rather
    // than 1.0 (AER 0.10 rather than 0.06).
    bool decayLearningRate = true;
    // Pairs per Adam step (their mean gradient). One pair per step trains
    // the toy corpora fastest.
    int batchSize = 1;
    // Seeds the initial parameters and the order of the pairs.
    std::uint64_t seed = 1;
    // Visit the pairs in a new seeded random order each epoch.
    bool shuffle = true;
    // Guided alignment (Chen et al. 2016; Garg et al. 2019): adds
    // guidedAlignment * mean over target steps of the cross-entropy
    // -sum_j g_tj log a_tj between a guide distribution g_t over the source
    // words and the mean attention row a_t. Pairs and steps without a guide
    // add nothing. 0 turns it off; needs softmax (sparsemax has exact zeros).
    double guidedAlignment = 0.0;
};

// Whether the options are usable; if not, one message naming the option.
Status validate(const Seq2SeqOptions& options);

// Epochs when Seq2SeqOptions::epochs is 0: about kAutomaticUpdates pair
// updates, at most kMaxAutomaticEpochs and at least 1. Small corpora get
// many epochs (71 pairs: 100, the sweep's best); large ones few (2,700
// pairs: 12), because held-out AER rose with the number of updates there
// (0.05 after 10 epochs, 0.10 after 300 on 2,700 generated pairs).
constexpr long long kAutomaticUpdates = 30000;
constexpr int kMaxAutomaticEpochs = 100;
int automaticEpochs(std::size_t pairs);
// options.epochs, or automaticEpochs(pairs) when it is 0.
int resolvedEpochs(const Seq2SeqOptions& options, std::size_t pairs);

// A pair as token ids. target has no <eos>; the model appends it.
struct EncodedPair {
    std::vector<int> source;
    std::vector<int> target;
    // Guided alignment's target distributions: n x |target|, column t sums
    // to 1 over the source words target word t aligns to, or is all zero
    // (no guide for that word). Empty: no guide for the pair.
    Eigen::MatrixXd guide;
};

// Named slice of the flat parameter vector, for gradient checks and
// reports ("encoder.U", "attention.head1.Wq", ...). Column-major matrix.
struct ParameterBlock {
    std::string name;
    Eigen::Index offset = 0;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    Eigen::Index size() const { return rows * cols; }
};

// Every intermediate of one pair's forward pass and the backward pass's
// scratch. Reused from pair to pair; one per thread.
struct Seq2SeqWorkspace {
    EncodedPair pair;
    std::vector<int> decoderInput;   // <bos>, y_1 .. y_{T-1}
    std::vector<int> expected;       // y_1 .. y_{T-1}, <eos>
    Eigen::MatrixXd sourceEmbedded;  // E x n
    Eigen::MatrixXd targetEmbedded;  // E x T
    Eigen::MatrixXd encoderStates;   // d x n: h_1..h_n
    Eigen::MatrixXd decoderStates;   // d x T: s_1..s_T
    Eigen::MatrixXd features;        // 2d x T: [s_t; c_t]
    Eigen::MatrixXd context;         // d x T
    Eigen::MatrixXd probabilities;   // V_target x T
    GruCache encoderCache, encoderBackwardCache, decoderCache;
    Eigen::MatrixXd reversedStates;  // d/2 x n: the backward GRU's states in its own order
    Eigen::VectorXd decoderInitial;  // s_0
    AttentionLayerCache attentionCache;
    std::vector<Eigen::MatrixXd> dWeights;  // per head, n x T: the guided term's dL/dweights
    double crossEntropy = 0.0;              // the last forward's mean -log P, without the guided term
    Eigen::MatrixXd dLogits;                // V_target x T
    Eigen::MatrixXd dFeatures, dQueries, dKeys, dEncoder, dDecoder, dSource, dTarget;
    Eigen::VectorXd dEncoderInitial, dDecoderInitial;
};

struct PairAttention;
struct Translation;

class Seq2SeqModel {
public:
    // Builds both vocabularies from the corpus (order of first appearance)
    // and draws the parameters from options.seed. Returns success or a message
    // (invalid options, a corpus without pairs, a pair without tokens).
    Status initialize(const Corpus& corpus, const Seq2SeqOptions& options);
    // As above with given vocabularies (tests, tools).
    Status initialize(const Vocabulary& source, const Vocabulary& target, const Seq2SeqOptions& options);

    const Seq2SeqOptions& options() const { return options_; }
    const Vocabulary& sourceVocabulary() const { return sourceVocabulary_; }
    const Vocabulary& targetVocabulary() const { return targetVocabulary_; }
    const AttentionLayer& attention() const { return attention_; }
    // The attention layer's slice of parameters() (see AttentionLayer).
    const double* attentionParameters() const { return parameters_.data() + attentionOffset_; }

    // All parameters, one flat vector (Adam, clipping and gradient checks
    // work on it), and its named blocks.
    Eigen::VectorXd& parameters() { return parameters_; }
    const Eigen::VectorXd& parameters() const { return parameters_; }
    const std::vector<ParameterBlock>& parameterBlocks() const { return blocks_; }

    EncodedPair encode(const SentencePair& pair) const;

    // Teacher-forced forward pass of one pair; returns the loss: the mean
    // cross-entropy per target step (<eos> included), plus the guided term
    // when options().guidedAlignment > 0 and the pair has a guide, and keeps
    // what backward() needs in ws. The source must have at least one token.
    double forward(const EncodedPair& pair, Seq2SeqWorkspace& ws) const;
    // Adds d(loss of the last forward on ws)/d(parameters) to gradient
    // (parameters().size() doubles).
    void backward(Seq2SeqWorkspace& ws, double* gradient) const;

    // Defined in decoding.cpp (decoding.h has the result types).
    PairAttention teacherForcedAttention(const SentencePair& pair) const;
    Translation translate(const std::vector<std::string>& source) const;

private:
    Eigen::Index addBlock(const std::string& name, Eigen::Index rows, Eigen::Index cols);
    // The encoder: embedded source (E x n) -> states (d x n) and s_0.
    void encodeSource(const double* p, const Eigen::MatrixXd& embedded, Eigen::MatrixXd& states,
                      Eigen::VectorXd& initial, Seq2SeqWorkspace& ws) const;
    // Its backward pass: from dL/dstates and dL/ds_0, adds the encoder's
    // parameter gradients and writes dL/dembedded into ws.dSource.
    void encodeSourceBackward(const double* p, Seq2SeqWorkspace& ws, double* gradient) const;

    Seq2SeqOptions options_;
    Vocabulary sourceVocabulary_, targetVocabulary_;
    GruCell encoder_, encoderBackward_, decoder_;
    AttentionLayer attention_;
    Eigen::VectorXd parameters_;
    std::vector<ParameterBlock> blocks_;
    Eigen::Index sourceEmbeddingOffset_ = 0, targetEmbeddingOffset_ = 0;
    Eigen::Index encoderOffset_ = 0, encoderBackwardOffset_ = 0, decoderOffset_ = 0;
    Eigen::Index attentionOffset_ = 0;
    Eigen::Index outputWOffset_ = 0, outputBOffset_ = 0;
};

}  // namespace ap
