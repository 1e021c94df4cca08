// Token ids on real vocabularies (GPT-2, Llama 2, Llama 3, Qwen 3, BERT
// base uncased, and GPT-2 and BERT from their older files) against the
// reference implementation, for every string of
// tests/data/tokenizer_reference_strings.json. The fixture
// (tests/tokenizer_reference/make_references.sh) writes the folders and
// their reference.json into the build tree.
//
// Where the reference is known to differ from the Hugging Face library,
// tests/data/tokenizer_reference_overrides.json gives the library's ids and
// why; docs/tokenizers.md lists those cases.
#include "io/json.h"
#include "io/text_file.h"
#include "tokenizer/tokenizer.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

using ap::tokenizer::Tokenizer;

namespace {

std::string idList(const std::vector<std::int32_t>& ids) {
    std::ostringstream s;
    s << '[';
    for (std::size_t k = 0; k < ids.size(); ++k) s << (k ? ", " : "") << ids[k];
    s << ']';
    return s.str();
}

std::vector<std::int32_t> toIds(const ap::json::Value& v) {
    std::vector<std::int32_t> out;
    for (const auto& e : v.array) out.push_back(static_cast<std::int32_t>(e.number));
    return out;
}

ap::json::Value readJson(const std::string& path) {
    auto text = ap::readTextFile(path, std::int64_t(1) << 30);
    EXPECT_TRUE(text.ok) << path << ": " << text.error;
    auto parsed = ap::json::parse(text.value);
    EXPECT_TRUE(parsed.status.ok) << path << ": " << parsed.status.message;
    return std::move(parsed.value);
}

struct Expected {
    std::vector<std::int32_t> ids, plain;
};

// The library's ids where the reference differs, by vocabulary and string.
// The legacy folders hold the same vocabularies as their tokenizer.json ones.
std::map<std::string, Expected> overrides(std::string name) {
    std::map<std::string, Expected> out;
    const ap::json::Value all = readJson(std::string(AP_TEST_DATA_DIR) + "/tokenizer_reference_overrides.json");
    if (name.ends_with("-legacy")) name.resize(name.size() - 7);
    const ap::json::Value* list = all.find(name);
    if (!list) return out;
    for (const auto& item : list->array) {
        Expected e;
        e.ids = toIds(*item.find("ids"));
        e.plain = toIds(*item.find("ids_plain"));
        out[item.find("text")->string] = e;
    }
    return out;
}

void checkVocabulary(const std::string& name) {
    const std::string dir = std::string(AP_TOKENIZER_REFERENCE_DIR) + "/" + name;
    auto tokenizer = Tokenizer::load(dir);
    ASSERT_TRUE(tokenizer.ok) << tokenizer.error;
    const ap::json::Value ref = readJson(dir + "/reference.json");
    const auto& strings = ref.find("strings")->array;
    const auto& ids = ref.find("ids")->array;
    const auto& plain = ref.find("ids_plain")->array;
    ASSERT_EQ(strings.size(), ids.size());
    const auto fixes = overrides(name);
    int failures = 0;
    for (std::size_t k = 0; k < strings.size(); ++k) {
        const std::string& text = strings[k].string;
        Expected want{toIds(ids[k]), toIds(plain[k])};
        if (auto it = fixes.find(text); it != fixes.end()) want = it->second;
        auto with = tokenizer.value.encode(text, true);
        auto without = tokenizer.value.encode(text, false);
        ASSERT_TRUE(with.ok && without.ok) << with.error;
        if (with.value.ids != want.ids || without.value.ids != want.plain) {
            ++failures;
            const bool special = with.value.ids != want.ids;
            ADD_FAILURE() << name << ": string " << k << " " << ap::json::quote(text) << " ("
                          << (special ? "with" : "without") << " special tokens)\n  expected "
                          << idList(special ? want.ids : want.plain) << "\n  got      "
                          << idList(special ? with.value.ids : without.value.ids);
            if (failures >= 5) return;  // the first few say enough
        }
    }
    EXPECT_GE(strings.size(), 300u);
}

}  // namespace

TEST(TokenizerReference, Gpt2) { checkVocabulary("gpt2"); }
TEST(TokenizerReference, Gpt2FromVocabJsonAndMerges) { checkVocabulary("gpt2-legacy"); }
TEST(TokenizerReference, Llama2) { checkVocabulary("llama2"); }
TEST(TokenizerReference, Llama3) { checkVocabulary("llama3"); }
TEST(TokenizerReference, Qwen3) { checkVocabulary("qwen3"); }
TEST(TokenizerReference, BertBaseUncased) { checkVocabulary("bert"); }
TEST(TokenizerReference, BertFromVocabTxt) { checkVocabulary("bert-legacy"); }
