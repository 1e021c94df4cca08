// Finding each family's tensors by their official names, under whichever
// prefix the checkpoint uses ("transformer.", "bert.", "model.", none...).
#include "transformer/model.h"

#include <cstdint>

namespace ap::transformer {

class WeightFinder {
public:
    explicit WeightFinder(Model& m) : m_(m), configFile_(m.dir_ + "/config.json") {}

    // Picks the prefix under which `probe` exists.
    bool choosePrefix(const std::string& probe) {
        for (const char* p : {"", "transformer.", "bert.", "roberta.", "distilbert.", "model."})
            if (m_.checkpoint_.find(p + probe)) {
                prefix_ = p;
                return true;
            }
        return missing(probe);
    }
    // A tensor of the model's body (under the prefix) or, with `top`, named
    // as it is (heads outside the body: lm_head, cls.predictions).
    const TensorRef* tensor(const std::string& name, std::vector<std::int64_t> shape, bool top = false,
                            bool optional = false) {
        const std::string full = top ? name : prefix_ + name;
        const TensorRef* t = m_.checkpoint_.find(full);
        if (!t) {
            if (!optional) missing(full);
            return nullptr;
        }
        if (t->shape != shape) {
            error = t->file + ": tensor '" + full + "' has shape " + shapeText(t->shape) + " but " + configFile_ +
                    " gives " + shapeText(shape);
            return nullptr;
        }
        std::int64_t elements = 1;
        for (std::int64_t d : shape) elements *= d;
        if (shape.size() == 2 && elements > m_.largestMatrix_) m_.largestMatrix_ = elements;
        return t;
    }
    bool vector(const std::string& name, int n, Vector& out, bool top = false) {
        const TensorRef* t = tensor(name, {n}, top);
        if (!t) return false;
        out.resize(n);
        convertToFloat(*t, 0, n, out.data());
        return true;
    }
    // torch.nn.Linear: weight [out, in] and optionally bias [out].
    bool linear(const std::string& name, int in, int out, bool bias, Linear& l, bool top = false) {
        l.weight = tensor(name + ".weight", {out, in}, top);
        l.in = in;
        l.out = out;
        return l.weight && (!bias || vector(name + ".bias", out, l.bias, top));
    }
    // GPT-2's Conv1D: weight [in, out], bias [out].
    bool conv1d(const std::string& name, int in, int out, Linear& l) {
        l.weight = tensor(name + ".weight", {in, out});
        l.inOut = true;
        l.in = in;
        l.out = out;
        return l.weight && vector(name + ".bias", out, l.bias);
    }
    // LayerNorm: weight and bias, or the older gamma and beta.
    bool layerNorm(const std::string& name, int n, Norm& norm, bool top = false) {
        const std::string full = top ? name : prefix_ + name;
        if (!m_.checkpoint_.find(full + ".weight") && m_.checkpoint_.find(full + ".gamma"))
            return vector(name + ".gamma", n, norm.weight, top) && vector(name + ".beta", n, norm.bias, top);
        return vector(name + ".weight", n, norm.weight, top) && vector(name + ".bias", n, norm.bias, top);
    }
    bool has(const std::string& name, bool top = false) const {
        return m_.checkpoint_.find(top ? name : prefix_ + name) != nullptr;
    }
    bool missing(const std::string& name) {
        error =
            m_.checkpoint_.describe() + ": tensor '" + name + "' is missing (model_type " + m_.config_.modelType + ")";
        return false;
    }

    std::string error;

private:
    Model& m_;
    std::string configFile_;
    std::string prefix_;
};

namespace {

bool loadBert(WeightFinder& f, Model& m) {
    const ModelConfig& c = m.config();
    const int d = c.hidden;
    const std::string L = "encoder.layer.";
    if (c.modelType == "distilbert") {
        if (!f.choosePrefix("embeddings.word_embeddings.weight")) return false;
        m.wordEmbeddings = f.tensor("embeddings.word_embeddings.weight", {c.vocab, d});
        m.positionEmbeddings = f.tensor("embeddings.position_embeddings.weight", {c.maxPositions, d});
        if (!m.wordEmbeddings || !m.positionEmbeddings || !f.layerNorm("embeddings.LayerNorm", d, m.embeddingNorm))
            return false;
        for (int i = 0; i < c.layers; ++i) {
            const std::string p = "transformer.layer." + std::to_string(i) + ".";
            LayerWeights& w = m.layers[i];
            if (!f.linear(p + "attention.q_lin", d, d, true, w.q) ||
                !f.linear(p + "attention.k_lin", d, d, true, w.k) ||
                !f.linear(p + "attention.v_lin", d, d, true, w.v) ||
                !f.linear(p + "attention.out_lin", d, d, true, w.o) ||
                !f.layerNorm(p + "sa_layer_norm", d, w.attentionNorm) ||
                !f.linear(p + "ffn.lin1", d, c.intermediate, true, w.up) ||
                !f.linear(p + "ffn.lin2", c.intermediate, d, true, w.down) ||
                !f.layerNorm(p + "output_layer_norm", d, w.mlpNorm))
                return false;
        }
        if (f.has("vocab_transform.weight", true)) {
            if (!f.linear("vocab_transform", d, d, true, m.mlmTransform, true) ||
                !f.layerNorm("vocab_layer_norm", d, m.mlmNorm, true) ||
                !f.vector("vocab_projector.bias", c.vocab, m.outputBias, true))
                return false;
            m.output = f.has("vocab_projector.weight", true) ? f.tensor("vocab_projector.weight", {c.vocab, d}, true)
                                                             : m.wordEmbeddings;
            if (!m.output) return false;
        }
        return true;
    }
    if (!f.choosePrefix("embeddings.word_embeddings.weight")) return false;
    m.wordEmbeddings = f.tensor("embeddings.word_embeddings.weight", {c.vocab, d});
    m.positionEmbeddings = f.tensor("embeddings.position_embeddings.weight", {c.maxPositions, d});
    if (!m.wordEmbeddings || !m.positionEmbeddings) return false;
    if (c.typeVocab > 0 && !(m.typeEmbeddings = f.tensor("embeddings.token_type_embeddings.weight", {c.typeVocab, d})))
        return false;
    if (!f.layerNorm("embeddings.LayerNorm", d, m.embeddingNorm)) return false;
    for (int i = 0; i < c.layers; ++i) {
        const std::string p = L + std::to_string(i) + ".";
        LayerWeights& w = m.layers[i];
        if (!f.linear(p + "attention.self.query", d, d, true, w.q) ||
            !f.linear(p + "attention.self.key", d, d, true, w.k) ||
            !f.linear(p + "attention.self.value", d, d, true, w.v) ||
            !f.linear(p + "attention.output.dense", d, d, true, w.o) ||
            !f.layerNorm(p + "attention.output.LayerNorm", d, w.attentionNorm) ||
            !f.linear(p + "intermediate.dense", d, c.intermediate, true, w.up) ||
            !f.linear(p + "output.dense", c.intermediate, d, true, w.down) ||
            !f.layerNorm(p + "output.LayerNorm", d, w.mlpNorm))
            return false;
    }
    // The masked-LM head: BertForMaskedLM's cls.predictions, RoBERTa's lm_head.
    const bool roberta = c.modelType == "roberta";
    const std::string head = roberta ? "lm_head." : "cls.predictions.";
    if (f.has(head + (roberta ? "dense.weight" : "transform.dense.weight"), true)) {
        if (!f.linear(head + (roberta ? "dense" : "transform.dense"), d, d, true, m.mlmTransform, true) ||
            !f.layerNorm(head + (roberta ? "layer_norm" : "transform.LayerNorm"), d, m.mlmNorm, true))
            return false;
        const std::string bias = f.has(head + "bias", true) ? head + "bias" : head + "decoder.bias";
        if (!f.vector(bias, c.vocab, m.outputBias, true)) return false;
        m.output = f.has(head + "decoder.weight", true) ? f.tensor(head + "decoder.weight", {c.vocab, d}, true)
                                                        : m.wordEmbeddings;
        if (!m.output) return false;
    }
    return true;
}

bool loadGpt2(WeightFinder& f, Model& m) {
    const ModelConfig& c = m.config();
    const int d = c.hidden;
    if (!f.choosePrefix("wte.weight")) return false;
    m.wordEmbeddings = f.tensor("wte.weight", {c.vocab, d});
    m.positionEmbeddings = f.tensor("wpe.weight", {c.maxPositions, d});
    if (!m.wordEmbeddings || !m.positionEmbeddings) return false;
    for (int i = 0; i < c.layers; ++i) {
        const std::string p = "h." + std::to_string(i) + ".";
        LayerWeights& w = m.layers[i];
        if (!f.layerNorm(p + "ln_1", d, w.attentionNorm) || !f.conv1d(p + "attn.c_attn", d, 3 * d, w.qkv) ||
            !f.conv1d(p + "attn.c_proj", d, d, w.o) || !f.layerNorm(p + "ln_2", d, w.mlpNorm) ||
            !f.conv1d(p + "mlp.c_fc", d, c.intermediate, w.up) ||
            !f.conv1d(p + "mlp.c_proj", c.intermediate, d, w.down))
            return false;
    }
    if (!f.layerNorm("ln_f", d, m.finalNorm)) return false;
    m.output = m.wordEmbeddings;  // GPT2LMHeadModel ties lm_head to wte
    return true;
}

bool loadLlama(WeightFinder& f, Model& m) {
    const ModelConfig& c = m.config();
    const int d = c.hidden, hd = c.headDim;
    if (!f.choosePrefix("embed_tokens.weight")) return false;
    if (!(m.wordEmbeddings = f.tensor("embed_tokens.weight", {c.vocab, d}))) return false;
    for (int i = 0; i < c.layers; ++i) {
        const std::string p = "layers." + std::to_string(i) + ".";
        LayerWeights& w = m.layers[i];
        if (!f.vector(p + "input_layernorm.weight", d, w.attentionNorm.weight) ||
            !f.linear(p + "self_attn.q_proj", d, c.heads * hd, c.qkvBias, w.q) ||
            !f.linear(p + "self_attn.k_proj", d, c.kvHeads * hd, c.qkvBias, w.k) ||
            !f.linear(p + "self_attn.v_proj", d, c.kvHeads * hd, c.qkvBias, w.v) ||
            !f.linear(p + "self_attn.o_proj", c.heads * hd, d, c.modelType == "llama" && c.qkvBias, w.o) ||
            !f.vector(p + "post_attention_layernorm.weight", d, w.mlpNorm.weight) ||
            !f.linear(p + "mlp.gate_proj", d, c.intermediate, c.mlpBias, w.gate) ||
            !f.linear(p + "mlp.up_proj", d, c.intermediate, c.mlpBias, w.up) ||
            !f.linear(p + "mlp.down_proj", c.intermediate, d, c.mlpBias, w.down))
            return false;
    }
    if (!f.vector("norm.weight", d, m.finalNorm.weight)) return false;
    if (c.tiedOutput)
        m.output = m.wordEmbeddings;
    else if (f.has("lm_head.weight", true) && !(m.output = f.tensor("lm_head.weight", {c.vocab, d}, true)))
        return false;
    return true;
}

}  // namespace

Result<std::shared_ptr<const Model>> Model::open(const std::string& dir) {
    using R = Result<std::shared_ptr<const Model>>;
    Result<ModelConfig> config = readConfig(dir);
    if (!config.ok) return R::failure(config.error);
    Result<Checkpoint> checkpoint = Checkpoint::open(dir);
    if (!checkpoint.ok) return R::failure(checkpoint.error);
    auto m = std::make_shared<Model>();
    m->config_ = config.value;
    m->dir_ = dir;
    m->checkpoint_ = std::move(checkpoint.value);
    m->layers.resize(m->config_.layers);
    WeightFinder f(*m);
    bool ok = false;
    switch (m->config_.family) {
    case Family::Bert: ok = loadBert(f, *m); break;
    case Family::Gpt2: ok = loadGpt2(f, *m); break;
    case Family::Llama: ok = loadLlama(f, *m); break;
    }
    if (!ok) return R::failure(f.error);
    return R::success(std::move(m));
}

}  // namespace ap::transformer
