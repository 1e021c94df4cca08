// Scene and result files (docs/scene-file.md, docs/result-file.md): round trips, the exact
// message for every kind of bad input, float round trips and atomic writes.
#include "core/random.h"
#include "io/json.h"
#include "io/scene_io.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace ap;

std::string dataPath(const std::string& name) { return std::string(AP_TEST_DATA_DIR) + "/" + name; }

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Bit for bit, so that -0 and 0 differ and a float that drifts by one ulp fails.
// (Empty matrices have no data pointer to compare.)
bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0);
}
bool sameBits(const Vector& a, const Vector& b) {
    return a.size() == b.size() &&
           (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0);
}

void expectSameScene(const Scene& a, const Scene& b) {
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.queryTokens, b.queryTokens);
    EXPECT_EQ(a.keyTokens, b.keyTokens);
    EXPECT_TRUE(sameBits(a.queries, b.queries));
    EXPECT_TRUE(sameBits(a.keys, b.keys));
    ASSERT_EQ(a.values.has_value(), b.values.has_value());
    if (a.values) {
        EXPECT_TRUE(sameBits(*a.values, *b.values));
    }
    EXPECT_EQ(a.heads, b.heads);
    EXPECT_EQ(a.scoring, b.scoring);
    ASSERT_EQ(a.headParams.size(), b.headParams.size());
    for (std::size_t h = 0; h < a.headParams.size(); ++h) {
        EXPECT_TRUE(sameBits(a.headParams[h].W, b.headParams[h].W)) << h;
        EXPECT_TRUE(sameBits(a.headParams[h].Wq, b.headParams[h].Wq)) << h;
        EXPECT_TRUE(sameBits(a.headParams[h].Wk, b.headParams[h].Wk)) << h;
        EXPECT_TRUE(sameBits(a.headParams[h].v, b.headParams[h].v)) << h;
    }
    EXPECT_EQ(a.normalization, b.normalization);
    EXPECT_EQ(std::memcmp(&a.temperature, &b.temperature, sizeof(float)), 0);
    EXPECT_EQ(a.topK, b.topK);
    EXPECT_EQ(a.mask.causal, b.mask.causal);
    EXPECT_EQ(a.mask.keyPadding, b.mask.keyPadding);
    EXPECT_EQ(a.mask.cells, b.mask.cells);
    EXPECT_TRUE(sameBits(a.projections.Wq, b.projections.Wq));
    EXPECT_TRUE(sameBits(a.projections.Wk, b.projections.Wk));
    EXPECT_TRUE(sameBits(a.projections.Wv, b.projections.Wv));
    EXPECT_TRUE(sameBits(a.projections.Wo, b.projections.Wo));
}

// Writes, reads back, compares, and checks that writing again gives the same text.
void expectRoundTrip(const Scene& scene) {
    const std::string text = sceneToJson(scene);
    SceneReadResult back = parseScene(text, "written.json");
    ASSERT_TRUE(back.ok) << back.error << "\n" << text;
    expectSameScene(scene, back.value);
    EXPECT_EQ(sceneToJson(back.value), text);
}

// ---- Golden scene files ------------------------------------------------------

class SceneFiles : public ::testing::TestWithParam<const char*> {};

TEST_P(SceneFiles, ReadWriteReadIsIdentical) {
    SceneReadResult r = readSceneFile(dataPath(std::string("scenes/") + GetParam()));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(validate(r.value).message, "");
    expectRoundTrip(r.value);
}

INSTANTIATE_TEST_SUITE_P(Data, SceneFiles,
                         ::testing::Values("spec_example.json", "minimal.json", "projections_general.json",
                                           "additive_wide.json", "bom_crlf.json"));

TEST(SceneRead, SpecExampleFields) {
    SceneReadResult r = readSceneFile(dataPath("scenes/spec_example.json"));
    ASSERT_TRUE(r.ok) << r.error;
    const Scene& s = r.value;
    EXPECT_EQ(s.title, "Je suis étudiant");
    EXPECT_EQ(s.queryTokens, (std::vector<std::string>{"I", "am", "a", "student"}));
    EXPECT_EQ(s.keyLabel(2), "étudiant");
    EXPECT_EQ(s.queries.rows(), 4);
    EXPECT_EQ(s.queries(3, 1), 0.8f);
    ASSERT_TRUE(s.values.has_value());
    EXPECT_EQ((*s.values)(2, 1), 1.0f);
    EXPECT_EQ(s.scoring, Scoring::Additive);
    ASSERT_EQ(s.headParams.size(), 1u);
    EXPECT_EQ(s.headParams[0].Wq, Matrix::Identity(2, 2));
    EXPECT_EQ(s.headParams[0].v, Vector::Ones(2));
    EXPECT_EQ(s.mask.keyPadding, (std::vector<bool>{false, false, false}));
    EXPECT_EQ(s.mask.cells, (std::vector<std::pair<int, int>>{{0, 2}}));
}

TEST(SceneRead, Defaults) {
    SceneReadResult r = readSceneFile(dataPath("scenes/minimal.json"));
    ASSERT_TRUE(r.ok) << r.error;
    const Scene& s = r.value;
    EXPECT_EQ(s.title, "");
    EXPECT_TRUE(s.queryTokens.empty());
    EXPECT_EQ(s.queryLabel(0), "q0");
    EXPECT_EQ(s.keyLabel(1), "k1");
    EXPECT_FALSE(s.values.has_value());
    EXPECT_EQ(s.heads, 1);
    EXPECT_EQ(s.scoring, Scoring::ScaledDot);
    EXPECT_TRUE(s.headParams.empty());
    EXPECT_EQ(s.normalization, Normalization::Softmax);
    EXPECT_EQ(s.temperature, 1.0f);
    EXPECT_EQ(s.topK, 2);
    EXPECT_FALSE(s.mask.causal);
    EXPECT_TRUE(s.mask.keyPadding.empty());
    EXPECT_TRUE(s.mask.cells.empty());
    EXPECT_EQ(s.projections.Wo.size(), 0);
    EXPECT_EQ(s.keys(0, 2), 1e-3f);
}

TEST(SceneRead, ProjectionsAndUnicode) {
    SceneReadResult r = readSceneFile(dataPath("scenes/projections_general.json"));
    ASSERT_TRUE(r.ok) << r.error;
    const Scene& s = r.value;
    EXPECT_EQ(s.title, "Projections, two heads, \"general\" scoring\tand top-k");
    EXPECT_EQ(s.queryTokens, (std::vector<std::string>{"naïve", "日本", "😀"}));
    EXPECT_EQ(s.heads, 2);
    EXPECT_EQ(s.scoring, Scoring::General);
    ASSERT_EQ(s.headParams.size(), 2u);
    EXPECT_EQ(s.headParams[0].W.size(), 0);  // {} = the default identity
    EXPECT_EQ(s.headParams[1].W(1, 0), -1.0f);
    EXPECT_EQ(s.normalization, Normalization::TopK);
    EXPECT_EQ(s.temperature, 0.5f);
    EXPECT_EQ(s.topK, 1);
    EXPECT_TRUE(s.mask.causal);
    EXPECT_EQ(s.projections.Wq.rows(), 3);
    EXPECT_EQ(s.projections.Wq.cols(), 4);
    EXPECT_EQ(s.projections.Wo(1, 2), 6.0f);
}

TEST(SceneRead, ByteOrderMarkAndCrLf) {
    SceneReadResult r = readSceneFile(dataPath("scenes/bom_crlf.json"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.scoring, Scoring::Cosine);
    EXPECT_EQ(r.value.normalization, Normalization::Hard);
}

TEST(SceneWrite, StringsNeedingEscapesRoundTrip) {
    Scene s = builtInExample();
    s.title = "\"quoted\" back\\slash\nnew line\ttab \x01 control, é 日本 😀";
    s.queryTokens = {"<s>", "\x7f", "/", "\\u0041"};
    expectRoundTrip(s);
}

TEST(SceneWrite, EveryOptionalPartRoundTrips) {
    Scene s = builtInExample();
    s.values = Matrix::Constant(3, 2, -0.0f);
    s.values->row(1) << 0.1f, 1e-45f;
    s.heads = 2;
    s.scoring = Scoring::Additive;
    s.headParams.resize(2);
    s.headParams[1].Wq = Matrix::Constant(3, 2, 0.5f);
    s.headParams[1].Wk = Matrix::Constant(3, 2, -0.5f);
    s.headParams[1].v = Vector::LinSpaced(3, 1.0f, 3.0f);
    s.normalization = Normalization::Sparsemax;
    s.temperature = 0.3f;
    s.topK = 7;
    s.mask.causal = true;
    s.mask.keyPadding = {true, false, true};
    s.mask.cells = {{3, 2}, {0, 0}};
    s.projections.Wo = Matrix::Constant(2, 5, FLT_MAX);
    ASSERT_EQ(validate(s).message, "");
    expectRoundTrip(s);
}

TEST(SceneWrite, Layout) {
    Scene s;
    s.queries = Matrix::Identity(2, 2);
    s.keys = Matrix::Constant(1, 2, 0.5f);
    s.keyTokens = {"k"};
    EXPECT_EQ(sceneToJson(s), "{\n"
                              "  \"format\": \"attention-playground.scene\",\n"
                              "  \"version\": 1,\n"
                              "  \"queries\": {\n"
                              "    \"matrix\": [\n"
                              "      [1, 0],\n"
                              "      [0, 1]\n"
                              "    ]\n"
                              "  },\n"
                              "  \"keys\": {\n"
                              "    \"tokens\": [\"k\"],\n"
                              "    \"matrix\": [\n"
                              "      [0.5, 0.5]\n"
                              "    ]\n"
                              "  },\n"
                              "  \"heads\": 1,\n"
                              "  \"scoring\": {\n"
                              "    \"kind\": \"scaled_dot\"\n"
                              "  },\n"
                              "  \"normalization\": { \"kind\": \"softmax\", \"temperature\": 1, \"k\": 2 },\n"
                              "  \"mask\": {\n"
                              "    \"causal\": false\n"
                              "  }\n"
                              "}\n");
}

// ---- The built-in example ----------------------------------------------------

TEST(BuiltInExample, AlignmentShowsClearly) {
    const Scene s = builtInExample();
    ASSERT_EQ(validate(s).message, "");
    EXPECT_EQ(s.title, "Je suis étudiant");
    EXPECT_EQ(s.queryTokens, (std::vector<std::string>{"I", "am", "a", "student"}));
    EXPECT_EQ(s.keyTokens, (std::vector<std::string>{"Je", "suis", "étudiant"}));
    EXPECT_FALSE(s.values.has_value());
    EXPECT_EQ(s.scoring, Scoring::ScaledDot);
    EXPECT_EQ(s.normalization, Normalization::Softmax);
    EXPECT_EQ(s.heads, 1);
    EXPECT_EQ(s.temperature, 1.0f);

    // Scaled dot and softmax by hand (docs/math.md), independent of the engine.
    const int lq = s.queryCount(), lk = s.keyCount();
    std::vector<std::vector<double>> weights(static_cast<std::size_t>(lq),
                                             std::vector<double>(static_cast<std::size_t>(lk)));
    for (int i = 0; i < lq; ++i) {
        std::vector<double>& row = weights[std::size_t(i)];
        for (int j = 0; j < lk; ++j) {
            double dot = 0;
            for (Eigen::Index c = 0; c < s.queries.cols(); ++c) dot += s.queries(i, c) * s.keys(j, c);
            row[std::size_t(j)] = dot / std::sqrt(double(s.queries.cols()));
        }
        const double top = *std::max_element(row.begin(), row.end());
        double sum = 0;
        for (double& x : row) sum += x = std::exp(x - top);
        for (double& x : row) x /= sum;
    }
    auto w = [&](int i, int j) { return weights[std::size_t(i)][std::size_t(j)]; };
    EXPECT_GE(w(0, 0), 0.7);  // I -> Je
    EXPECT_GE(w(1, 1), 0.7);  // am -> suis
    EXPECT_GE(w(3, 2), 0.7);  // student -> étudiant
    // "a" has no word of its own: it looks at suis and étudiant, not at Je.
    EXPECT_GT(w(2, 1), 2 * w(2, 0));
    EXPECT_GT(w(2, 2), 2 * w(2, 0));
    EXPECT_LT(w(2, 2), 0.7);
    expectRoundTrip(s);
}

// scripts/run.sh exports this file when there is no display, and the
// Examples menu opens it: it must stay the built-in example, byte for byte.
TEST(BuiltInExample, ShippedFileIsTheBuiltInExample) {
    const std::string path = AP_RESOURCES_DIR "/scenes/je-suis-etudiant.json";
    const SceneReadResult read = readSceneFile(path);
    ASSERT_TRUE(read.ok) << read.error;
    EXPECT_EQ(sceneToJson(read.value), sceneToJson(builtInExample()));
}

TEST(ShippedScenes, EveryExampleReadsAndComputes) {
    for (const char* name :
         {"je-suis-etudiant", "causal-self-attention", "multi-head", "play-computer-game", "padded-batch"}) {
        const std::string path = std::string(AP_RESOURCES_DIR "/scenes/") + name + ".json";
        const SceneReadResult read = readSceneFile(path);
        ASSERT_TRUE(read.ok) << read.error;
        AttentionResult result;
        EXPECT_TRUE(computeAttention(read.value, {}, result).ok) << name;
    }
}

TEST(SceneNames, ToAndFromString) {
    for (Scoring k : {Scoring::Dot, Scoring::ScaledDot, Scoring::General, Scoring::Additive, Scoring::Cosine})
        EXPECT_EQ(scoringFromString(toString(k)), k);
    for (Normalization k : {Normalization::Softmax, Normalization::Hard, Normalization::TopK, Normalization::Sparsemax,
                            Normalization::Sample})
        EXPECT_EQ(normalizationFromString(toString(k)), k);
    EXPECT_STREQ(toString(Scoring::ScaledDot), "scaled_dot");
    EXPECT_STREQ(toString(Normalization::TopK), "topk");
    EXPECT_STREQ(displayName(Scoring::ScaledDot), "scaled dot");
    EXPECT_STREQ(displayName(Normalization::TopK), "top-k");
    EXPECT_FALSE(scoringFromString("Dot"));
    EXPECT_FALSE(normalizationFromString(""));
}

// ---- Floats ------------------------------------------------------------------

TEST(FormatFloat, ShortestForms) {
    EXPECT_EQ(formatFloat(0.1f), "0.1");
    EXPECT_EQ(formatFloat(1.0f), "1");
    EXPECT_EQ(formatFloat(-2.5f), "-2.5");
    EXPECT_EQ(formatFloat(1.0f / 3.0f), "0.33333334");
    EXPECT_EQ(formatFloat(1e-45f), "1e-45");
    EXPECT_EQ(formatFloat(FLT_MAX), "3.4028235e+38");
    EXPECT_EQ(formatFloat(-0.0f), "-0");
}

float throughJson(float f) {
    const auto r = json::parse(formatFloat(f));
    EXPECT_TRUE(r.status.ok) << formatFloat(f);
    return r.value.numberFloat;
}

bool sameFloatBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(FormatFloat, TrickyValuesRoundTripThroughScenes) {
    const float tricky[] = {0.1f, 1e-45f, -1e-45f, FLT_MIN, FLT_MAX, -FLT_MAX, -0.0f, 0.0f, FLT_EPSILON, 16777217.0f,
                            1.0f / 3.0f, 2.3509886e-38f /* largest denormal */,
                            // Through double, these two would round twice and move by one ulp.
                            7.038531e-26f, -7.038531e-26f};
    Scene s = builtInExample();
    s.queries.resize(1, Eigen::Index(std::size(tricky)));
    for (std::size_t i = 0; i < std::size(tricky); ++i) {
        s.queries(0, Eigen::Index(i)) = tricky[i];
        EXPECT_TRUE(sameFloatBits(throughJson(tricky[i]), tricky[i])) << formatFloat(tricky[i]);
    }
    s.keys = Matrix::Ones(2, s.queries.cols());
    s.keyTokens.clear();
    s.queryTokens.clear();
    expectRoundTrip(s);
}

TEST(FormatFloat, RandomBitPatternsRoundTrip) {
    // Every finite float was checked once this way (text -> numberFloat);
    // a sample keeps guarding it.
    ap::Random rng(12345);
    int checked = 0;
    for (int i = 0; i < 2'000'000; ++i) {
        const auto bits = std::uint32_t(rng.next() >> 32);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        if (!std::isfinite(f)) continue;
        ++checked;
        const float back = throughJson(f);
        if (!sameFloatBits(back, f)) {
            ADD_FAILURE() << formatFloat(f) << " read back as " << formatFloat(back);
            break;
        }
    }
    EXPECT_GT(checked, 1'900'000);
}

TEST(FormatFloat, FloatRangeEdge) {
    auto q = [](const std::string& value) {
        return R"({"format": "attention-playground.scene", "version": 1, "queries": {"matrix": [[)" + value +
               R"(]]}, "keys": {"matrix": [[1]]}})";
    };
    // One below the halfway point between FLT_MAX and 2^128 rounds to FLT_MAX...
    SceneReadResult r = parseScene(q("340282356779733661637539395458142568447"), "scene.json");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.queries(0, 0), FLT_MAX);
    // ... even where the nearest double is the halfway point itself...
    r = parseScene(q("3.4028235677973366e38"), "scene.json");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.queries(0, 0), FLT_MAX);
    // ... and the halfway point rounds to even, which is infinity.
    EXPECT_EQ(parseScene(q("340282356779733661637539395458142568448"), "scene.json").error,
              "scene.json: queries.matrix[0][0]: not a finite number (out of float range)");
    EXPECT_EQ(parseScene(q("-3.40282357e38"), "scene.json").error,
              "scene.json: queries.matrix[0][0]: not a finite number (out of float range)");
    // Below the smallest denormal is zero, not an error.
    r = parseScene(q("1e-60"), "scene.json");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.queries(0, 0), 0.0f);
}

// ---- Result files ------------------------------------------------------------

TEST(ResultWrite, Golden) {
    AttentionResult r;
    r.mask.resize(2, 3);
    r.mask << false, false, true,  //
        true, true, true;
    r.heads.resize(2);
    r.heads[0].scores.resize(2, 3);
    r.heads[0].scores << 1, 0.5f, -2,  //
        0.25f, 0, 3;
    r.heads[0].weights.resize(2, 3);
    r.heads[0].weights << 0.75f, 0.25f, 0,  //
        0, 0, 0;
    r.heads[0].context.resize(2, 1);
    r.heads[0].context << 0.1f, 0;
    r.heads[1].scores.resize(2, 3);
    r.heads[1].scores << 1e-45f, -0.0f, FLT_MAX,  //
        1.0f / 3.0f, -1, 100;
    r.heads[1].weights.resize(2, 3);
    r.heads[1].weights << 0.5f, 0.5f, 0,  //
        0, 0, 0;
    r.heads[1].context.resize(2, 1);
    r.heads[1].context << 1.5f, 0;
    r.weightsMean.resize(2, 3);
    r.weightsMean << 0.625f, 0.375f, 0,  //
        0, 0, 0;
    r.output.resize(2, 2);
    r.output << 0.1f, 1.5f,  //
        0, 0;
    r.fullyMaskedRows = {1};

    const std::string expected = R"({
  "format": "attention-playground.result",
  "version": 1,
  "mask": [
    [false, false, true],
    [true, true, true]
  ],
  "heads": [
    {
      "scores": [
        [1, 0.5, -2],
        [0.25, 0, 3]
      ],
      "weights": [
        [0.75, 0.25, 0],
        [0, 0, 0]
      ],
      "context": [
        [0.1],
        [0]
      ]
    },
    {
      "scores": [
        [1e-45, -0, 3.4028235e+38],
        [0.33333334, -1, 100]
      ],
      "weights": [
        [0.5, 0.5, 0],
        [0, 0, 0]
      ],
      "context": [
        [1.5],
        [0]
      ]
    }
  ],
  "weights_mean": [
    [0.625, 0.375, 0],
    [0, 0, 0]
  ],
  "output": [
    [0.1, 1.5],
    [0, 0]
  ],
  "fully_masked_rows": [1]
}
)";
    const std::string text = resultToJson(r);
    EXPECT_EQ(text, expected);
    const auto parsed = json::parse(text);
    ASSERT_TRUE(parsed.status.ok) << parsed.status.message;
    EXPECT_EQ(float(parsed.value.find("heads")->array[1].find("scores")->array[0].array[2].number), FLT_MAX);
}

TEST(ResultWrite, TokenLabelsFollowTheVersion) {
    ResultWriteOptions options;
    options.queryTokens = {"the", "cat"};
    options.keyTokens = {"a \"b\"", "c"};
    const std::string text = resultToJson(AttentionResult{}, options);
    EXPECT_NE(text.find("\"version\": 1,\n  \"query_tokens\": [\"the\", \"cat\"],\n"
                        "  \"key_tokens\": [\"a \\\"b\\\"\", \"c\"],"),
              std::string::npos)
        << text;
    const auto parsed = json::parse(text);
    ASSERT_TRUE(parsed.status.ok) << parsed.status.message << "\n" << text;
    ASSERT_EQ(parsed.value.find("key_tokens")->array.size(), 2u);
    EXPECT_EQ(parsed.value.find("key_tokens")->array[0].string, "a \"b\"");
}

TEST(ResultWrite, EmptyResultIsValidJson) {
    const std::string text = resultToJson(AttentionResult{});
    const auto parsed = json::parse(text);
    ASSERT_TRUE(parsed.status.ok) << parsed.status.message << "\n" << text;
    EXPECT_EQ(parsed.value.find("heads")->array.size(), 0u);
    EXPECT_EQ(parsed.value.find("fully_masked_rows")->array.size(), 0u);
}

// ---- Bad input: one exact message per check of docs/scene-file.md ----------------

const std::string kHead = R"("format": "attention-playground.scene", "version": 1)";
// Four queries and three keys of width 2.
const std::string kQ = R"("queries": {"matrix": [[1, 2], [3, 4], [5, 6], [7, 8]]})";
const std::string kK = R"("keys": {"matrix": [[1, 0], [0, 1], [1, 1]]})";
// Width 4, so that two heads divide d.
const std::string kQ4 = R"("queries": {"matrix": [[1, 2, 3, 4], [5, 6, 7, 8]]})";
const std::string kK4 = R"("keys": {"matrix": [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 1, 1]]})";

// A document with the header and the given members.
std::string doc(const std::string& members) { return "{" + kHead + ", " + members + "}"; }
// The default queries and keys plus `extra` members.
std::string with(const std::string& extra) { return doc(kQ + ", " + kK + ", " + extra); }
std::string with4(const std::string& extra) { return doc(kQ4 + ", " + kK4 + ", " + extra); }

// "[[0], [0], ...]" with `rows` rows of `cols` zeros.
std::string zeros(int rows, int cols) {
    std::string row = "[";
    for (int j = 0; j < cols; ++j) row += j ? ", 0" : "0";
    row += "]";
    std::string m = "[";
    for (int i = 0; i < rows; ++i) m += (i ? ", " : "") + row;
    return m + "]";
}

struct BadScene {
    std::string text;
    std::string error;  // after "scene.json: "
};

std::vector<BadScene> badScenes() {
    const std::string additive = R"("scoring": {"kind": "additive", "head_params": [)";
    const std::string general = R"("scoring": {"kind": "general", "head_params": [)";
    return {
        // Not JSON: line and column instead of a path.
        {"{\n  " + kHead + ",\n  \"queries\": {\"matrix\": [[1, 2] [3, 4]]}\n}", "3:33: expected ',' or ']'"},
        {"[1e999]", "1:2: number out of range"},
        {R"({"a": NaN})", "1:7: NaN is not valid JSON"},
        {"{\"a\": -Infinity}", "1:7: Infinity is not valid JSON"},
        {"{} x", "1:4: trailing characters after the document"},
        {"", "1:1: unexpected end of input, expected a value"},
        {"{\"format\": \"attention-playground.scene\", \"version\": 1, \"title\": \"a\x80\"}",
         "1:67: invalid UTF-8 in string"},
        {std::string(100, '['), "1:65: nesting deeper than 64"},
        // Header.
        {"[]", "top level: must be an object"},
        {"{}", "format: missing"},
        {R"({"format": "attention-playground.result", "version": 1})",
         "format: expected \"attention-playground.scene\""},
        {R"({"format": 3, "version": 1})", "format: expected \"attention-playground.scene\""},
        {R"({"format": "attention-playground.scene"})", "version: missing"},
        {R"({"format": "attention-playground.scene", "version": "1"})", "version: must be a whole number"},
        {R"({"format": "attention-playground.scene", "version": 1.5})", "version: must be a whole number"},
        {R"({"format": "attention-playground.scene", "version": 2})",
         "version: unsupported version 2 (this build reads version 1)"},
        {R"({"format": "attention-playground.scene", "version": 0})",
         "version: unsupported version 0 (this build reads version 1)"},
        {with(R"("title": 5)"), "title: must be a string"},
        // Inputs: missing, wrong types, ragged, non-numbers, float range.
        {doc(kK), "queries: missing"},
        {doc(R"("queries": [[1]], )" + kK), "queries: must be an object"},
        {doc(R"("queries": {}, )" + kK), "queries.matrix: missing"},
        {doc(R"("queries": {"matrix": {}}, )" + kK), "queries.matrix: must be an array of rows"},
        {doc(R"("queries": {"matrix": []}, )" + kK), "queries.matrix: must have at least one row"},
        {doc(R"("queries": {"matrix": [1, 2]}, )" + kK), "queries.matrix[0]: must be an array of numbers"},
        {doc(R"("queries": {"matrix": [[]]}, )" + kK), "queries.matrix: must have at least one column"},
        {doc(R"("queries": {"matrix": [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2]]}, )" + kK),
         "queries.matrix[3]: has 2 entries, row 0 has 3"},
        {doc(R"("queries": {"matrix": [[1, 2], [3, 4, 5]]}, )" + kK), "queries.matrix[1]: has 3 entries, row 0 has 2"},
        {doc(R"("queries": {"matrix": [[1, 2], ["3", 4]]}, )" + kK), "queries.matrix[1][0]: must be a number"},
        {doc(R"("queries": {"matrix": [[1, 2], [3, null]]}, )" + kK), "queries.matrix[1][1]: must be a number"},
        {doc(R"("queries": {"matrix": [[1, 2], [3, 4], [5, 1e39]]}, )" + kK),
         "queries.matrix[2][1]: not a finite number (out of float range)"},
        {doc(R"("queries": {"matrix": [[1, 2], [3, 4], [5, -1e300]]}, )" + kK),
         "queries.matrix[2][1]: not a finite number (out of float range)"},
        {doc(R"("queries": {"tokens": "I am", "matrix": [[1, 2]]}, )" + kK),
         "queries.tokens: must be an array of strings"},
        {doc(R"("queries": {"tokens": ["I", "am", "a"], "matrix": [[1, 2], [3, 4], [5, 6], [7, 8]]}, )" + kK),
         "queries.tokens: has 3 entries, queries.matrix has 4 rows"},
        {doc(R"("queries": {"tokens": ["I", 5], "matrix": [[1, 2], [3, 4]]}, )" + kK),
         "queries.tokens[1]: must be a string"},
        {doc(R"("queries": {"tokens": [")" + std::string(300, 'x') + R"("], "matrix": [[1, 2]]}, )" + kK),
         "queries.tokens[0]: 300 bytes exceed the limit of 256"},
        {doc(kQ + R"(, "keys": {"tokens": ["a", "b"], "matrix": [[1, 2], [3, 4], [5, 6]]})"),
         "keys.tokens: has 2 entries, keys.matrix has 3 rows"},
        {doc(kQ), "keys: missing"},
        {doc(kQ + R"(, "keys": {"matrix": [[1, 2, 3]]})"),
         "keys.matrix: width 3 does not match queries.matrix width 2"},
        {doc(kQ + R"(, "keys": {"matrix": [[1, 2], [1e40, 0]]})"),
         "keys.matrix[1][0]: not a finite number (out of float range)"},
        {with(R"("values": [[1]])"), "values: must be an object"},
        {with(R"("values": {"tokens": []})"), "values.matrix: missing"},
        {with(R"("values": {"matrix": [[1, 0], [0, 1]]})"), "values.matrix: has 2 rows, keys.matrix has 3"},
        {with(R"("values": {"matrix": [[1], [2], [true]]})"), "values.matrix[2][0]: must be a number"},
        // Limits.
        {doc(R"("queries": {"matrix": )" + zeros(5000, 1) + "}, " + R"("keys": {"matrix": [[1]]})"),
         "queries.matrix: 5000 rows exceed the limit of 4096"},
        {doc(R"("queries": {"matrix": )" + zeros(1, 5000) + "}, " + kK),
         "queries.matrix: 5000 columns exceed the limit of 4096"},
        {doc(R"("queries": {"matrix": [[1]]}, "keys": {"matrix": )" + zeros(4097, 1) + "}"),
         "keys.matrix: 4097 rows exceed the limit of 4096"},
        {with(R"("values": {"matrix": )" + zeros(3, 4097) + "}"),
         "values.matrix: 4097 columns exceed the limit of 4096"},
        // Heads.
        {with(R"("heads": 0)"), "heads: must be a whole number >= 1"},
        {with(R"("heads": -1)"), "heads: must be a whole number >= 1"},
        {with(R"("heads": 1.5)"), "heads: must be a whole number >= 1"},
        {with(R"("heads": "2")"), "heads: must be a whole number >= 1"},
        {with(R"("heads": 17)"), "heads: 17 exceeds the limit of 16"},
        {with(R"("heads": 1e20)"), "heads: 1e+20 exceeds the limit of 16"},
        {with4(R"("heads": 3)"), "heads: 3 does not divide d = 4"},
        {with4(R"("heads": 2, "values": {"matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]})"),
         "heads: 2 does not divide dv = 3"},
        // Scoring.
        {with(R"("scoring": "dot")"), "scoring: must be an object"},
        {with(R"("scoring": {"kind": "foo"})"),
         "scoring.kind: unknown kind \"foo\" (expected dot, scaled_dot, general, additive, cosine)"},
        {with(R"("scoring": {"kind": "Dot"})"),
         "scoring.kind: unknown kind \"Dot\" (expected dot, scaled_dot, general, additive, cosine)"},
        {with(R"("scoring": {"kind": 1})"), "scoring.kind: must be a string"},
        // The echoed name stays one short line.
        {with(R"("scoring": {"kind": "ge\neral"})"),
         R"(scoring.kind: unknown kind "ge\neral" (expected dot, scaled_dot, general, additive, cosine))"},
        {with(R"("scoring": {"kind": ")" + std::string(100, 'x') + "\"}"),
         "scoring.kind: unknown kind \"" + std::string(40, 'x') +
             "...\" (expected dot, scaled_dot, general, additive, cosine)"},
        {with(R"("scoring": {"head_params": {}})"), "scoring.head_params: must be an array"},
        {with(R"("heads": 2, "scoring": {"head_params": [{}]})"), "scoring.head_params: has 1 entries, heads is 2"},
        {with(R"("scoring": {"head_params": [{}, {}]})"), "scoring.head_params: has 2 entries, heads is 1"},
        {with(R"("scoring": {"head_params": [[]]})"), "scoring.head_params[0]: must be an object"},
        {with(general + R"({"W": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}]})"), "scoring.head_params[0].W: must be 2 x 2"},
        {with4(R"("heads": 2, )" + general + R"({}, {"W": [[1, 0], [0, 1], [0, 0]]}]})"),
         "scoring.head_params[1].W: must be 2 x 2"},
        {with(general + R"({"W": []}]})"), "scoring.head_params[0].W: must have at least one row"},
        {with(general + R"({"W": [[1, 0], [0, 1e39]]}]})"),
         "scoring.head_params[0].W[1][1]: not a finite number (out of float range)"},
        {with(general + R"({"W": "identity"}]})"), "scoring.head_params[0].W: must be an array of rows"},
        {with(additive + R"({"Wq": [[1, 0, 0], [0, 1, 0]]}]})"),
         "scoring.head_params[0].Wq: must have 2 columns (dh), has 3"},
        {with(additive + R"({"Wq": [[1, 0], [0, 1], [1, 1]], "Wk": [[1, 0], [0, 1]]}]})"),
         "scoring.head_params[0].Wk: has 2 rows, Wq has 3 (they must agree)"},
        {with(additive + R"({"Wq": [[1, 0], [0, 1], [1, 1]], "v": [1, 1]}]})"),
         "scoring.head_params[0].v: has 2 entries, da is 3"},
        {with(additive + R"({"Wk": [[1, 0]], "v": [1, 1]}]})"), "scoring.head_params[0].v: has 2 entries, da is 1"},
        {with(additive + R"({"v": [1, 2, 3]}]})"), "scoring.head_params[0].v: has 3 entries, da is 2"},
        {with(additive + R"({"Wq": [[1, 0], [0, 1], [1, 1]], "Wk": [[1, 0], [0, 1], [1, 1]], "v": [1, 2]}]})"),
         "scoring.head_params[0].v: has 2 entries, da is 3"},
        {with(additive + R"({"v": "ones"}]})"), "scoring.head_params[0].v: must be an array of numbers"},
        {with(additive + R"({"v": []}]})"), "scoring.head_params[0].v: must have at least one entry"},
        {with(additive + R"({"v": [1, "a"]}]})"), "scoring.head_params[0].v[1]: must be a number"},
        {with(additive + R"({"v": [1, 1e39]}]})"),
         "scoring.head_params[0].v[1]: not a finite number (out of float range)"},
        {with(additive + R"({"Wq": )" + zeros(2000, 2) + "}]}"),
         "scoring.head_params[0].Wq: 2000 rows exceed the limit of 1024"},
        // Normalization.
        {with(R"("normalization": "softmax")"), "normalization: must be an object"},
        {with(R"("normalization": {"kind": "max"})"),
         "normalization.kind: unknown kind \"max\" (expected softmax, hard, topk, sparsemax, sample)"},
        {with(R"("normalization": {"kind": null})"), "normalization.kind: must be a string"},
        {with(R"("normalization": {"temperature": 0})"), "normalization.temperature: must be > 0"},
        {with(R"("normalization": {"temperature": -1})"), "normalization.temperature: must be > 0"},
        {with(R"("normalization": {"temperature": 1e-50})"),
         "normalization.temperature: must be > 0"},  // zero as a float
        {with(R"("normalization": {"temperature": "1"})"), "normalization.temperature: must be a number"},
        {with(R"("normalization": {"temperature": 1e39})"),
         "normalization.temperature: not a finite number (out of float range)"},
        {with(R"("normalization": {"kind": "topk", "k": 0})"), "normalization.k: must be a whole number >= 1"},
        {with(R"("normalization": {"kind": "topk", "k": 1.5})"), "normalization.k: must be a whole number >= 1"},
        {with(R"("normalization": {"kind": "topk", "k": "2"})"), "normalization.k: must be a whole number >= 1"},
        {with(R"("normalization": {"kind": "softmax", "k": -3})"),
         "normalization.k: must be a whole number >= 1"},  // checked whatever the kind
        {with(R"("normalization": {"kind": "topk", "k": 3e9})"),
         "normalization.k: 3000000000 exceeds the limit of 2147483647"},
        // Mask.
        {with(R"("mask": true)"), "mask: must be an object"},
        {with(R"("mask": {"causal": "yes"})"), "mask.causal: must be true or false"},
        {with(R"("mask": {"causal": 1})"), "mask.causal: must be true or false"},
        {with(R"("mask": {"key_padding": true})"), "mask.key_padding: must be an array of true/false"},
        {with(R"("mask": {"key_padding": [false, false]})"), "mask.key_padding: has 2 entries, keys have 3"},
        {with(R"("mask": {"key_padding": []})"), "mask.key_padding: has 0 entries, keys have 3"},
        {with(R"("mask": {"key_padding": [false, 1, false]})"), "mask.key_padding[1]: must be true or false"},
        {with(R"("mask": {"cells": {}})"), "mask.cells: must be an array of [query, key] pairs"},
        {with(R"("mask": {"cells": [[4, 0]]})"), "mask.cells[0]: [4, 0] is out of range (4 queries, 3 keys)"},
        {with(R"("mask": {"cells": [[0, 0], [1, 3]]})"), "mask.cells[1]: [1, 3] is out of range (4 queries, 3 keys)"},
        {with(R"("mask": {"cells": [[-1, 0]]})"), "mask.cells[0]: [-1, 0] is out of range (4 queries, 3 keys)"},
        {with(R"("mask": {"cells": [[0, 1e20]]})"), "mask.cells[0]: [0, 1e+20] is out of range (4 queries, 3 keys)"},
        {with(R"("mask": {"cells": [[0]]})"), "mask.cells[0]: must be a pair [query, key]"},
        {with(R"("mask": {"cells": [[0, 1, 2]]})"), "mask.cells[0]: must be a pair [query, key]"},
        {with(R"("mask": {"cells": [5]})"), "mask.cells[0]: must be a pair [query, key]"},
        {with(R"("mask": {"cells": [[0.5, 1]]})"), "mask.cells[0][0]: must be a whole number"},
        {with(R"("mask": {"cells": [[0, "1"]]})"), "mask.cells[0][1]: must be a whole number"},
        // Projections.
        {with(R"("projections": [])"), "projections: must be an object"},
        {with(R"("projections": {"Wq": [[1, 0], [0, 1], [1, 1]]})"),
         "projections.Wq: has 3 rows, queries.matrix width is 2"},
        {with(R"("projections": {"Wk": [[1, 0]]})"), "projections.Wk: has 1 rows, keys.matrix width is 2"},
        {with(R"("projections": {"Wv": [[1], [2], [3]]})"),
         "projections.Wv: has 3 rows, keys.matrix width is 2 (values are the keys)"},
        {with(R"("values": {"matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}, "projections": {"Wv": [[1], [2]]})"),
         "projections.Wv: has 2 rows, values.matrix width is 3"},
        {with(R"("projections": {"Wq": [[1, 0, 0], [0, 1, 0]]})"),
         "keys.matrix: gives K width 2, projections.Wq gives Q width 3 (they must match)"},
        {with(R"("projections": {"Wk": [[1, 0, 0], [0, 1, 0]]})"),
         "projections.Wk: gives K width 3, queries.matrix gives Q width 2 (they must match)"},
        {with(R"("projections": {"Wq": [[1, 0, 0, 0], [0, 1, 0, 0]], "Wk": [[1, 0, 0], [0, 1, 0]]})"),
         "projections.Wk: gives K width 3, projections.Wq gives Q width 4 (they must match)"},
        {with(R"("heads": 3, "projections": {"Wq": [[1, 0, 0, 0], [0, 1, 0, 0]], "Wk": [[1, 0, 0, 0], [0, 1, 0, 0]]})"),
         "heads: 3 does not divide d = 4"},
        {with(R"("heads": 2, "projections": {"Wv": [[1, 0, 0], [0, 1, 0]]})"), "heads: 2 does not divide dv = 3"},
        {with(R"("projections": {"Wo": [[1], [2], [3]]})"), "projections.Wo: has 3 rows, must equal dv = 2"},
        {with(R"("projections": {"Wv": [[1, 0, 0], [0, 1, 0]], "Wo": [[1], [2]]})"),
         "projections.Wo: has 2 rows, must equal dv = 3"},
        {with(R"("projections": {"Wo": []})"), "projections.Wo: must have at least one row"},
        {with(R"("projections": {"Wo": [[]]})"), "projections.Wo: must have at least one column"},
        {with(R"("projections": {"Wq": )" + zeros(2, 5000) + "}"),
         "projections.Wq: 5000 columns exceed the limit of 4096"},
        {with(R"("projections": {"Wq": )" + zeros(4097, 2) + "}"),
         "projections.Wq: 4097 rows exceed the limit of 4096"},
        {with(R"("projections": {"Wq": [[1, 0], [1e39, 0]]})"),
         "projections.Wq[1][0]: not a finite number (out of float range)"},
        {with(R"("projections": {"Wk": null})"), "projections.Wk: must be an array of rows"},
    };
}

TEST(SceneRead, EveryBadInputHasItsMessage) {
    for (const BadScene& c : badScenes()) {
        SceneReadResult r = parseScene(c.text, "scene.json");
        EXPECT_FALSE(r.ok) << c.text.substr(0, 300);
        // Parse errors read "scene.json:L:C: ...", the others "scene.json: path: ...".
        const bool syntax = !c.error.empty() && std::isdigit(static_cast<unsigned char>(c.error[0]));
        EXPECT_EQ(r.error, (syntax ? "scene.json:" : "scene.json: ") + c.error) << c.text.substr(0, 300);
    }
}

TEST(SceneRead, AcceptedVariants) {
    const std::string accepted[] = {
        // Unknown keys, at the top and inside, are left for later versions.
        with(R"("comment": "x", "scoring": {"kind": "dot", "bias": 1}, "future": {"a": [1]})"),
        // Parameters the kind does not read are not read.
        with(R"("scoring": {"kind": "dot", "head_params": [{"W": "anything", "v": null}]})"),
        // k where the kind is not topk, and every default spelled out.
        with(R"("heads": 1, "scoring": {}, "normalization": {"kind": "hard", "k": 9}, "mask": {})"),
        with(R"("normalization": {"temperature": 1e-30})"),
        // Whole numbers may be written with a fraction or an exponent.
        with(R"("heads": 2.0, "mask": {"cells": [[3e0, 2.0]]})"),
        // One of Wq and Wk alone sets da; the other is the da x dh identity.
        with(R"("scoring": {"kind": "additive", "head_params": [{"Wq": [[1, 0], [0, 1], [1, 1]]}]})"),
        with(R"("scoring": {"kind": "additive", "head_params": [{"Wk": [[1, 0]], "v": [2]}]})"),
        // Exactly at the limits.
        doc(R"("queries": {"matrix": )" + zeros(4096, 1) + R"(}, "keys": {"matrix": [[1]]})"),
        doc(R"("queries": {"tokens": [")" + std::string(256, 'x') +
            R"("], "matrix": [[1]]}, "keys": {"matrix": [[1]]})"),
        with(R"("heads": 2, "scoring": {"kind": "additive", "head_params": [{"Wq": )" + zeros(1024, 1) + R"(, "Wk": )" +
             zeros(1024, 1) + R"(}, {}]})"),
    };
    for (const std::string& text : accepted) {
        SceneReadResult r = parseScene(text, "scene.json");
        EXPECT_TRUE(r.ok) << r.error << "\n" << text.substr(0, 300);
    }
    SceneReadResult r = parseScene(accepted[2], "scene.json");
    EXPECT_EQ(r.value.topK, 9);
    r = parseScene(accepted[4], "scene.json");
    EXPECT_EQ(r.value.heads, 2);
    EXPECT_EQ(r.value.mask.cells, (std::vector<std::pair<int, int>>{{3, 2}}));
}

// What only a Scene built in code can get wrong, and the checks the reader
// leaves to validate().
TEST(Validate, EveryMessage) {
    Scene base;
    base.queries = Matrix::Constant(4, 2, 1.0f);
    base.keys = Matrix::Constant(3, 2, 0.5f);
    ASSERT_EQ(validate(base).message, "");
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    struct Case {
        std::function<void(Scene&)> change;
        std::string error;
    };
    const Case cases[] = {
        {[&](Scene& s) { s.queries(1, 1) = nan; }, "queries.matrix[1][1]: not a finite number"},
        {[&](Scene& s) { s.keys(2, 0) = -inf; }, "keys.matrix[2][0]: not a finite number"},
        {[&](Scene& s) { s.values = Matrix::Constant(3, 2, inf); }, "values.matrix[0][0]: not a finite number"},
        {[](Scene& s) { s.queries.resize(0, 2); }, "queries.matrix: must have at least one row"},
        {[](Scene& s) { s.keys.resize(3, 0); }, "keys.matrix: must have at least one column"},
        {[](Scene& s) { s.values = Matrix(); }, "values.matrix: must have at least one row"},
        {[](Scene& s) { s.queries = Matrix::Zero(5000, 2); }, "queries.matrix: 5000 rows exceed the limit of 4096"},
        {[](Scene& s) {
             s.queryTokens = {"a", "b", "c"};
         },
         "queries.tokens: has 3 entries, queries.matrix has 4 rows"},
        {[](Scene& s) {
             s.keyTokens = {"a", "b", std::string(257, 'x')};
         },
         "keys.tokens[2]: 257 bytes exceed the limit of 256"},
        {[](Scene& s) { s.values = Matrix::Zero(2, 2); }, "values.matrix: has 2 rows, keys.matrix has 3"},
        {[](Scene& s) { s.keys = Matrix::Zero(3, 3); }, "keys.matrix: width 3 does not match queries.matrix width 2"},
        {[](Scene& s) { s.heads = 0; }, "heads: must be a whole number >= 1"},
        {[](Scene& s) { s.heads = 17; }, "heads: 17 exceeds the limit of 16"},
        {[](Scene& s) {
             s.heads = 2;
             s.values = Matrix::Zero(3, 3);
         },
         "heads: 2 does not divide dv = 3"},
        {[](Scene& s) { s.projections.Wo = Matrix::Zero(3, 1); }, "projections.Wo: has 3 rows, must equal dv = 2"},
        {[&](Scene& s) { s.projections.Wo = Matrix::Constant(2, 1, nan); },
         "projections.Wo[0][0]: not a finite number"},
        {[](Scene& s) { s.projections.Wv = Matrix::Zero(3, 2); },
         "projections.Wv: has 3 rows, keys.matrix width is 2 (values are the keys)"},
        {[](Scene& s) { s.headParams.resize(2); }, "scoring.head_params: has 2 entries, heads is 1"},
        {[&](Scene& s) {
             s.scoring = Scoring::General;
             s.headParams.resize(1);
             s.headParams[0].W = Matrix::Constant(2, 2, nan);
         },
         "scoring.head_params[0].W[0][0]: not a finite number"},
        {[](Scene& s) {
             s.scoring = Scoring::General;
             s.headParams.resize(1);
             s.headParams[0].W = Matrix::Zero(1, 2);
         },
         "scoring.head_params[0].W: must be 2 x 2"},
        {[&](Scene& s) {
             s.scoring = Scoring::Additive;
             s.headParams.resize(1);
             s.headParams[0].v = Vector::Constant(2, nan);
         },
         "scoring.head_params[0].v[0]: not a finite number"},
        {[&](Scene& s) {
             s.scoring = Scoring::Additive;
             s.headParams.resize(1);
             s.headParams[0].Wq = Matrix::Constant(2, 2, inf);
             s.headParams[0].Wk = Matrix::Zero(2, 2);
         },
         "scoring.head_params[0].Wq[0][0]: not a finite number"},
        {[](Scene& s) { s.temperature = std::numeric_limits<float>::quiet_NaN(); },
         "normalization.temperature: not a finite number"},
        {[](Scene& s) { s.temperature = std::numeric_limits<float>::infinity(); },
         "normalization.temperature: not a finite number"},
        {[](Scene& s) { s.temperature = -0.0f; }, "normalization.temperature: must be > 0"},
        {[](Scene& s) { s.topK = 0; }, "normalization.k: must be a whole number >= 1"},
        {[](Scene& s) {
             s.mask.keyPadding = {true, false};
         },
         "mask.key_padding: has 2 entries, keys have 3"},
        {[](Scene& s) {
             s.mask.cells = {{0, 0}, {0, -1}};
         },
         "mask.cells[1]: [0, -1] is out of range (4 queries, 3 keys)"},
    };
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        Scene s = base;
        cases[i].change(s);
        EXPECT_EQ(validate(s).message, cases[i].error) << "case " << i;
    }
    // Parameters of another kind are never used, so never checked.
    Scene s = base;
    s.headParams.resize(1);
    s.headParams[0].W = Matrix::Constant(5, 5, nan);
    EXPECT_EQ(validate(s).message, "");
}

// ---- Files -------------------------------------------------------------------

class Files : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = ::testing::TempDir() + "ap_scene_io_XXXXXX";
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir_, ec);
    }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    static void writeText(const std::string& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
    // Names in the folder: a failed write must leave no temporary behind.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
        std::sort(names.begin(), names.end());
        return names;
    }
    std::string dir_;
};

TEST_F(Files, ReadSceneFileMessages) {
    const std::string missing = path("missing.json");
    EXPECT_EQ(readSceneFile(missing).error, missing + ": cannot open: No such file or directory");
    EXPECT_EQ(readSceneFile(dir_).error, dir_ + ": cannot read: Is a directory");

    const std::string big = path("big.json");
    {
        const int fd = ::open(big.c_str(), O_WRONLY | O_CREAT, 0644);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(::ftruncate(fd, 70ll * 1024 * 1024), 0);  // sparse: no 70 MiB written
        ::close(fd);
    }
    EXPECT_EQ(readSceneFile(big).error, big + ": file is 70 MiB, over the limit of 64 MiB");

    const std::string bad = path("bad.json");
    writeText(bad, "{\n  \"format\": \"attention-playground.scene\",\n  \"version\": 2\n}\n");
    EXPECT_EQ(readSceneFile(bad).error, bad + ": version: unsupported version 2 (this build reads version 1)");
    writeText(bad, "{\n  \"format\": \"attention-playground.scene\"\n  \"version\": 1\n}\n");
    EXPECT_EQ(readSceneFile(bad).error, bad + ":3:3: expected ',' or '}'");
}

TEST_F(Files, WriteThenReadScene) {
    const std::string p = path("scene.json");
    const Scene s = builtInExample();
    ASSERT_EQ(writeFileAtomically(p, sceneToJson(s)).message, "");
    SceneReadResult r = readSceneFile(p);
    ASSERT_TRUE(r.ok) << r.error;
    expectSameScene(s, r.value);
    EXPECT_EQ(entries(), std::vector<std::string>{"scene.json"});
}

TEST_F(Files, WriteReplacesAndKeepsMode) {
    const std::string p = path("out.json");
    writeText(p, "old contents that are longer than the new ones");
    ASSERT_EQ(::chmod(p.c_str(), 0640), 0);
    ASSERT_EQ(writeFileAtomically(p, "new").message, "");
    EXPECT_EQ(readText(p), "new");
    struct stat st {};
    ASSERT_EQ(::stat(p.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

TEST_F(Files, WriteNewFileHonoursUmask) {
    const mode_t old = ::umask(027);
    const std::string error = writeFileAtomically(path("new.json"), "x").message;
    ::umask(old);
    ASSERT_EQ(error, "");
    struct stat st {};
    ASSERT_EQ(::stat(path("new.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST_F(Files, WriteThroughSymlinkKeepsTheLink) {
    writeText(path("real.json"), "old");
    fs::create_symlink("real.json", path("link.json"));
    ASSERT_EQ(writeFileAtomically(path("link.json"), "new").message, "");
    EXPECT_TRUE(fs::is_symlink(path("link.json")));
    EXPECT_EQ(readText(path("real.json")), "new");
}

TEST_F(Files, TargetIsADirectory) {
    const std::string target = path("folder");
    fs::create_directory(target);
    writeText(target + "/inside", "keep");
    EXPECT_EQ(writeFileAtomically(target, "data").message, target + ": cannot replace: Is a directory");
    EXPECT_TRUE(fs::is_directory(target));
    EXPECT_EQ(readText(target + "/inside"), "keep");
    EXPECT_EQ(entries(), std::vector<std::string>{"folder"});  // no temporary left
}

TEST_F(Files, FolderMissing) {
    const std::string target = path("no/such/dir/out.json");
    EXPECT_EQ(writeFileAtomically(target, "x").message,
              target + ": cannot create a temporary file in " + path("no/such/dir") + ": No such file or directory");
}

// Runs `body` as an unprivileged user where the tests run as root, because
// root writes into read-only folders anyway.
template <typename Body>
void asUnprivileged(Body body) {
    if (::geteuid() != 0) {
        body();
        return;
    }
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) std::_Exit(3);
            body();
            std::_Exit(::testing::Test::HasFailure() ? 1 : 0);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST_F(Files, ReadOnlyFolderLeavesTheOldFileIntact) {
    const std::string target = path("out.json");
    writeText(target, "old");
    ASSERT_EQ(::chmod(target.c_str(), 0644), 0);
    ASSERT_EQ(::chmod(dir_.c_str(), 0555), 0);
    asUnprivileged([&] {
        EXPECT_EQ(writeFileAtomically(target, "new").message,
                  target + ": cannot create a temporary file in " + dir_ + ": Permission denied");
        EXPECT_EQ(readText(target), "old");
    });
    EXPECT_EQ(readText(target), "old");
    EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

}  // namespace
