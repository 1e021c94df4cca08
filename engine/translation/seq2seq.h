// The encoder-decoder with attention (Bahdanau et al. 2015;
// Luong et al. 2015), small enough to train in seconds on the shipped toy
// corpora, with its backward pass written out by hand. Pure C++20 and
// Eigen, no Qt.
//
//   source x_1..x_n --embedding--> bidirectional GRU encoder --> h_1..h_n
//         (h_j = [forward h_j; backward h_j], Bahdanau et al. sec. 3.2;
//          keys = values)
//   s_0 = [forward h_n; backward h_1] (the final state of each direction);
//   s_t = GRU(s_{t-1}, embedding(y_{t-1})), y_0 = <bos>   (queries)
//   c_t = attention of s_t over h_1..h_n (attention_layer.h: any of the five
//         scoring kinds, softmax or sparsemax, 1..several heads)
//   P(y_t | y_<t, x) = softmax(W_out [s_t; c_t] + b_out)
//   loss = mean over t = 1..T of -log P(y_t), with y_T = <eos>
// trained with teacher forcing and Adam (Kingma & Ba 2015), gradients
// clipped by their global norm.
//
// Style of Ceres' tiny_solver: Options with documented defaults, a stats
// struct per epoch, working buffers reused, errors returned as messages
// (no exceptions). Deterministic: everything runs on the calling thread,
// initialisation and shuffling draw from std::mt19937_64 (fully specified
// by the C++ standard) seeded with Options::seed, so a seed repeats its
// run bit for bit on a given build.
#pragma once

#include "translation/attention_layer.h"
#include "translation/corpus.h"
#include "translation/gru.h"
#include "core/scene.h"
#include "translation/vocabulary.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace ap {

struct Seq2SeqOptions {
    // Width d of the encoder and decoder states, hence of queries, keys and
    // values; split into `heads` column blocks of dh = d / heads.
    int hidden = 32;
    // Width of the token embeddings (source and target have their own).
    int embedding = 32;
    // Attention heads; must divide `hidden`. The context is the heads'
    // contexts side by side (the head split of docs/math.md).
    int heads = 1;
    // Encoder of Bahdanau et al. 2015 (sec. 3.2): a forward and a backward
    // GRU of hidden / 2 units each, h_j = [forward h_j; backward h_j], so
    // that each key is centred on its own word rather than the last key
    // holding the whole sentence. false: one forward GRU of `hidden` units.
    bool bidirectional = true;
    // Bahdanau's additive scoring: across seeds it aligns the most steadily
    // of the five (figures in README "Training the translator"). Every
    // kind can be chosen.
    Scoring scoring = Scoring::Additive;
    // Softmax or Sparsemax (hard and top-k have no useful gradient).
    Normalization normalization = Normalization::Softmax;
    // Attention temperature T of docs/math.md (weights of scores / T);
    // fixed, not learnt, except that cosine scoring learns a scale on top
    // of it (AttentionLayer). Exported scenes carry the effective value.
    double temperature = 1.0;
    // Passes over the corpus. Exact match comes early; the attention keeps
    // sharpening (and AER falling) long after (figures in README "Training
    // the translator").
    int epochs = 300;
    // Adam (Kingma & Ba 2015, Algorithm 1). beta1, beta2 and epsilon are the
    // paper's defaults; the step size is larger than its 0.001 because the
    // model and the corpus are tiny.
    double learningRate = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    // The gradient is rescaled to this global L2 norm when it is longer;
    // 0 turns clipping off.
    double clipNorm = 5.0;
    // Pairs per Adam step (their mean gradient). One pair per step trains
    // the toy corpora fastest.
    int batchSize = 1;
    // Seeds the initial parameters and the order of the pairs.
    std::uint64_t seed = 1;
    // Visit the pairs in a new seeded random order each epoch.
    bool shuffle = true;
};

// "" when the options are usable, else one message naming the option.
std::string validate(const Seq2SeqOptions& options);

// A pair as token ids. target has no <eos>; the model appends it.
struct EncodedPair {
    std::vector<int> source;
    std::vector<int> target;
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
    std::vector<int> decoderInput;         // <bos>, y_1 .. y_{T-1}
    std::vector<int> expected;             // y_1 .. y_{T-1}, <eos>
    Eigen::MatrixXd sourceEmbedded;        // E x n
    Eigen::MatrixXd targetEmbedded;        // E x T
    Eigen::MatrixXd encoderStates;         // d x n: h_1..h_n
    Eigen::MatrixXd decoderStates;         // d x T: s_1..s_T
    Eigen::MatrixXd features;              // 2d x T: [s_t; c_t]
    Eigen::MatrixXd context;               // d x T
    Eigen::MatrixXd probabilities;         // V_target x T
    GruCache encoderCache, encoderBackwardCache, decoderCache;
    Eigen::MatrixXd reversedStates;        // d/2 x n: the backward GRU's states in its own order
    Eigen::VectorXd decoderInitial;        // s_0
    AttentionLayerCache attentionCache;
    Eigen::MatrixXd dLogits;               // V_target x T
    Eigen::MatrixXd dFeatures, dQueries, dKeys, dEncoder, dDecoder, dSource, dTarget;
    Eigen::VectorXd dEncoderInitial, dDecoderInitial;
};

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

class Seq2SeqModel {
public:
    // Builds both vocabularies from the corpus (order of first appearance)
    // and draws the parameters from options.seed. Returns "" or a message
    // (invalid options, a corpus without pairs, a pair without tokens).
    std::string initialize(const Corpus& corpus, const Seq2SeqOptions& options);
    // As above with given vocabularies (tests, tools).
    std::string initialize(const Vocabulary& source, const Vocabulary& target,
                           const Seq2SeqOptions& options);

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

    // Teacher-forced forward pass of one pair; returns the mean
    // cross-entropy per target step (<eos> included) and keeps what
    // backward() needs in ws. The source must have at least one token.
    double forward(const EncodedPair& pair, Seq2SeqWorkspace& ws) const;
    // Adds d(loss of the last forward on ws)/d(parameters) to gradient
    // (parameters().size() doubles).
    void backward(Seq2SeqWorkspace& ws, double* gradient) const;

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

// The scene of one pair for the playground: queries = the decoder states
// s_t (rows labelled with the reference target tokens and "<eos>"), keys =
// the encoder states h_j (labelled with the source tokens), values left
// out (V = K), the model's heads, scoring kind with its trained
// head_params, normalization and (effective) temperature. computeAttention on it gives
// the model's attention weights (up to float rounding).
Scene sceneFromPair(const Seq2SeqModel& model, const SentencePair& pair);

struct Evaluation {
    double loss = 0.0;           // mean -log P per target step, teacher forced
    double tokenAccuracy = 0.0;  // steps whose argmax is the reference token (<eos> included)
    double exactMatch = 0.0;     // fraction of pairs whose greedy translation is the target
    double aer = 0.0;            // corpus AER of the argmax attention (<eos> step left out)
    int pairsWithGold = 0;       // pairs that count in aer
};
Evaluation evaluate(const Seq2SeqModel& model, const Corpus& corpus);

struct EpochStats {
    int epoch = 0;            // 1-based
    double loss = 0.0;        // after the epoch (Evaluation::loss)
    double trainLoss = 0.0;   // mean loss of the pairs while they were trained on
    double tokenAccuracy = 0.0;
    double exactMatch = 0.0;
    double aer = 0.0;
    int pairsWithGold = 0;
    double seconds = 0.0;       // wall time inside runEpoch since start (pauses excluded)
    double epochSeconds = 0.0;  // this epoch's wall time
};

// Epoch by epoch training, so that a worker thread can pause, resume and
// stop between epochs. Not thread-safe: read model() from the thread that
// runs the epochs (or copy it there: Seq2SeqModel is a value).
class Seq2SeqTrainer {
public:
    // Copies the corpus, validates the options and initialises the model.
    std::string start(const Corpus& corpus, const Seq2SeqOptions& options);

    // One pass of per-batch Adam updates over the pairs, then evaluate().
    // Returns false when *cancel became true (checked between pairs): the
    // parameters keep the updates made so far and stats is not written.
    // Does nothing and returns false once options().epochs are done.
    bool runEpoch(EpochStats& stats, const std::atomic<bool>* cancel = nullptr);

    bool finished() const { return epoch_ >= model_.options().epochs; }
    int epochsDone() const { return epoch_; }
    const Seq2SeqModel& model() const { return model_; }
    const Corpus& corpus() const { return corpus_; }
    const std::vector<EpochStats>& history() const { return history_; }

private:
    void adamStep(double scale);

    Corpus corpus_;
    std::vector<EncodedPair> encoded_;
    Seq2SeqModel model_;
    Seq2SeqWorkspace workspace_;
    Eigen::VectorXd gradient_, firstMoment_, secondMoment_;
    long long adamSteps_ = 0;
    std::mt19937_64 rng_;
    std::vector<int> order_;
    int epoch_ = 0;
    double seconds_ = 0.0;
    std::vector<EpochStats> history_;
};

struct TrainSummary {
    bool ok = false;
    bool cancelled = false;
    std::string message;               // why it failed, when !ok
    std::vector<EpochStats> epochs;
};

// Runs every epoch. After each, callback(stats, model) is called on this
// thread; returning false stops the run (ok stays true). cancel, when set,
// stops within the epoch (cancelled = true). trained, when non-null,
// receives the model at the end.
TrainSummary train(const Corpus& corpus, const Seq2SeqOptions& options,
                   const std::function<bool(const EpochStats&, const Seq2SeqModel&)>& callback,
                   const std::atomic<bool>* cancel = nullptr, Seq2SeqModel* trained = nullptr);

}  // namespace ap
