// A transformer checkpoint opened for inference: its config, its mapped
// weights, and each layer's tensors found by the family's official names.
// Opening reads only the headers and the small vectors (biases, norms);
// matrices stay in the mapping until a forward pass uses them.
#pragma once

#include "core/scene.h"
#include "core/status.h"
#include "transformer/checkpoint.h"
#include "transformer/config.h"

#include <memory>
#include <string>
#include <vector>

namespace ap::transformer {

// A weight matrix used as y = x·Wᵀ + b (torch.nn.Linear, stored [out, in])
// or y = x·W + b (GPT-2's Conv1D, stored [in, out]).
struct Linear {
    const TensorRef* weight = nullptr;
    bool inOut = false;  // stored [in, out]
    int in = 0, out = 0;
    Vector bias;  // empty: none
};

// LayerNorm (weight and bias) or RMSNorm (bias empty).
struct Norm {
    Vector weight, bias;
};

struct LayerWeights {
    Linear qkv;  // GPT-2's fused c_attn; otherwise q, k, v apart
    Linear q, k, v, o;
    // BERT: the norms after attention and after the MLP (post-LN).
    // GPT-2 and Llama: the norms before them (pre-LN).
    Norm attentionNorm, mlpNorm;
    Linear up, gate, down;  // gate: Llama's SwiGLU only
};

class Model {
public:
    // Reads DIR/config.json and maps the weights. Fails with one message
    // naming the file: an unknown model_type, a missing tensor, or a shape
    // that disagrees with config.json (both shapes given).
    static Result<std::shared_ptr<const Model>> open(const std::string& dir);

    const ModelConfig& config() const { return config_; }
    const std::string& dir() const { return dir_; }
    const Checkpoint& checkpoint() const { return checkpoint_; }
    // Whether logits can be computed: the causal LM head, or the BERT
    // family's masked-LM head.
    bool hasOutputHead() const { return output != nullptr; }
    // Biggest matrix (elements) a forward pass converts at once.
    std::int64_t largestMatrix() const { return largestMatrix_; }

    // The weights, as the forward pass reads them.
    const TensorRef* wordEmbeddings = nullptr;      // [vocab, hidden]
    const TensorRef* positionEmbeddings = nullptr;  // [positions, hidden] (BERT, GPT-2)
    const TensorRef* typeEmbeddings = nullptr;      // [types, hidden] (BERT), row 0 used
    Norm embeddingNorm;                             // BERT
    std::vector<LayerWeights> layers;
    Norm finalNorm;       // GPT-2, Llama
    Linear mlmTransform;  // BERT family's masked-LM head
    Norm mlmNorm;
    const TensorRef* output = nullptr;  // [vocab, hidden]
    Vector outputBias;                  // empty: none

private:
    friend class WeightFinder;
    ModelConfig config_;
    std::string dir_;
    Checkpoint checkpoint_;
    std::int64_t largestMatrix_ = 0;
};

}  // namespace ap::transformer
