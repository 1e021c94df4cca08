// Whole tokenizers from the hand-made files in tests/data/tokenizers (each
// expectation worked out by hand from the file), the older file formats,
// and the messages for bad files.
#include "tokenizer/tokenizer.h"

#include "scratch_folder.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

using ap::tokenizer::Tokenizer;
using Ids = std::vector<std::int32_t>;

namespace {

const std::string kData = std::string(AP_TEST_DATA_DIR) + "/tokenizers/";

Tokenizer loadFile(const std::string& name) {
    auto t = Tokenizer::load(kData + name);
    EXPECT_TRUE(t.ok) << t.error;
    return t.value;
}

Ids ids(const Tokenizer& t, std::string_view text, bool special = false) {
    auto e = t.encode(text, special);
    EXPECT_TRUE(e.ok) << e.error;
    return e.value.ids;
}

// A fresh folder under the temporary directory with the given files, named
// after this process too: ctest runs tests in parallel processes.
std::string folder(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
    const auto dir = scratchFolder(std::filesystem::temp_directory_path() /
                                   ("ap_tokenizer_" + name + "_" + std::to_string(::getpid())));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const auto& [file, text] : files) std::ofstream(dir / file, std::ios::binary) << text;
    return dir.string();
}

std::string loadError(std::string_view json) {
    auto t = Tokenizer::fromJson(json, "bad.json");
    EXPECT_FALSE(t.ok);
    return t.error;
}

}  // namespace

TEST(Tokenizer, ByteLevelBpe) {
    const Tokenizer t = loadFile("bpe_byte_level.json");
    // "hello" merges h+e, l+l, he+ll, hell+o; " world" becomes Ġw o r l d.
    EXPECT_EQ(ids(t, "hello world"), (Ids{11, 12, 3, 6, 2, 7}));
    EXPECT_EQ(ids(t, "hello world", true), (Ids{11, 12, 3, 6, 2, 7}));  // ByteLevel adds nothing
    EXPECT_EQ(ids(t, "aaa"), (Ids{15, 14}));                            // equal ranks: the leftmost pair first
    EXPECT_EQ(ids(t, "\u00e4"), (Ids{19}));                             // bytes C3 A4 as Ã ¤, merged
    EXPECT_EQ(ids(t, "\n"), (Ids{13}));
    EXPECT_EQ(ids(t, "hello<|endoftext|>"), (Ids{11, 20}));
    EXPECT_EQ(ids(t, ""), Ids{});
    auto enc = t.encode("hello world");
    EXPECT_EQ(enc.value.tokens, (std::vector<std::string>{"hello", "\u0120w", "o", "r", "l", "d"}));
    EXPECT_EQ(t.displayToken(12), " w");
    EXPECT_EQ(t.displayToken(13), "\n");
    EXPECT_EQ(t.displayToken(19), "\u00e4");
    EXPECT_EQ(t.displayToken(17), "<0xC3>");  // half of a character
    EXPECT_EQ(t.displayToken(20), "<|endoftext|>");
    EXPECT_FALSE(t.continuesWord(12));
    EXPECT_TRUE(t.continuesWord(3));
    EXPECT_FALSE(t.continuesWord(20));
    EXPECT_TRUE(t.isSpecial(20));
    EXPECT_EQ(t.tokenId("<|endoftext|>"), 20);
    EXPECT_EQ(t.tokenId("hello"), 11);
    EXPECT_FALSE(t.tokenId("nope").has_value());
    EXPECT_EQ(t.vocabSize(), 21);
    EXPECT_EQ(t.token(11), "hello");
    EXPECT_EQ(t.token(99), "");
    EXPECT_EQ(t.token(-1), "");
}

TEST(Tokenizer, SentencePieceBpe) {
    const Tokenizer t = loadFile("bpe_sentencepiece.json");
    EXPECT_EQ(ids(t, "a b"), (Ids{6, 3, 5}));  // "▁a▁b": ▁+a merges, ▁ and b do not
    EXPECT_EQ(ids(t, "a b", true), (Ids{1, 6, 3, 5}));
    EXPECT_EQ(ids(t, "ab"), (Ids{12}));              // ▁+a first (rank 0), then ▁a+b
    EXPECT_EQ(ids(t, "\u4e2d"), (Ids{3, 7, 8, 9}));  // byte fallback: E4 B8 AD
    EXPECT_EQ(ids(t, "\u00e9\u00e9"), (Ids{3, 0}));  // no <0xC3>: unknown, fused into one
    EXPECT_EQ(ids(t, "", true), (Ids{1}));
    EXPECT_EQ(ids(t, "<s>a"), (Ids{1, 6}));  // the text after <s> is normalized on its own
    EXPECT_EQ(t.displayToken(6), " a");
    EXPECT_EQ(t.displayToken(10), "\n");
    EXPECT_EQ(t.displayToken(7), "<0xE4>");
    EXPECT_TRUE(t.continuesWord(4));
    EXPECT_FALSE(t.continuesWord(6));
    EXPECT_FALSE(t.continuesWord(1));
}

TEST(Tokenizer, WordPieceBert) {
    const Tokenizer t = loadFile("wordpiece_bert.json");
    EXPECT_EQ(ids(t, "Hello, worlds!", true), (Ids{2, 5, 11, 6, 7, 12, 3}));
    EXPECT_EQ(ids(t, "unaff"), (Ids{8, 9}));
    EXPECT_EQ(ids(t, "unaffable"), (Ids{1}));  // 9 characters, over max_input_chars_per_word
    EXPECT_EQ(ids(t, "Caf\u00e9"), (Ids{13}));
    EXPECT_EQ(ids(t, "\u4e2d\u6587"), (Ids{14, 15}));
    EXPECT_EQ(ids(t, "xyz aa"), (Ids{1, 16, 17}));
    EXPECT_EQ(ids(t, "[MASK] hello"), (Ids{4, 5}));
    EXPECT_EQ(ids(t, std::string_view("\x00"
                                      "a\xef\xbf\xbd",
                                      5)),
              (Ids{16}));  // NUL and U+FFFD dropped
    EXPECT_EQ(t.tokenId("[MASK]"), 4);
    EXPECT_TRUE(t.continuesWord(7));
    EXPECT_EQ(t.displayToken(7), "##s");
}

TEST(Tokenizer, AddedTokenOptions) {
    const Tokenizer t = loadFile("added_tokens.json");
    EXPECT_EQ(ids(t, "a <mask>"), (Ids{1, 10}));  // lstrip takes the space
    EXPECT_EQ(ids(t, "a<mask>x"), (Ids{1, 14}));  // the longest token wins
    EXPECT_EQ(ids(t, "[X]"), (Ids{11}));
    EXPECT_EQ(ids(t, "a[X]"), (Ids{0}));  // single_word: inside a word, not a token
    EXPECT_EQ(ids(t, "a [X] b"), (Ids{0, 11, 4}));
    EXPECT_EQ(ids(t, "HEY"), (Ids{12}));         // matched after the normalizer lowercases
    EXPECT_EQ(ids(t, "[R]   b"), (Ids{13, 2}));  // rstrip takes the spaces
    EXPECT_EQ(ids(t, "A"), (Ids{1}));
    EXPECT_FALSE(t.isSpecial(11));
    EXPECT_TRUE(t.isSpecial(10));
}

TEST(Tokenizer, VocabTxt) {
    const std::string dir = folder("vocab_txt", {{"vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n##s\n"},
                                                 {"tokenizer_config.json", R"({"model_max_length": 512})"}});
    auto t = Tokenizer::load(dir);
    ASSERT_TRUE(t.ok) << t.error;
    EXPECT_EQ(ids(t.value, "Hellos [MASK]", true), (Ids{2, 5, 6, 4, 3}));
    EXPECT_EQ(t.value.modelMaxLength(), 512);
    EXPECT_TRUE(t.value.isSpecial(4));
}

TEST(Tokenizer, VocabJsonAndMerges) {
    const std::string dir =
        folder("vocab_json", {{"vocab.json", R"({"h":0,"i":1,"hi":2,"\u0120":3,"\u0120hi":4,"<|endoftext|>":5})"},
                              {"merges.txt", "#version: 0.2\nh i\n\u0120 hi\n"}});
    auto t = Tokenizer::load(dir);
    ASSERT_TRUE(t.ok) << t.error;
    EXPECT_EQ(ids(t.value, "hi hi"), (Ids{2, 4}));
    EXPECT_EQ(ids(t.value, "hi<|endoftext|>"), (Ids{2, 5}));
    EXPECT_EQ(t.value.displayToken(4), " hi");
}

TEST(Tokenizer, InvalidUtf8IsRefused) {
    const Tokenizer t = loadFile("bpe_byte_level.json");
    auto e = t.encode("ab\xff");
    EXPECT_FALSE(e.ok);
    EXPECT_NE(e.error.find("byte 2"), std::string::npos) << e.error;
}

TEST(Tokenizer, BadFilesNameTheProblem) {
    auto contains = [](const std::string& message, const std::string& part) {
        EXPECT_NE(message.find(part), std::string::npos) << message;
    };
    contains(loadError("{\"model\": "), "bad.json:1:");
    contains(loadError("{}"), "bad.json: no \"model\"");
    // A syntax error is the message, even after a bad entry that came first.
    contains(loadError("{\"model\":{\"vocab\":{\"a\":-1}},\n x}"), "bad.json:2:2: expected a string key");
    contains(loadError("[1] x"), "bad.json:1:5: trailing characters");
    contains(loadError(R"({"model":{"type":"Unigram","vocab":[]}})"), "unsupported model type \"Unigram\"");
    contains(loadError(R"({"model":{"type":"BPE","vocab":{"a":0},"merges":["a b"]}})"),
             "bad.json: model: merge 0 (\"a\" \"b\"): \"b\" is not in the vocabulary");
    contains(loadError(R"({"model":{"type":"BPE","vocab":{"a":-1},"merges":[]}})"), "model.vocab");
    contains(loadError(R"({"model":{"type":"WordLevel","vocab":{"a":4000000000}}})"),
             "bad.json: model.vocab: \"a\" must have a whole id from 0 to 16777215");
    contains(loadError(R"({"model":{"type":"BPE","vocab":{"a":0},"merges":["a"]}})"), "model.merges[0]");
    contains(loadError(R"({"model":{"type":"WordLevel","vocab":{}},
        "pre_tokenizer":{"type":"Split","pattern":{"Regex":"(?<=a)b"},"behavior":"Isolated","invert":false}})"),
             "bad.json: pre_tokenizer: pattern \"(?<=a)b\": lookbehind is not supported");
    contains(loadError(R"({"model":{"type":"WordLevel","vocab":{}},
        "normalizer":{"type":"Sequence","normalizers":[{"type":"NFC"},{"type":"Precompiled"}]}})"),
             "bad.json: normalizer.normalizers[1]: unsupported normalizer type \"Precompiled\"");
    contains(loadError(R"({"model":{"type":"WordLevel","vocab":{}},
        "post_processor":{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<s>","type_id":0}}],
        "special_tokens":{}}})"),
             "\"<s>\" is not in \"special_tokens\"");
    contains(loadError(R"({"model":{"type":"WordLevel","vocab":{}},"added_tokens":[{"content":"x"}]})"),
             "bad.json: added_tokens[0]: \"id\"");

    auto missing = Tokenizer::load("/nonexistent/checkpoint");
    EXPECT_FALSE(missing.ok);
    contains(missing.error, "/nonexistent/checkpoint: no such folder");
    auto empty = Tokenizer::load(folder("empty", {}));
    contains(empty.error, "no tokenizer: expected tokenizer.json, vocab.txt, or vocab.json with merges.txt");
    auto noUnk = Tokenizer::load(folder("no_unk", {{"vocab.txt", "a\nb\n"}}));
    contains(noUnk.error, "vocab.txt: the unknown token \"[UNK]\" is not in the vocabulary");
    auto badMerges = Tokenizer::load(folder("bad_merges", {{"vocab.json", R"({"a":0})"}, {"merges.txt", "a\n"}}));
    contains(badMerges.error, "merges.txt: line 1: expected two tokens separated by one space");
    auto badConfig = Tokenizer::load(folder("bad_config", {{"vocab.txt", "[UNK]\n"}, {"tokenizer_config.json", "{"}}));
    contains(badConfig.error, "tokenizer_config.json:1:");
}
