// Attention files that try to hurt the reader: members that inflate to more
// than their headers say, zip bombs read for their header only, repeated
// names, files shortened while they are mapped, and heads too large to hold.
#include "analysis/aggregate.h"
#include "analysis/head_stats.h"
#include "analysis/rollout.h"
#include "attention_test_files.h"
#include "import/attention_import.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

using namespace ap::import;
using namespace testfiles;

namespace {

std::string tempPath(const std::string& name) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/ap-hostile-" + std::to_string(::getpid()) + "-" + name;
}

struct Removed {
    std::string path;
    ~Removed() { ::unlink(path.c_str()); }
};

// float16 1.0 / n repeated: rows that are distributions.
std::string halfRows(int n) {
    std::string data;
    for (int i = 0; i < n * n; ++i) {
        data += char(0x00);
        data += char(0x3C);  // 1.0
    }
    return data;
}

}  // namespace

TEST(Npz, AMemberThatInflatesToMoreThanItsHeaderSaysIsRefused) {
    const std::string npy = npyHeader("<f2", {2, 2}) + halfRows(2);
    ZipMember m = deflatedMember("attentions.npy", npy, 4096);  // the data is 4 KiB longer
    m.size = npy.size();                                        // than the header declares
    const std::string zip = zipArchive({m});
    const ReadResult r = readAttentionBytes(copyBytes(zip.data(), zip.size()), "lying.npz");
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("inflates to more than the " + std::to_string(npy.size()) + " bytes its header declares"),
              std::string::npos)
        << r.error;
    ZipMember shorter = deflatedMember("attentions.npy", npy, 0);
    shorter.size = npy.size() + 100;
    const std::string zip2 = zipArchive({shorter});
    const ReadResult r2 = readAttentionBytes(copyBytes(zip2.data(), zip2.size()), "short.npz");
    ASSERT_FALSE(r2.ok);
    EXPECT_NE(r2.error.find("corrupt or truncated"), std::string::npos) << r2.error;
}

TEST(Npz, HeaderOnlyReadsTheShapeOfABombWithoutInflatingIt) {
    // 1 x 1 x 16384 x 16384 float16: 512 MiB inflated, about 0.5 MiB deflated.
    const std::uint64_t values = 16384ull * 16384 * 2;
    const std::string header = npyHeader("<f2", {1, 1, 16384, 16384});
    const std::string zip = zipArchive({deflatedMember("attentions.npy", header, values)});
    ImportOptions options;
    options.npz.headerOnly = true;
    // A limit far below the member: the whole-member path would refuse it,
    // the header-only path never needs it.
    options.npz.maxInflatedBytes = 1 << 20;
    const ReadResult r = readAttentionBytes(copyBytes(zip.data(), zip.size()), "bomb.npz", options);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value->queries, 16384);
    EXPECT_EQ(r.value->keys, 16384);
    EXPECT_EQ(r.value->dtype, DType::F16);
    ap::Matrix rows;
    EXPECT_NE(r.value->sliceRows(0, 0, 0, 1, rows).message.find("only the header was read"), std::string::npos);
    options.npz.headerOnly = false;
    const ReadResult whole = readAttentionBytes(copyBytes(zip.data(), zip.size()), "bomb.npz", options);
    ASSERT_FALSE(whole.ok);
    EXPECT_NE(whole.error.find("more than the limit"), std::string::npos) << whole.error;
}

TEST(Npz, DeflatedMemberReadsItsValues) {
    const std::string npy = npyHeader("<f2", {3, 3}) + halfRows(3);
    const std::string zip = zipArchive({deflatedMember("attentions.npy", npy, 0)});
    const ReadResult r = readAttentionBytes(copyBytes(zip.data(), zip.size()), "small.npz");
    ASSERT_TRUE(r.ok) << r.error;
    ap::Matrix m;
    ASSERT_EQ(r.value->slice(0, 0, m).message, "");
    EXPECT_FLOAT_EQ(m(2, 2), 1.0f);
}

TEST(Npz, TwoMembersOfOneNameReadTheLastAsNumpyDoes) {
    const std::string first = npyHeader("<f2", {2, 2}) + halfRows(2);
    const std::string last = npyHeader("<f2", {3, 3}) + halfRows(3);
    const std::string zip = zipArchive({storedMember("attentions.npy", first), storedMember("attentions.npy", last)});
    const ReadResult r = readAttentionBytes(copyBytes(zip.data(), zip.size()), "twice.npz");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value->queries, 3);
}

TEST(Mapped, AFileShortenedWhileItIsReadIsReportedNotFatal) {
    const Removed file{tempPath("shrinks.npy")};
    const std::string header = npyHeader("<f2", {2, 1, 256, 256});
    ASSERT_TRUE(writeSparse(file.path, header, 2ull * 256 * 256 * 2));
    const ReadResult r = readAttentionFile(file.path);
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_TRUE(r.value->mapped);
    // Another program rewrites the file: its pages past the new end are gone.
    ASSERT_EQ(::truncate(file.path.c_str(), off_t(header.size())), 0);
    ap::Matrix m;
    const std::string error = r.value->slice(1, 0, m).message;
    EXPECT_EQ(error, file.path + ": the file changed while it was read (it is shorter than when it was opened)");
    // The statistics, the one place the window reads every head, say the same.
    const ap::Result<std::vector<ap::analysis::HeadStats>> s = ap::analysis::computeHeadStats(*r.value);
    EXPECT_FALSE(s.ok);
    EXPECT_NE(s.error.find("the file changed while it was read"), std::string::npos) << s.error;
}

TEST(HugeHead, StatisticsStreamAndWholeMatricesAreRefusedBeforeAllocating) {
    // 1 x 1 x 65536 x 65536 float16 (8 GiB of zeros, sparse): within the
    // documented limits. A whole float matrix of it would take 16 GiB.
    const Removed file{tempPath("huge.npy")};
    ASSERT_TRUE(writeSparse(file.path, npyHeader("<f2", {1, 1, 65536, 65536}), 65536ull * 65536 * 2));
    const ReadResult r = readAttentionFile(file.path);
    ASSERT_TRUE(r.ok) << r.error;
    ap::Matrix m;
    ap::analysis::AttentionChoice head;
    const std::string whole = ap::analysis::attentionMatrix(*r.value, head, m).message;
    EXPECT_NE(whole.find("65536 x 65536 is too large for one matrix"), std::string::npos) << whole;
    EXPECT_EQ(m.size(), 0);
    ap::analysis::AttentionChoice rollout;
    rollout.rollout = true;
    rollout.layer = ap::analysis::AttentionChoice::kAll;
    EXPECT_NE(ap::analysis::attentionMatrix(*r.value, rollout, m).message.find("too large for rollout"),
              std::string::npos);
    // A block of rows of it streams at any size.
    ASSERT_EQ(ap::analysis::attentionRows(*r.value, head, 65530, 6, m).message, "");
    EXPECT_EQ(m.rows(), 6);
    EXPECT_EQ(m.cols(), 65536);
}

TEST(HugeHead, BlockStatisticsEqualWholeStatistics) {
    const int n = 1500;  // more rows than one block of 2^20 cells holds
    ap::Matrix a(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) a(i, j) = float((i * 7 + j * 3) % 11 + 1);
    for (int i = 0; i < n; ++i) a.row(i) /= a.row(i).sum();
    std::vector<bool> separators(std::size_t(n), false);
    separators[5] = true;
    const ap::analysis::HeadStats whole = ap::analysis::headStats(a, separators);
    ap::analysis::HeadStatsAccumulator acc;
    for (int row0 = 0; row0 < n; row0 += 600) {
        const int count = std::min(600, n - row0);
        acc.add(a.middleRows(row0, count), row0, separators);
    }
    const ap::analysis::HeadStats blocks = acc.result();
    EXPECT_NEAR(blocks.entropy, whole.entropy, 1e-9);
    EXPECT_NEAR(blocks.meanDistance, whole.meanDistance, 1e-9);
    EXPECT_NEAR(blocks.separatorShare, whole.separatorShare, 1e-12);
    EXPECT_NEAR(blocks.firstTokenShare, whole.firstTokenShare, 1e-12);
    EXPECT_EQ(blocks.maxWeight, whole.maxWeight);
}

TEST(Safetensors, Bfloat16IsReadExactly) {
    const std::string header = R"({"attentions":{"dtype":"BF16","shape":[2,2],"data_offsets":[0,8]}})";
    std::string file;
    for (int b = 0; b < 8; ++b) file += char((header.size() >> (8 * b)) & 0xFF);
    file += header;
    // 0.5, 0.5, 1.0, 0.0 as bfloat16 (0x3F00, 0x3F00, 0x3F80, 0x0000).
    file += std::string("\x00\x3F\x00\x3F\x80\x3F\x00\x00", 8);
    const ReadResult r = readAttentionBytes(copyBytes(file.data(), file.size()), "bf16.safetensors");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value->dtype, DType::BF16);
    EXPECT_STREQ(toString(r.value->dtype), "bfloat16");
    ap::Matrix m;
    ASSERT_EQ(r.value->slice(0, 0, m).message, "");
    EXPECT_EQ(m(0, 0), 0.5f);
    EXPECT_EQ(m(0, 1), 0.5f);
    EXPECT_EQ(m(1, 0), 1.0f);
    EXPECT_EQ(m(1, 1), 0.0f);
}

TEST(Npy, AKeyGivenTwiceIsRefused) {
    const std::string npy =
        npyHeader("", {}, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), 'shape': (2,), }") + halfRows(2);
    const ReadResult r = readAttentionBytes(copyBytes(npy.data(), npy.size()), "twice.npy");
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("'shape' appears twice"), std::string::npos) << r.error;
}

TEST(BertViz, HeadViewParametersOpen) {
    // What bertviz's head_view passes to its JavaScript: a list of named
    // entries, the first the whole attention ([layers][heads][q][k]).
    const std::string text =
        R"({"attention": [{"name": "All", "attn": [[[[0.5, 0.5], [1, 0]]]], "left_text": ["a", "b"],)"
        R"( "right_text": ["c", "d"]}, {"name": "Sentence A -> Sentence A", "attn": [[[[1]]]],)"
        R"( "left_text": ["a"], "right_text": ["c"]}], "default_filter": "0", "root_div_id": "x"})";
    const ReadResult r = readAttentionBytes(copyBytes(text.data(), text.size()), "head_view.json");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value->queries, 2);
    EXPECT_EQ(r.value->keys, 2);
    EXPECT_EQ(r.value->queryTokens, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(r.value->keyTokens, (std::vector<std::string>{"c", "d"}));
    ap::Matrix m;
    ASSERT_EQ(r.value->slice(0, 0, m).message, "");
    EXPECT_EQ(m(1, 0), 1.0f);
}

TEST(BertViz, OtherLayoutsSayWhatWasExpectedAndBadUtf8IsRefused) {
    const std::string strings = R"({"attention": ["a", "b"]})";
    const ReadResult r = readAttentionBytes(copyBytes(strings.data(), strings.size()), "odd.json");
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("BertViz's head-view list of {\"name\", \"attn\", \"left_text\", \"right_text\"} objects"),
              std::string::npos)
        << r.error;
    const std::string badToken = "{\"attention\": [[0.5, 0.5], [0.5, 0.5]], \"tokens\": [\"a\", \"\xFF\"]}";
    const ReadResult bad = readAttentionBytes(copyBytes(badToken.data(), badToken.size()), "bad.json");
    ASSERT_FALSE(bad.ok);
    EXPECT_NE(bad.error.find("invalid UTF-8"), std::string::npos) << bad.error;
    // A byte order mark is allowed, as in every JSON file the program reads.
    const std::string bom = "\xEF\xBB\xBF{\"attention\": [[1]]}";
    EXPECT_TRUE(readAttentionBytes(copyBytes(bom.data(), bom.size()), "bom.json").ok);
}

TEST(Safetensors, ASixteenMebibyteHeaderIsReadInPlace) {
    // The largest legal header, mostly one array of numbers: read as a
    // tree it took about 100 bytes a number (866 MB); the pull reader keeps
    // only the attentions' entry.
    std::string header = R"({"attentions":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"padding":[0)";
    header.reserve(16u << 20);
    while (header.size() < (16u << 20) - 8) header += ",0";
    header += "]}";
    std::string file;
    for (int b = 0; b < 8; ++b) file += char((header.size() >> (8 * b)) & 0xFF);
    file += header;
    file += std::string("\x00\x00\x80\x3F", 4);  // 1.0f
    struct rusage before {};
    getrusage(RUSAGE_SELF, &before);
    const ReadResult r = readAttentionBytes(copyBytes(file.data(), file.size()), "big.safetensors");
    struct rusage after {};
    getrusage(RUSAGE_SELF, &after);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value->queries, 1);
    // Peak resident memory grew by less than 64 MB (the file is copied once: 16 MiB).
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 * 1024);
}
