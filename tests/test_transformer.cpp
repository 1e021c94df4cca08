// The transformer engine against an independent float64 torch forward pass
// (tests/transformer/make_checkpoints.py, run by ctest as a fixture into
// the build tree): every layer's and head's attention, the output
// distribution, head ablation, a head as a playground scene, and the
// messages for broken checkpoints.
#include "attention/attention.h"
#include "import/attention_import.h"
#include "io/attention_writer.h"
#include "io/json.h"
#include "io/text_file.h"
#include "transformer/forward.h"
#include "transformer/head_scene.h"
#include "transformer/model.h"

#include "scratch_folder.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;
using namespace ap;
using namespace ap::transformer;

namespace {

const std::string kFixtures = AP_TRANSFORMER_FIXTURES;

struct Reference {
    std::vector<int> ids;
    int position = 0;
    std::vector<double> probabilities, ablatedProbabilities;
    std::vector<HeadId> ablate;
    std::shared_ptr<const import::AttentionTensor> attentions, ablated;
};

Reference readReference(const std::string& dir) {
    Reference r;
    const Result<std::string> text = readTextFile(dir + "/reference.json", 1 << 24);
    EXPECT_TRUE(text.ok) << text.error;
    const json::ParseResult j = json::parse(text.value);
    EXPECT_TRUE(j.status.ok);
    for (const json::Value& v : j.value.find("ids")->array) r.ids.push_back(int(v.number));
    r.position = int(j.value.find("position")->number);
    for (const json::Value& v : j.value.find("probabilities")->array) r.probabilities.push_back(v.number);
    for (const json::Value& v : j.value.find("ablated_probabilities")->array)
        r.ablatedProbabilities.push_back(v.number);
    for (const json::Value& v : j.value.find("ablate")->array)
        r.ablate.push_back({int(v.array[0].number), int(v.array[1].number)});
    const import::ReadResult a = import::readAttentionFile(dir + "/reference.npz");
    EXPECT_TRUE(a.ok) << a.error;
    r.attentions = a.value;
    const import::ReadResult b = import::readAttentionFile(dir + "/reference_ablated.npz");
    EXPECT_TRUE(b.ok) << b.error;
    r.ablated = b.value;
    return r;
}

// The models make_checkpoints.py writes (its manifest.json lists them too;
// the names are fixed here so that ctest can list the tests before the
// fixture has run).
const std::vector<std::string> kModels = {"gpt2",       "gpt2_wide", "gpt2_f16", "bert", "roberta",
                                          "distilbert", "llama",     "mistral",  "qwen2"};

// Largest difference over every layer and head.
double attentionError(const ForwardResult& r, const import::AttentionTensor& ref) {
    EXPECT_EQ(r.layers, ref.layers);
    EXPECT_EQ(r.heads, ref.heads);
    EXPECT_EQ(r.tokens, ref.queries);
    double worst = 0.0;
    Matrix slice;
    for (int l = 0; l < ref.layers; ++l)
        for (int h = 0; h < ref.heads; ++h) {
            EXPECT_EQ(ref.slice(l, h, slice).message, "");
            const float* p = r.attention(l, h);
            for (int i = 0; i < r.tokens; ++i)
                for (int j = 0; j < r.tokens; ++j)
                    worst = std::max(worst, std::abs(double(p[i * r.tokens + j]) - slice(i, j)));
        }
    return worst;
}

double probabilityError(const ForwardResult& r, const std::vector<double>& ref) {
    EXPECT_EQ(r.logits.rows(), 1);
    EXPECT_EQ(std::size_t(r.logits.cols()), ref.size());
    const std::vector<Prediction> all = topPredictions(r.logits.row(0), int(ref.size()));
    double worst = 0.0;
    for (const Prediction& p : all) worst = std::max(worst, std::abs(double(p.probability) - ref[std::size_t(p.id)]));
    return worst;
}

// Each fixture model opened, with the reference torch computed for it.
class TransformerModel : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        const std::string dir = kFixtures + "/" + GetParam();
        Result<std::shared_ptr<const Model>> opened = Model::open(dir);
        ASSERT_TRUE(opened.ok) << opened.error;
        model = opened.value;
        ref = readReference(dir);
    }
    std::shared_ptr<const Model> model;
    Reference ref;
};

TEST_P(TransformerModel, MatchesTheTorchReference) {
    Forward forward(model);
    ForwardOptions options;
    options.logitPositions = {ref.position};
    ForwardResult r;
    ASSERT_TRUE(forward.run(ref.ids, options, r).ok);
    EXPECT_LT(attentionError(r, *ref.attentions), 1e-4) << GetParam();
    EXPECT_LT(probabilityError(r, ref.probabilities), 1e-4) << GetParam();
    const std::vector<Prediction> top = topPredictions(r.logits.row(0), 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_GE(top[0].probability, top[1].probability);
    EXPECT_GE(top[1].probability, top[2].probability);

    // Ablation: the heads' output zeroed; later layers and the output follow.
    options.ablate = ref.ablate;
    ForwardResult a;
    ASSERT_TRUE(forward.run(ref.ids, options, a).ok);
    EXPECT_LT(attentionError(a, *ref.ablated), 1e-4) << GetParam();
    EXPECT_LT(probabilityError(a, ref.ablatedProbabilities), 1e-4) << GetParam();
    // The reference itself changes, so the comparison above means something.
    EXPECT_GT(attentionError(r, *ref.ablated), 1e-3);
}

TEST_P(TransformerModel, SameResultsForAnyThreadCount) {
    Forward forward(model);
    ForwardOptions options;
    options.logitPositions = {ref.position};
    ForwardResult one, two;
    options.threads = 1;
    ASSERT_TRUE(forward.run(ref.ids, options, one).ok);
    options.threads = 2;
    ASSERT_TRUE(forward.run(ref.ids, options, two).ok);
    EXPECT_EQ(one.attentions, two.attentions);
    EXPECT_EQ(one.logits, two.logits);
}

TEST_P(TransformerModel, HeadSceneReproducesTheHead) {
    Forward forward(model);
    const ModelConfig& c = model->config();
    for (HeadId h : {HeadId{0, 0}, HeadId{c.layers - 1, c.heads - 1}}) {
        ForwardOptions options;
        options.capture = h;
        ForwardResult r;
        ASSERT_TRUE(forward.run(ref.ids, options, r).ok);
        std::vector<std::string> labels;
        for (int id : ref.ids) labels.push_back("t" + std::to_string(id));
        const Result<Scene> scene = headScene(r, labels, GetParam());
        ASSERT_TRUE(scene.ok) << scene.error;
        EXPECT_EQ(scene.value.mask.causal, c.causal);
        EXPECT_EQ(scene.value.queries.cols(), c.headDim);
        AttentionResult computed;
        ASSERT_TRUE(computeAttention(scene.value, {}, computed).ok);
        Matrix slice;
        ASSERT_EQ(ref.attentions->slice(h.layer, h.head, slice).message, "");
        EXPECT_LT((computed.heads[0].weights - slice).cwiseAbs().maxCoeff(), 1e-4) << GetParam();
    }
}

// reusePrefix: a causal model computes only the tokens after the prefix it
// ran last; every weight and logit still agrees with a full pass (to float
// rounding) and with torch, as the text grows, shrinks, changes at the end
// and has heads switched off. Other models ignore the option.
TEST_P(TransformerModel, ReusedPrefixAgreesWithAFullPass) {
    const ModelConfig& c = model->config();
    const int n = int(ref.ids.size());
    ASSERT_GE(n, 6);
    Forward reusing(model), fresh(model);
    const auto run = [&](const std::vector<int>& ids, const std::vector<HeadId>& ablate, int expectReused,
                         ForwardResult& r) {
        ForwardOptions options;
        options.logitPositions = {int(ids.size()) - 1};
        options.ablate = ablate;
        options.reusePrefix = true;
        ASSERT_TRUE(reusing.run(ids, options, r).ok);
        EXPECT_EQ(r.reusedTokens, c.causal ? expectReused : 0) << GetParam() << " " << ids.size();
        options.reusePrefix = false;
        ForwardResult full;
        ASSERT_TRUE(fresh.run(ids, options, full).ok);
        EXPECT_EQ(full.reusedTokens, 0);
        ASSERT_EQ(r.attentions.size(), full.attentions.size());
        float worst = 0.0f;
        for (std::size_t i = 0; i < r.attentions.size(); ++i)
            worst = std::max(worst, std::abs(r.attentions[i] - full.attentions[i]));
        EXPECT_LT(worst, 1e-5f) << GetParam() << " " << ids.size();
        EXPECT_LT((r.logits - full.logits).cwiseAbs().maxCoeff(), 1e-4f) << GetParam();
    };
    std::vector<int> changedLast = ref.ids;
    changedLast.back() = (changedLast.back() + 1) % c.vocab;
    std::vector<int> longer = ref.ids;
    longer.push_back(ref.ids[1]);
    longer.push_back(ref.ids[2]);
    const std::vector<int> shorter(ref.ids.begin(), ref.ids.end() - 3);
    ForwardResult r;
    run(changedLast, {}, 0, r);
    run(ref.ids, {}, n - 1, r);
    EXPECT_LT(attentionError(r, *ref.attentions), 1e-4) << GetParam();
    run(longer, {}, n, r);
    run(shorter, {}, n - 4, r);  // all rows known: the last one is computed again
    // Other heads switched off: nothing is reused until the next run.
    run(ref.ids, ref.ablate, 0, r);
    EXPECT_LT(attentionError(r, *ref.ablated), 1e-4) << GetParam();
    run(changedLast, ref.ablate, n - 1, r);
    run(ref.ids, ref.ablate, n - 1, r);
    EXPECT_LT(attentionError(r, *ref.ablated), 1e-4) << GetParam();
    if (ref.position == n - 1) {
        EXPECT_LT(probabilityError(r, ref.ablatedProbabilities), 1e-4) << GetParam();
    }
}

INSTANTIATE_TEST_SUITE_P(Checkpoints, TransformerModel, ::testing::ValuesIn(kModels),
                         [](const auto& info) { return info.param; });

// A copy of a fixture whose config.json is rewritten by `edit`, in a folder
// of this process and test alone: ctest runs the tests of this file in
// parallel processes, and two sharing a folder removed each other's copy.
std::string editedCopy(const std::string& name, const std::string& from, const std::string& to) {
    const fs::path src = fs::path(kFixtures) / name;
    const fs::path dst =
        scratchFolder(fs::path(::testing::TempDir()) /
                      ("transformer_" + name + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                       "_" + std::to_string(::getpid())));
    fs::remove_all(dst);
    fs::copy(src, dst);
    std::string text = readTextFile((src / "config.json").string(), 1 << 20).value;
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(dst / "config.json") << text;
    return dst.string();
}

TEST(TransformerErrors, UnknownModelType) {
    const std::string dir = editedCopy("gpt2", "\"gpt2\"", "\"t5\"");
    const auto m = Model::open(dir);
    ASSERT_FALSE(m.ok);
    EXPECT_NE(m.error.find(dir + "/config.json"), std::string::npos) << m.error;
    EXPECT_NE(m.error.find("unknown model_type \"t5\""), std::string::npos) << m.error;
}

TEST(TransformerErrors, MissingTensorIsNamed) {
    const Reference ref = readReference(kFixtures + "/gpt2");
    const int layers = ref.attentions->layers;
    const std::string dir =
        editedCopy("gpt2", "\"n_layer\": " + std::to_string(layers), "\"n_layer\": " + std::to_string(layers + 1));
    const auto m = Model::open(dir);
    ASSERT_FALSE(m.ok);
    EXPECT_NE(m.error.find(dir + "/model.safetensors"), std::string::npos) << m.error;
    EXPECT_NE(m.error.find("tensor 'transformer.h." + std::to_string(layers) + ".ln_1.weight' is missing"),
              std::string::npos)
        << m.error;
}

TEST(TransformerErrors, WrongShapeGivesBothShapes) {
    const std::string dir = editedCopy("llama", "\"intermediate_size\": ", "\"intermediate_size\": 1");
    const auto m = Model::open(dir);
    ASSERT_FALSE(m.ok);
    EXPECT_NE(m.error.find(dir + "/model-0000"), std::string::npos) << m.error;
    EXPECT_NE(m.error.find("tensor 'model.layers.0.mlp.gate_proj.weight' has shape ("), std::string::npos) << m.error;
    EXPECT_NE(m.error.find("config.json gives ("), std::string::npos) << m.error;
}

TEST(TransformerErrors, TooManyTokensAndBadIds) {
    const auto m = Model::open(kFixtures + "/bert");
    ASSERT_TRUE(m.ok) << m.error;
    Forward forward(m.value);
    ForwardResult r;
    const int max = m.value->config().maxPositions;
    Status s = forward.run(std::vector<int>(std::size_t(max + 1), 5), {}, r);
    EXPECT_FALSE(s.ok);
    EXPECT_NE(s.message.find(std::to_string(max + 1) + " tokens, but the model takes at most " + std::to_string(max)),
              std::string::npos)
        << s.message;
    s = forward.run({5, m.value->config().vocab}, {}, r);
    EXPECT_FALSE(s.ok);
    EXPECT_NE(s.message.find("outside the vocabulary"), std::string::npos) << s.message;
}

TEST(TransformerErrors, CancelStopsTheRun) {
    const auto m = Model::open(kFixtures + "/llama");
    ASSERT_TRUE(m.ok) << m.error;
    Forward forward(m.value);
    std::atomic<bool> cancel{true};
    ForwardOptions options;
    options.cancel = &cancel;
    ForwardResult r;
    const Status s = forward.run({3, 4, 5}, options, r);
    EXPECT_FALSE(s.ok);
    EXPECT_TRUE(s.cancelled);
}

// The attend command's output formats, read back by the application's own
// importers (tokens with accents, CJK and byte-level characters).
TEST(AttentionWriter, FilesReadBackThroughTheImporters) {
    std::vector<float> data(2 * 3 * 4 * 4);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = float(i) / 7.0f;
    AttentionArray a;
    a.data = data.data();
    a.shape = {2, 3, 4, 4};
    a.tokens = {"\xc3\xa9t\xc3\xa9", "\xe7\x8c\xab", "\xc4\xa0the", "[SEP]"};
    for (const char* ext : {".npz", ".safetensors", ".npy"}) {
        const std::string path = ::testing::TempDir() + "/written_" + std::to_string(::getpid()) + ext;
        ASSERT_TRUE(writeAttentionFile(path, a).ok) << ext;
        const import::ReadResult r = import::readAttentionFile(path);
        ASSERT_TRUE(r.ok) << ext << ": " << r.error;
        EXPECT_EQ(r.value->layers, 2);
        EXPECT_EQ(r.value->heads, 3);
        EXPECT_EQ(r.value->queries, 4);
        if (std::string(ext) != ".npy") {
            EXPECT_EQ(r.value->queryTokens, a.tokens) << ext;
            EXPECT_EQ(r.value->keyTokens, a.tokens) << ext;
        }
        Matrix slice;
        ASSERT_EQ(r.value->slice(1, 2, slice).message, "");
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) EXPECT_EQ(slice(i, j), data[std::size_t(((1 * 3 + 2) * 4 + i) * 4 + j)]);
    }
    EXPECT_FALSE(writeAttentionFile(::testing::TempDir() + "/written_" + std::to_string(::getpid()) + ".txt", a).ok);
}

}  // namespace
