// A checkpoint's config.json (Hugging Face layout): the architecture family
// and the sizes the weights must have. Each family's own key names
// (n_layer for GPT-2, dim for DistilBERT, ...) are read into one struct.
#pragma once

#include "core/status.h"

#include <string>

namespace ap::transformer {

enum class Family { Bert, Gpt2, Llama };
enum class Activation { GeluErf, GeluTanh, Relu, Silu };

struct ModelConfig {
    std::string modelType;  // as written: "bert", "roberta", "distilbert", "gpt2", "llama", "mistral", "qwen2"
    Family family = Family::Bert;
    int layers = 0;
    int heads = 0;
    int kvHeads = 0;  // grouped-query attention; == heads elsewhere
    int hidden = 0;
    int headDim = 0;
    int intermediate = 0;
    int vocab = 0;
    int maxPositions = 0;    // tokens the model accepts (RoBERTa: without its padding offset)
    int typeVocab = 0;       // BERT token types (0: none, as DistilBERT)
    int positionOffset = 0;  // RoBERTa numbers positions from pad_token_id + 1
    int padTokenId = -1;     // RoBERTa: tokens with this id keep the padding position
    float normEps = 1e-5f;
    Activation activation = Activation::GeluErf;
    bool causal = false;
    bool tiedOutput = true;  // logits through the input embedding
    bool qkvBias = false;    // Qwen2, or Llama's attention_bias
    bool mlpBias = false;    // Llama's mlp_bias
    double ropeTheta = 10000.0;
    // rope_scaling: "linear" divides positions by `ropeFactor`; "llama3"
    // rescales the low frequencies (Llama 3.1's rule).
    std::string ropeScaling;  // "" (none), "linear" or "llama3"
    double ropeFactor = 1.0, ropeLowFreq = 1.0, ropeHighFreq = 4.0;
    int ropeOriginalMax = 8192;
    int slidingWindow = 0;             // Mistral: keys further back than this are masked (0: none)
    bool scaleByInverseLayer = false;  // GPT-2's scale_attn_by_inverse_layer_idx
};

// Reads DIR/config.json. Errors name the file and the key.
Result<ModelConfig> readConfig(const std::string& dir);

const char* toString(Family f);

}  // namespace ap::transformer
