// WordPiece (BERT) and WordLevel, as the library's models/wordpiece and
// models/wordlevel: WordPiece takes the longest vocabulary entry from the
// left, continuing pieces carrying the "##" prefix, and a word that cannot
// be covered, or that is longer than max_input_chars_per_word, becomes the
// unknown token as a whole.
#include "tokenizer/pipeline.h"

#include "core/utf8.h"

namespace ap::tokenizer::detail {

namespace {

class WordPiece final : public Model {
public:
    WordPiece(Vocabulary vocab, WordPieceOptions options) : vocab_(std::move(vocab)), options_(std::move(options)) {}

    const Vocabulary& vocabulary() const override { return vocab_; }
    Vocabulary& vocabulary() override { return vocab_; }

    Status tokenize(std::string_view word, std::vector<std::int32_t>& ids) const override {
        std::size_t chars = 0;
        for (unsigned char b : word) chars += utf8::startsCharacter(b) ? 1 : 0;
        const std::size_t before = ids.size();
        bool bad = chars > options_.maxInputCharsPerWord;
        std::string candidate;
        for (std::size_t start = 0; !bad && start < word.size();) {
            std::size_t end = word.size();
            bool found = false;
            while (start < end) {
                candidate.clear();
                if (start > 0) candidate += options_.continuingSubwordPrefix;
                candidate.append(word.substr(start, end - start));
                if (auto id = vocab_.find(candidate)) {
                    ids.push_back(*id);
                    found = true;
                    break;
                }
                // Back off by one character.
                --end;
                while (end > start && !utf8::startsCharacter(static_cast<unsigned char>(word[end]))) --end;
            }
            if (!found) bad = true;
            start = end;
        }
        if (!bad) return Status::success();
        ids.resize(before);
        const auto unk = vocab_.find(options_.unkToken);
        if (!unk)
            return Status::error("the unknown token " + json::quote(options_.unkToken) + " is not in the vocabulary");
        ids.push_back(*unk);
        return Status::success();
    }

private:
    Vocabulary vocab_;
    WordPieceOptions options_;
};

class WordLevel final : public Model {
public:
    WordLevel(Vocabulary vocab, std::string unk) : vocab_(std::move(vocab)), unk_(std::move(unk)) {}

    const Vocabulary& vocabulary() const override { return vocab_; }
    Vocabulary& vocabulary() override { return vocab_; }

    Status tokenize(std::string_view word, std::vector<std::int32_t>& ids) const override {
        if (auto id = vocab_.find(word)) {
            ids.push_back(*id);
            return Status::success();
        }
        const auto unk = vocab_.find(unk_);
        if (!unk) return Status::error("the unknown token " + json::quote(unk_) + " is not in the vocabulary");
        ids.push_back(*unk);
        return Status::success();
    }

private:
    Vocabulary vocab_;
    std::string unk_;
};

}  // namespace

std::unique_ptr<Model> makeWordPiece(Vocabulary vocab, WordPieceOptions options) {
    return std::make_unique<WordPiece>(std::move(vocab), std::move(options));
}

std::unique_ptr<Model> makeWordLevel(Vocabulary vocab, std::string unkToken) {
    return std::make_unique<WordLevel>(std::move(vocab), std::move(unkToken));
}

}  // namespace ap::tokenizer::detail
