// The result writer (streamed in chunks, members left out on request, never a
// null), the atomic file through symbolic links, the derived widths, the
// title limit and the shared UTF-8 decoder.
#include "attention/attention.h"
#include "core/utf8.h"
#include "io/json.h"
#include "io/scene_io.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace ap;

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "ap-result-XXXXXX").string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

AttentionResult computed(const Scene& s) {
    AttentionResult r;
    const Status status = computeAttention(s, {}, r);
    EXPECT_TRUE(status.ok) << status.message;
    return r;
}

Scene small() {
    Scene s;
    s.queries = Matrix::Identity(2, 2);
    s.keys = Matrix::Identity(2, 2);
    s.scoring = Scoring::Dot;
    return s;
}

TEST(DerivedWidths, FollowTheProjections) {
    Scene s;
    s.queries = Matrix::Zero(3, 5);
    s.keys = Matrix::Zero(4, 6);
    EXPECT_EQ(derivedWidths(s).dq, 5);
    EXPECT_EQ(derivedWidths(s).d, 6);
    EXPECT_EQ(derivedWidths(s).dv, 6);  // values absent: V = K
    EXPECT_EQ(derivedWidths(s).dout, 6);
    s.values = Matrix::Zero(4, 7);
    EXPECT_EQ(derivedWidths(s).dv, 7);
    s.projections.Wq = Matrix::Zero(5, 8);
    s.projections.Wk = Matrix::Zero(6, 8);
    s.projections.Wv = Matrix::Zero(7, 2);
    s.projections.Wo = Matrix::Zero(2, 9);
    const Widths w = derivedWidths(s);
    EXPECT_EQ(w.dq, 8);
    EXPECT_EQ(w.d, 8);
    EXPECT_EQ(w.dv, 2);
    EXPECT_EQ(w.dout, 9);
}

TEST(TitleLimit, LikeTokens) {
    Scene s = small();
    s.title = std::string(std::size_t(limits::kMaxTitleBytes), 'x');
    EXPECT_EQ(validate(s).message, "");
    s.title += "y";
    EXPECT_EQ(validate(s).message, "title: 1025 bytes exceed the limit of 1024");
    const std::string text = sceneToJson(s);
    EXPECT_EQ(parseScene(text, "t.json").error, "t.json: title: 1025 bytes exceed the limit of 1024");
}

TEST(ResultWriter, StreamsInChunks) {
    Scene s;
    s.queries = Matrix::Random(300, 8);
    s.keys = Matrix::Random(300, 8);
    s.heads = 2;
    const AttentionResult r = computed(s);
    std::vector<std::size_t> chunks;
    std::string whole;
    const Status st = writeResult(r, {}, [&](std::string_view c) {
        chunks.push_back(c.size());
        whole.append(c);
        return true;
    });
    ASSERT_TRUE(st.ok) << st.message;
    EXPECT_GT(chunks.size(), 1u);
    for (std::size_t c : chunks) EXPECT_LT(c, json::Writer::kChunkBytes + 64 * 1024);
    EXPECT_EQ(whole, resultToJson(r));
    EXPECT_TRUE(json::parse(whole).status.ok);
}

TEST(ResultWriter, StopsWhenTheSinkFails) {
    Scene s;
    s.queries = Matrix::Random(300, 8);
    s.keys = Matrix::Random(300, 8);
    const AttentionResult r = computed(s);
    int calls = 0;
    const Status st = writeResult(r, {}, [&](std::string_view) { return ++calls < 2; });
    EXPECT_FALSE(st.ok);
    EXPECT_EQ(calls, 2);
}

TEST(ResultWriter, OmitsMembers) {
    const AttentionResult r = computed(small());
    ResultWriteOptions o;
    EXPECT_EQ(o.omit("scores, weights_mean").message, "");
    const json::ParseResult p = json::parse(resultToJson(r, o));
    ASSERT_TRUE(p.status.ok);
    EXPECT_EQ(p.value.find("weights_mean"), nullptr);
    ASSERT_NE(p.value.find("output"), nullptr);
    const json::Value& head = p.value.find("heads")->array.at(0);
    EXPECT_EQ(head.find("scores"), nullptr);
    EXPECT_NE(head.find("weights"), nullptr);
    EXPECT_NE(head.find("context"), nullptr);
    EXPECT_EQ(o.omit("scores,output,context,weights,mask").message, "");
    const json::ParseResult bare = json::parse(resultToJson(r, o));
    ASSERT_TRUE(bare.status.ok);
    EXPECT_EQ(bare.value.find("mask"), nullptr);
    EXPECT_EQ(bare.value.find("heads")->array.at(0).object.size(), 0u);
    EXPECT_NE(bare.value.find("fully_masked_rows"), nullptr);
    EXPECT_EQ(o.omit("weights,score").message,
              "unknown member 'score' (expected mask, scores, weights, context, weights_mean, output)");
}

// 3e38 * 3e38 overflows float although both inputs are finite floats.
TEST(ResultWriter, RefusesScoresThatOverflow) {
    Scene s = small();
    s.queries(0, 0) = 3e38f;
    s.keys(0, 0) = 3e38f;
    const AttentionResult r = computed(s);
    const Status finite = checkFinite(r);
    EXPECT_FALSE(finite.ok);
    EXPECT_EQ(finite.message, "heads[0].scores[0][0]: overflows the float range (the scene's numbers are too large)");
    bool called = false;
    EXPECT_FALSE(writeResult(r, {}, [&](std::string_view) { return called = true; }).ok);
    EXPECT_FALSE(called);  // nothing written, not even the start
    ResultWriteOptions o;
    ASSERT_TRUE(o.omit("scores,weights,context,weights_mean,output").ok);
    EXPECT_TRUE(checkFinite(r, o).ok);
}

TEST(AtomicFile, WritesThroughALinkToAFileNotYetThere) {
    TempDir dir;
    const fs::path target = dir.path / "sub" / "result.json";
    fs::create_directory(dir.path / "sub");
    fs::create_symlink("sub/result.json", dir.path / "link.json");  // relative, dangling
    EXPECT_EQ(writeFileAtomically((dir.path / "link.json").string(), "abc").message, "");
    EXPECT_TRUE(fs::is_symlink(dir.path / "link.json"));
    EXPECT_EQ(readText(target.string()), "abc");
    // A chain of links, the last one absolute.
    fs::create_symlink(dir.path / "link.json", dir.path / "chain.json");
    EXPECT_EQ(writeFileAtomically((dir.path / "chain.json").string(), "def").message, "");
    EXPECT_TRUE(fs::is_symlink(dir.path / "chain.json"));
    EXPECT_TRUE(fs::is_symlink(dir.path / "link.json"));
    EXPECT_EQ(readText(target.string()), "def");
}

TEST(AtomicFile, FailureLeavesNoTemporary) {
    TempDir dir;
    AtomicFile f;
    ASSERT_TRUE(f.open((dir.path / "out.json").string()).ok);
    EXPECT_TRUE(f.write("partial"));
    {
        AtomicFile g;
        ASSERT_TRUE(g.open((dir.path / "other.json").string()).ok);
    }  // destroyed without commit
    EXPECT_TRUE(f.commit().ok);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path)) names.push_back(e.path().filename());
    EXPECT_EQ(names, std::vector<std::string>{"out.json"});
}

TEST(AtomicFile, ResultFileIsCompleteOrAbsent) {
    TempDir dir;
    Scene s = small();
    s.queries(0, 0) = 3e38f;
    s.keys(0, 0) = 3e38f;
    const std::string path = (dir.path / "r.json").string();
    const Status st = writeResultFile(path, computed(s));
    EXPECT_FALSE(st.ok);
    EXPECT_TRUE(st.message.starts_with(path + ": heads[0].scores[0][0]: overflows")) << st.message;
    EXPECT_TRUE(fs::is_empty(dir.path));
    ASSERT_TRUE(writeResultFile(path, computed(small())).ok);
    EXPECT_EQ(readText(path), resultToJson(computed(small())));
}

TEST(Utf8, DecodesAndRefusesLikeUnicodeTable3_7) {
    std::size_t i = 0;
    EXPECT_EQ(utf8::decode("\xC3\xA9", i), U'\u00e9');
    EXPECT_EQ(i, 2u);
    i = 0;
    EXPECT_EQ(utf8::decode("\xE6\x88\x91", i), U'\u6211');
    i = 0;
    EXPECT_EQ(utf8::decode("\xF0\x9F\x98\x80", i), U'\U0001F600');
    for (std::string_view bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "\x80"}) {
        i = 0;
        EXPECT_EQ(utf8::decode(bad, i), utf8::kInvalid) << bad;
        EXPECT_EQ(i, 1u);
        EXPECT_EQ(utf8::sequenceLength(bad, 0), 0u);
    }
    std::string out;
    utf8::append(out, U'\U0001F600');
    EXPECT_EQ(out, "\xF0\x9F\x98\x80");
    EXPECT_EQ(utf8::withoutByteOrderMark("\xEF\xBB\xBFx"), "x");
    EXPECT_EQ(utf8::withoutByteOrderMark("x"), "x");
}

// The tokenizer's events for a small document, in order.
TEST(JsonReader, GivesEventsInOrder) {
    json::Reader r(R"({"a": [1, "x"], "b": {}})");
    using E = json::Event;
    const E expected[] = {E::ObjectBegin, E::Key,         E::ArrayBegin, E::Scalar,    E::Scalar, E::ArrayEnd,
                          E::Key,         E::ObjectBegin, E::ObjectEnd,  E::ObjectEnd, E::End,    E::End};
    for (E e : expected) EXPECT_EQ(r.next(), e);
    json::Reader bad("[1,]");
    while (bad.next() != E::Error) {}
    EXPECT_EQ(bad.errorMessage(), "expected a value");
    EXPECT_EQ(json::locate("[1,]", bad.errorOffset()).column, 4);
}

}  // namespace
