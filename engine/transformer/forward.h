// The forward pass of an opened Model over one sequence of token ids, in the
// manner of Ceres' tiny_solver: Options with documented defaults, a result
// struct, and a Forward object that owns its buffers so that repeated runs
// (the window's live updates) allocate nothing new while the token count
// stays the same.
//
// Every layer's attention probabilities are kept; optionally the logits at
// chosen positions, and one head's queries, keys and values (after the
// rotary embedding) so that the head can become a playground scene.
#pragma once

#include "core/scene.h"
#include "core/status.h"
#include "transformer/model.h"

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

namespace ap::transformer {

struct HeadId {
    int layer = 0;
    int head = 0;
    bool operator==(const HeadId&) const = default;
};

struct ForwardOptions {
    // Positions (0-based) whose logits are wanted: the causal models' next
    // token there, the BERT family's masked-LM prediction. Default none.
    std::vector<int> logitPositions;
    // The head whose queries, keys and values are kept (-1: none).
    HeadId capture{-1, -1};
    // Heads whose output is zeroed before the output projection (o_proj,
    // c_proj, attention.output.dense); everything downstream follows.
    std::vector<HeadId> ablate;
    // Checked between layers; when it becomes true the run stops with a
    // cancelled Status. Null: never.
    const std::atomic<bool>* cancel = nullptr;
    // OpenMP threads; 0 uses OpenMP's default (OMP_NUM_THREADS, or the
    // cores). Results do not depend on it.
    int threads = 0;
    // Causal models only: when the ids begin with the previous run's ids (up
    // to some position) and the ablated heads are the same, the rows of that
    // prefix (hidden states, keys, values, attention) are taken from the
    // previous run and only the tokens after it are computed, as a decoder's
    // key/value cache does. The rows computed then agree with a full pass to
    // float rounding, not bit for bit (a product over fewer rows sums in
    // another order). Ignored with a captured head. Default off.
    bool reusePrefix = false;
};

struct ForwardResult {
    int layers = 0, heads = 0, tokens = 0;
    // [layers, heads, tokens, tokens], row = query, column = key.
    std::vector<float> attentions;
    std::vector<int> logitPositions;
    Matrix logits;  // one row per logit position, vocab columns
    // The captured head (empty when none was asked): tokens x head_dim each.
    HeadId captured{-1, -1};
    Matrix queries, keys, values;
    float scale = 1.0f;  // the factor applied to q·k (1/sqrt(head_dim) unless the config says otherwise)
    bool causal = false;
    int slidingWindow = 0;
    double seconds = 0.0;  // the pass alone
    int reusedTokens = 0;  // prefix rows taken from the previous run (reusePrefix)

    const float* attention(int layer, int head) const {
        return attentions.data() + (std::size_t(layer) * heads + head) * std::size_t(tokens) * tokens;
    }
};

class Forward {
public:
    explicit Forward(std::shared_ptr<const Model> model);
    ~Forward();
    Forward(const Forward&) = delete;
    Forward& operator=(const Forward&) = delete;

    // Runs the model on `ids`. Errors: an empty sequence, more tokens than
    // the model's positions, an id outside the vocabulary, a head or
    // position out of range, logits asked of a checkpoint without its
    // output head; or cancelled. `result` is reused: its buffers keep their
    // capacity from run to run.
    Status run(const std::vector<int>& ids, const ForwardOptions& options, ForwardResult& result);

    const Model& model() const { return *model_; }

private:
    struct Buffers;
    std::shared_ptr<const Model> model_;
    std::unique_ptr<Buffers> b_;
};

// A probability distribution's N most probable entries, most probable first
// (ties: the lower id first).
struct Prediction {
    int id = 0;
    float probability = 0.0f;
};
std::vector<Prediction> topPredictions(const Eigen::Ref<const Eigen::RowVectorXf>& logits, int n);

}  // namespace ap::transformer
