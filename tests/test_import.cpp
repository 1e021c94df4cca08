// The attention readers against files numpy wrote (tests/data/import,
// made by make_fixtures.py) and against broken bytes.
#include "import/attention_import.h"
#include "import/npy_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

using namespace ap;
using namespace ap::import;

namespace {

std::string dataPath(const std::string& name) { return std::string(AP_TEST_DATA_DIR) + "/import/" + name; }

// The value every fixture holds at (l, h, i, j).
double expected(int l, int h, int i, int j) { return (l * 1000 + h * 100 + i * 10 + j) / 8192.0; }

std::shared_ptr<const AttentionTensor> open(const std::string& name) {
    ReadResult r = readAttentionFile(dataPath(name));
    EXPECT_TRUE(r.ok) << r.error;
    return r.value;
}

void expectValues(const AttentionTensor& t, double tolerance) {
    Matrix slice;
    for (int l = 0; l < t.layers; ++l)
        for (int h = 0; h < t.heads; ++h) {
            ASSERT_EQ(t.slice(l, h, slice).message, "");
            ASSERT_EQ(slice.rows(), t.queries);
            ASSERT_EQ(slice.cols(), t.keys);
            for (int i = 0; i < t.queries; ++i)
                for (int j = 0; j < t.keys; ++j)
                    ASSERT_NEAR(slice(i, j), expected(l, h, i, j), tolerance * (1 + expected(l, h, i, j)))
                        << l << " " << h << " " << i << " " << j;
        }
}

std::string errorOf(const std::string& name) {
    ReadResult r = readAttentionFile(dataPath(name));
    EXPECT_FALSE(r.ok);
    return r.error;
}

std::string readAll(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

const std::vector<std::string> kTokens = {"[CLS]", "the", "cat", ",", "sat", "[SEP]"};

}  // namespace

TEST(Npy, Float32FourDimensions) {
    auto t = open("f32_2x3x6x6.npy");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->format, "npy");
    EXPECT_EQ(t->dtype, DType::F32);
    EXPECT_EQ(t->layers, 2);
    EXPECT_EQ(t->heads, 3);
    EXPECT_EQ(t->queries, 6);
    EXPECT_EQ(t->keys, 6);
    EXPECT_TRUE(t->queryTokens.empty());
    EXPECT_EQ(t->queryLabel(2), "q2");
    EXPECT_EQ(t->keyLabel(5), "k5");
    expectValues(*t, 1e-7);
}

TEST(Npy, HeaderVersions2And3ReadTheSame) {
    for (const char* name : {"v2.npy", "v3.npy"}) {
        auto t = open(name);
        ASSERT_TRUE(t);
        EXPECT_EQ(t->layers, 2);
        expectValues(*t, 1e-7);
    }
}

TEST(Npy, Float16AndFloat64AndSmallerRanks) {
    auto half = open("f16_3x6x6.npy");
    ASSERT_TRUE(half);
    EXPECT_EQ(half->dtype, DType::F16);
    EXPECT_EQ(half->layers, 1);
    EXPECT_EQ(half->heads, 3);
    expectValues(*half, 1e-3);  // float16 keeps 11 significant bits
    auto dbl = open("f64_6x6.npy");
    ASSERT_TRUE(dbl);
    EXPECT_EQ(dbl->dtype, DType::F64);
    EXPECT_EQ(dbl->layers, 1);
    EXPECT_EQ(dbl->heads, 1);
    expectValues(*dbl, 1e-7);
}

TEST(Npy, LeadingBatchOfOne) {
    auto t = open("batch_1x2x3x6x6.npy");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->layers, 2);
    EXPECT_EQ(t->heads, 3);
    expectValues(*t, 1e-7);
}

TEST(Npy, HalfConversionIsExact) {
    EXPECT_EQ(halfToFloat(0x3C00), 1.0f);
    EXPECT_EQ(halfToFloat(0xC000), -2.0f);
    EXPECT_EQ(halfToFloat(0x7BFF), 65504.0f);
    EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
    EXPECT_EQ(halfToFloat(0x0400), std::ldexp(1.0f, -14));  // smallest normal
    EXPECT_TRUE(std::isinf(halfToFloat(0x7C00)));
    EXPECT_TRUE(std::isnan(halfToFloat(0x7E00)));
}

TEST(Npy, BadFilesNameTheProblem) {
    const std::string fortran = errorOf("fortran.npy");
    EXPECT_NE(fortran.find("fortran.npy: "), std::string::npos) << fortran;
    EXPECT_NE(fortran.find("Fortran-order"), std::string::npos) << fortran;
    EXPECT_NE(errorOf("int32.npy").find("dtype '<i4' is not supported"), std::string::npos);
    EXPECT_NE(errorOf("big_endian.npy").find("big-endian"), std::string::npos);
    const std::string truncated = errorOf("truncated.npy");
    EXPECT_NE(truncated.find("truncated"), std::string::npos) << truncated;
    EXPECT_NE(truncated.find("offset 128"), std::string::npos) << truncated;
    EXPECT_NE(readAttentionFile(dataPath("missing.npy")).error.find("cannot open"), std::string::npos);
}

TEST(Npy, NanIsReportedWithItsSliceCellAndOffset) {
    auto t = open("nan.npy");  // opening reads no values
    ASSERT_TRUE(t);
    Matrix slice;
    EXPECT_EQ(t->slice(0, 0, slice).message, "");
    const std::string e = t->slice(1, 2, slice).message;
    EXPECT_NE(e.find("nan.npy: array[1][2][3][4]: NaN"), std::string::npos) << e;
    // 128-byte header, then slice 5 of 36 floats, then cell 3 * 6 + 4.
    EXPECT_NE(e.find("byte offset " + std::to_string(128 + (5 * 36 + 22) * 4)), std::string::npos) << e;
    ImportOptions scanAll;
    scanAll.checkAllValues = true;
    const ReadResult r = readAttentionFile(dataPath("nan.npy"), scanAll);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("NaN"), std::string::npos);
}

TEST(Npy, EveryPrefixFailsCleanly) {
    const std::string bytes = readAll(dataPath("f32_2x3x6x6.npy"));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        ReadResult r = readAttentionBytes(copyBytes(bytes.data(), n), "cut.npy");
        EXPECT_FALSE(r.ok) << n;
        EXPECT_EQ(r.error.rfind("cut.npy: ", 0), 0u) << r.error;
    }
}

TEST(Npz, StoredWithTokens) {
    auto t = open("stored_tokens.npz");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->format, "npz");
    EXPECT_EQ(t->queryTokens, kTokens);
    EXPECT_EQ(t->keyTokens, kTokens);
    EXPECT_TRUE(t->offsetIn.empty());  // read in place from the archive
    expectValues(*t, 1e-7);
}

TEST(Npz, DeflatedWithQueryAndKeyTokens) {
    auto t = open("deflated_qk.npz");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->dtype, DType::F16);
    EXPECT_EQ(t->queries, 4);
    EXPECT_EQ(t->keys, 6);
    EXPECT_EQ(t->queryTokens, (std::vector<std::string>{"é", "日本", "x", "😀"}));
    EXPECT_EQ(t->keyTokens, kTokens);
    expectValues(*t, 1e-3);
}

TEST(Npz, BadArchives) {
    const std::string wrong = errorOf("wrong_tokens.npz");
    EXPECT_NE(wrong.find("array 'tokens': 5 tokens, but the attention has 6"), std::string::npos) << wrong;
    EXPECT_NE(errorOf("no_attentions.npz").find("no array 'attentions' (the archive holds: weights.npy)"),
              std::string::npos);
    const std::string bytes = readAll(dataPath("deflated_qk.npz"));
    for (std::size_t n = 0; n < bytes.size(); ++n)
        EXPECT_FALSE(readAttentionBytes(copyBytes(bytes.data(), n), "cut.npz").ok) << n;
    std::string corrupt = readAll(dataPath("deflated_qk.npz"));
    corrupt[100] = char(corrupt[100] ^ 0x55);
    const ReadResult r = readAttentionBytes(copyBytes(corrupt.data(), corrupt.size()), "bad.npz");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error.rfind("bad.npz: ", 0), 0u) << r.error;
}

TEST(Safetensors, Float32AndFloat64WithTokens) {
    for (const char* name : {"f32.safetensors", "f64.safetensors"}) {
        auto t = open(name);
        ASSERT_TRUE(t);
        EXPECT_EQ(t->format, "safetensors");
        EXPECT_EQ(t->keyTokens, kTokens);
        expectValues(*t, 1e-7);
    }
}

TEST(Safetensors, OffsetsBeyondTheFileAndWrongDtype) {
    std::string bytes = readAll(dataPath("f32.safetensors"));
    const std::string cut = bytes.substr(0, bytes.size() - 4);
    const ReadResult r = readAttentionBytes(copyBytes(cut.data(), cut.size()), "cut.safetensors");
    EXPECT_NE(r.error.find("beyond the end of the file"), std::string::npos) << r.error;
    const std::size_t at = bytes.find("\"F32\"");
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 5, "\"I32\"");
    const ReadResult d = readAttentionBytes(copyBytes(bytes.data(), bytes.size()), "i.safetensors");
    EXPECT_NE(d.error.find("dtype \"I32\" is not supported"), std::string::npos) << d.error;
}

TEST(BertViz, ModelViewAndPairFiles) {
    auto t = open("bertviz.json");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->format, "bertviz");
    EXPECT_EQ(t->layers, 2);
    EXPECT_EQ(t->heads, 3);
    EXPECT_EQ(t->queryTokens, kTokens);
    expectValues(*t, 1e-7);
    auto pair = open("bertviz_pair.json");
    ASSERT_TRUE(pair);
    EXPECT_EQ(pair->queries, 4);
    EXPECT_EQ(pair->queryTokens, (std::vector<std::string>{"a", "b", "c", "d"}));
    EXPECT_EQ(pair->keyTokens, kTokens);
    expectValues(*pair, 1e-7);
}

TEST(BertViz, NanRaggedAndBatchPerLayer) {
    const std::string nan = errorOf("bertviz_nan.json");
    EXPECT_NE(nan.find("attention[1][2][3][4]: NaN"), std::string::npos) << nan;
    const auto parse = [](const std::string& text) {
        return readAttentionBytes(copyBytes(text.data(), text.size()), "x.json");
    };
    const ReadResult ragged = parse(R"({"attention": [[0.5, 0.5], [1]]})");
    EXPECT_NE(ragged.error.find("attention[1]: 1 entries where the lists before it have 2"), std::string::npos)
        << ragged.error;
    EXPECT_FALSE(parse(R"({"attention": [[[0.5]], [0.5]]})").ok);
    const ReadResult count = parse(R"({"attention": [[1, 0], [0, 1]], "tokens": ["a"]})");
    EXPECT_NE(count.error.find("\"tokens\": 1 tokens, but the attention has 2"), std::string::npos) << count.error;
    // bertviz's own input: one [1, heads, q, k] tensor per layer.
    const ReadResult batch = parse(R"({"attention": [[[[[1, 0], [0, 1]]]], [[[[0, 1], [1, 0]]]]]})");
    ASSERT_TRUE(batch.ok) << batch.error;
    EXPECT_EQ(batch.value->layers, 2);
    EXPECT_EQ(batch.value->heads, 1);
    Matrix m;
    EXPECT_EQ(batch.value->slice(1, 0, m).message, "");
    EXPECT_EQ(m(0, 1), 1.0f);
}

TEST(Detect, ScenesAndAttentionJsonApart) {
    const std::string scene = R"({"format": "attention-playground.scene", "version": 1})";
    EXPECT_EQ(detectKind(copyBytes(scene.data(), scene.size()), "s.json"), FileKind::Scene);
    const std::string bv = R"({"tokens": ["attention"], "attention" : [[1]]})";
    EXPECT_EQ(detectKind(copyBytes(bv.data(), bv.size()), "b.json"), FileKind::BertVizJson);
    EXPECT_TRUE(isAttentionFile(dataPath("bertviz.json")));
    EXPECT_TRUE(isAttentionFile(dataPath("f32.safetensors")));
    EXPECT_FALSE(isAttentionFile(std::string(AP_RESOURCES_DIR) + "/scenes/je-suis-etudiant.json"));
}
