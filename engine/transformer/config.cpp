#include "transformer/config.h"

#include "core/enum_names.h"
#include "io/json.h"
#include "io/text_file.h"

#include <cmath>

namespace ap::transformer {
namespace {

constexpr std::int64_t kMaxConfigBytes = 4 << 20;
// Bounds that keep a mistyped config.json from asking for absurd buffers.
constexpr int kMaxLayers = 1024;
constexpr int kMaxWidth = 1 << 16;
constexpr int kMaxHeads = 1024;
constexpr int kMaxVocab = 1 << 22;
constexpr int kMaxPositionsLimit = 1 << 22;

class Reader {
public:
    Reader(const json::Value& root, std::string file) : root_(root), file_(std::move(file)) {}
    const json::Value* find(const char* key) const {
        const json::Value* v = root_.find(key);
        return v && v->type != json::Type::Null ? v : nullptr;
    }
    // A whole number in [lo, hi] under the first of `keys` present.
    bool integer(std::initializer_list<const char*> keys, int lo, int hi, int& out, bool required = true) {
        for (const char* k : keys) {
            const json::Value* v = find(k);
            if (!v) continue;
            if (!v->isNumber() || v->number != std::floor(v->number) || v->number < lo || v->number > hi)
                return fail(std::string("\"") + k + "\" must be a whole number from " + std::to_string(lo) + " to " +
                            std::to_string(hi));
            out = int(v->number);
            return true;
        }
        if (!required) return true;
        return fail(std::string("\"") + *keys.begin() + "\" is missing");
    }
    bool number(const char* key, double& out) {
        const json::Value* v = find(key);
        if (!v) return true;
        if (!v->isNumber() || !(v->number > 0)) return fail(std::string("\"") + key + "\" must be a positive number");
        out = v->number;
        return true;
    }
    bool boolean(const char* key, bool& out) {
        const json::Value* v = find(key);
        if (!v) return true;
        if (v->type != json::Type::Bool) return fail(std::string("\"") + key + "\" must be true or false");
        out = v->boolean;
        return true;
    }
    bool activation(std::initializer_list<const char*> keys, Activation& out) {
        for (const char* k : keys) {
            const json::Value* v = find(k);
            if (!v) continue;
            const std::string& s = v->type == json::Type::String ? v->string : std::string();
            if (s == "gelu")
                out = Activation::GeluErf;
            else if (s == "gelu_new" || s == "gelu_pytorch_tanh" || s == "gelu_fast")
                out = Activation::GeluTanh;
            else if (s == "relu")
                out = Activation::Relu;
            else if (s == "silu" || s == "swish")
                out = Activation::Silu;
            else
                return fail(std::string("\"") + k + "\": unsupported activation " + json::quote(s, 40));
            return true;
        }
        return true;
    }
    bool fail(const std::string& what) {
        error = file_ + ": " + what;
        return false;
    }
    std::string error;

private:
    const json::Value& root_;
    std::string file_;
};

bool readRopeScaling(Reader& r, ModelConfig& c) {
    const json::Value* s = r.find("rope_scaling");
    if (!s) return true;
    if (s->type != json::Type::Object) return r.fail("\"rope_scaling\" must be an object or null");
    const json::Value* type = s->find("rope_type");
    if (!type) type = s->find("type");
    const std::string t = type && type->type == json::Type::String ? type->string : "";
    if (t == "default" || t.empty()) return true;
    if (t != "linear" && t != "llama3")
        return r.fail("\"rope_scaling\": unsupported rope_type " + json::quote(t, 40) +
                      " (supported: default, linear, llama3)");
    c.ropeScaling = t;
    const auto num = [&](const char* key, double& out) {
        const json::Value* v = s->find(key);
        if (v && v->isNumber() && v->number > 0) out = v->number;
    };
    num("factor", c.ropeFactor);
    num("low_freq_factor", c.ropeLowFreq);
    num("high_freq_factor", c.ropeHighFreq);
    double original = c.ropeOriginalMax;
    num("original_max_position_embeddings", original);
    c.ropeOriginalMax = int(original);
    return true;
}

bool readBert(Reader& r, ModelConfig& c) {
    if (c.modelType == "distilbert") {
        if (!r.integer({"n_layers"}, 1, kMaxLayers, c.layers) || !r.integer({"n_heads"}, 1, kMaxHeads, c.heads) ||
            !r.integer({"dim"}, 1, kMaxWidth, c.hidden) ||
            !r.integer({"hidden_dim"}, 1, kMaxWidth * 8, c.intermediate) || !r.activation({"activation"}, c.activation))
            return false;
        c.normEps = 1e-12f;  // fixed in DistilBERT's code, not in its config
        c.typeVocab = 0;
    } else {
        if (!r.integer({"num_hidden_layers"}, 1, kMaxLayers, c.layers) ||
            !r.integer({"num_attention_heads"}, 1, kMaxHeads, c.heads) ||
            !r.integer({"hidden_size"}, 1, kMaxWidth, c.hidden) ||
            !r.integer({"intermediate_size"}, 1, kMaxWidth * 8, c.intermediate) ||
            !r.activation({"hidden_act"}, c.activation))
            return false;
        c.typeVocab = 2;
        if (!r.integer({"type_vocab_size"}, 0, 1 << 16, c.typeVocab, false)) return false;
        double eps = 1e-12;
        if (!r.number("layer_norm_eps", eps)) return false;
        c.normEps = float(eps);
    }
    c.maxPositions = 512;
    if (!r.integer({"max_position_embeddings"}, 1, kMaxPositionsLimit, c.maxPositions, false)) return false;
    if (c.modelType == "roberta") {
        // Positions start after the padding index (RobertaEmbeddings).
        c.padTokenId = 1;
        if (!r.integer({"pad_token_id"}, 0, kMaxVocab, c.padTokenId, false)) return false;
        c.positionOffset = c.padTokenId + 1;
        if (c.maxPositions <= c.positionOffset)
            return r.fail("\"max_position_embeddings\" leaves no position after pad_token_id");
    }
    c.kvHeads = c.heads;
    return true;
}

bool readGpt2(Reader& r, ModelConfig& c) {
    if (!r.integer({"n_layer"}, 1, kMaxLayers, c.layers) || !r.integer({"n_head"}, 1, kMaxHeads, c.heads) ||
        !r.integer({"n_embd"}, 1, kMaxWidth, c.hidden))
        return false;
    c.intermediate = 4 * c.hidden;
    c.maxPositions = 1024;
    if (!r.integer({"n_inner"}, 1, kMaxWidth * 8, c.intermediate, false) ||
        !r.integer({"n_positions"}, 1, kMaxPositionsLimit, c.maxPositions, false))
        return false;
    double eps = 1e-5;
    if (!r.number("layer_norm_epsilon", eps)) return false;
    c.normEps = float(eps);
    c.activation = Activation::GeluTanh;
    if (!r.activation({"activation_function"}, c.activation)) return false;
    bool scaled = true;
    if (!r.boolean("scale_attn_weights", scaled) ||
        !r.boolean("scale_attn_by_inverse_layer_idx", c.scaleByInverseLayer))
        return false;
    if (!scaled) return r.fail("\"scale_attn_weights\": false is not supported");
    c.kvHeads = c.heads;
    c.causal = true;
    c.tiedOutput = true;
    return true;
}

bool readLlama(Reader& r, ModelConfig& c) {
    if (!r.integer({"num_hidden_layers"}, 1, kMaxLayers, c.layers) ||
        !r.integer({"num_attention_heads"}, 1, kMaxHeads, c.heads) ||
        !r.integer({"hidden_size"}, 1, kMaxWidth, c.hidden) ||
        !r.integer({"intermediate_size"}, 1, kMaxWidth * 8, c.intermediate))
        return false;
    c.kvHeads = c.heads;
    c.maxPositions = 2048;
    c.activation = Activation::Silu;
    if (!r.integer({"num_key_value_heads"}, 1, kMaxHeads, c.kvHeads, false) ||
        !r.integer({"max_position_embeddings"}, 1, kMaxPositionsLimit, c.maxPositions, false) ||
        !r.activation({"hidden_act"}, c.activation))
        return false;
    if (c.activation != Activation::Silu) return r.fail("\"hidden_act\": only silu is supported for " + c.modelType);
    if (c.heads % c.kvHeads != 0)
        return r.fail("\"num_attention_heads\" (" + std::to_string(c.heads) +
                      ") is not a multiple of \"num_key_value_heads\" (" + std::to_string(c.kvHeads) + ")");
    double eps = 1e-6;
    if (!r.number("rms_norm_eps", eps) || !r.number("rope_theta", c.ropeTheta)) return false;
    c.normEps = float(eps);
    c.tiedOutput = false;
    if (!r.boolean("tie_word_embeddings", c.tiedOutput)) return false;
    c.qkvBias = c.modelType == "qwen2";
    if (c.modelType == "llama" && (!r.boolean("attention_bias", c.qkvBias) || !r.boolean("mlp_bias", c.mlpBias)))
        return false;
    if (c.modelType == "mistral" ||
        (c.modelType == "qwen2" && r.find("use_sliding_window") && r.find("use_sliding_window")->boolean)) {
        if (!r.integer({"sliding_window"}, 1, kMaxPositionsLimit, c.slidingWindow, false)) return false;
    }
    c.causal = true;
    return readRopeScaling(r, c);
}

}  // namespace

constexpr EnumName<Family> kFamilyNames[] = {
    {Family::Bert, "bert"},
    {Family::Gpt2, "gpt2"},
    {Family::Llama, "llama"},
};

const char* toString(Family f) { return nameIn(kFamilyNames, f); }

Result<ModelConfig> readConfig(const std::string& dir) {
    const std::string file = dir + "/config.json";
    const Result<std::string> text = readTextFile(file, kMaxConfigBytes);
    if (!text.ok) return Result<ModelConfig>::failure(file + ": " + text.error);
    const json::ParseResult parsed = json::parse(text.value);
    if (!parsed.status.ok)
        return Result<ModelConfig>::failure(file + ":" + std::to_string(parsed.line) + ":" +
                                            std::to_string(parsed.column) + ": " + parsed.status.message);
    if (parsed.value.type != json::Type::Object) return Result<ModelConfig>::failure(file + ": not a JSON object");
    Reader r(parsed.value, file);
    ModelConfig c;
    const json::Value* type = r.find("model_type");
    if (!type || type->type != json::Type::String)
        return Result<ModelConfig>::failure(file + ": \"model_type\" is missing");
    c.modelType = type->string;
    bool ok = false;
    if (c.modelType == "bert" || c.modelType == "roberta" || c.modelType == "distilbert") {
        c.family = Family::Bert;
        ok = readBert(r, c);
    } else if (c.modelType == "gpt2") {
        c.family = Family::Gpt2;
        ok = readGpt2(r, c);
    } else if (c.modelType == "llama" || c.modelType == "mistral" || c.modelType == "qwen2") {
        c.family = Family::Llama;
        ok = readLlama(r, c);
    } else {
        return Result<ModelConfig>::failure(file + ": unknown model_type " + json::quote(c.modelType, 60) +
                                            " (supported: bert, roberta, distilbert, gpt2, llama, mistral, qwen2)");
    }
    if (!ok) return Result<ModelConfig>::failure(r.error);
    if (!r.integer({"vocab_size"}, 1, kMaxVocab, c.vocab)) return Result<ModelConfig>::failure(r.error);
    c.headDim = c.hidden / c.heads;
    if (c.family == Family::Llama) {
        if (!r.integer({"head_dim"}, 1, kMaxWidth, c.headDim, false)) return Result<ModelConfig>::failure(r.error);
        if (c.headDim % 2 != 0)
            return Result<ModelConfig>::failure(file + ": \"head_dim\" must be even for rotary embeddings");
    } else if (c.hidden % c.heads != 0) {
        return Result<ModelConfig>::failure(file + ": the width (" + std::to_string(c.hidden) +
                                            ") is not a multiple of the heads (" + std::to_string(c.heads) + ")");
    }
    return Result<ModelConfig>::success(c);
}

}  // namespace ap::transformer
