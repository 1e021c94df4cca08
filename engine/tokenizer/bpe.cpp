// Byte-pair encoding as the library's models/bpe runs it: the word starts as
// its characters (with byte fallback or the unknown token for those missing
// from the vocabulary), then the pair of lowest merge rank is merged first,
// the leftmost on ties, through a priority queue of candidate merges.
#include "tokenizer/pipeline.h"
#include "tokenizer/unicode.h"

#include "core/utf8.h"

#include <array>
#include <cstdio>
#include <queue>

namespace ap::tokenizer::detail {

namespace {

// GPT-2's table: printable Latin-1 bytes stand for themselves, the other 68
// bytes take the characters from U+0100 on, in byte order.
struct ByteTables {
    std::array<char32_t, 256> toChar{};
    std::array<int, 324> toByte{};
    ByteTables() {
        toByte.fill(-1);
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            toChar[b] = printable ? char32_t(b) : next++;
            toByte[toChar[b]] = b;
        }
    }
};
const ByteTables& byteTables() {
    static const ByteTables tables;
    return tables;
}

std::uint64_t pairKey(std::int32_t a, std::int32_t b) {
    return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b);
}

class Bpe final : public Model {
public:
    Bpe(Vocabulary vocab, BpeOptions options) : vocab_(std::move(vocab)), options_(std::move(options)) {}

    Status addMerges(const std::vector<std::pair<std::string, std::string>>& merges) {
        merges_.reserve(merges.size() * 2);
        const std::size_t prefix = options_.continuingSubwordPrefix.size();
        std::string joined;
        for (std::size_t rank = 0; rank < merges.size(); ++rank) {
            const auto& [a, b] = merges[rank];
            const auto ida = vocab_.find(a), idb = vocab_.find(b);
            // The second part loses the continuing-subword prefix it carries.
            joined = a;
            joined.append(b, std::min(prefix, b.size()), std::string::npos);
            const auto idj = vocab_.find(joined);
            const std::string* missing = !ida ? &a : !idb ? &b : !idj ? &joined : nullptr;
            if (missing)
                return Status::error("merge " + std::to_string(rank) + " (" + json::quote(a, 40) + " " +
                                     json::quote(b, 40) + "): " + json::quote(*missing, 40) +
                                     " is not in the vocabulary");
            // A repeated pair keeps its last rank, as the library's map does.
            merges_[pairKey(*ida, *idb)] = {static_cast<std::int32_t>(rank), *idj};
        }
        return Status::success();
    }

    const Vocabulary& vocabulary() const override { return vocab_; }
    Vocabulary& vocabulary() override { return vocab_; }

    Status tokenize(std::string_view word, std::vector<std::int32_t>& ids) const override {
        if (word.empty()) return Status::success();
        if (options_.ignoreMerges)
            if (auto id = vocab_.find(word)) {
                ids.push_back(*id);
                return Status::success();
            }
        std::vector<Symbol> symbols;
        Status st = initialSymbols(word, symbols);
        if (!st) return st;
        mergeAll(symbols);
        for (const Symbol& s : symbols)
            if (s.alive) ids.push_back(s.id);
        return Status::success();
    }

private:
    struct Symbol {
        std::int32_t id;
        int prev, next;
        bool alive = true;
    };
    struct Merge {
        std::int32_t rank, newId;
    };
    struct Candidate {
        std::int32_t rank;
        int pos;
        std::int32_t newId;
        // Lowest rank first, then leftmost.
        bool operator<(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };

    const Merge* findMerge(std::int32_t a, std::int32_t b) const {
        const auto it = merges_.find(pairKey(a, b));
        return it == merges_.end() ? nullptr : &it->second;
    }

    static void add(std::vector<Symbol>& symbols, std::int32_t id) {
        const int n = static_cast<int>(symbols.size());
        symbols.push_back({id, n - 1, n + 1});
    }

    Status initialSymbols(std::string_view word, std::vector<Symbol>& symbols) const {
        std::optional<std::int32_t> unk;  // an unknown run waiting to be added
        std::string s;
        for (std::size_t i = 0; i < word.size();) {
            std::size_t len = utf8::sequenceLength(word, i);
            if (len == 0) len = 1;
            const bool first = i == 0, last = i + len >= word.size();
            s.clear();
            if (!first) s += options_.continuingSubwordPrefix;
            s.append(word.substr(i, len));
            if (last) s += options_.endOfWordSuffix;
            i += len;
            if (auto id = vocab_.find(s)) {
                if (unk) add(symbols, *unk);
                unk.reset();
                add(symbols, *id);
                continue;
            }
            if (options_.byteFallback) {
                std::vector<std::int32_t> bytes;
                for (unsigned char b : s) {
                    char code[8];
                    std::snprintf(code, sizeof code, "<0x%02X>", b);
                    if (auto id = vocab_.find(code))
                        bytes.push_back(*id);
                    else
                        break;
                }
                if (bytes.size() == s.size()) {
                    for (auto id : bytes) add(symbols, id);
                    continue;
                }
            }
            if (options_.unkToken) {
                const auto unkId = vocab_.find(*options_.unkToken);
                if (!unkId)
                    return Status::error("the unknown token " + json::quote(*options_.unkToken) +
                                         " is not in the vocabulary");
                if (unk && !options_.fuseUnk) add(symbols, *unk);
                unk = *unkId;
            }
        }
        if (unk) add(symbols, *unk);
        if (!symbols.empty()) symbols.back().next = -1;
        return Status::success();
    }

    void mergeAll(std::vector<Symbol>& symbols) const {
        std::priority_queue<Candidate> queue;
        for (std::size_t k = 0; k + 1 < symbols.size(); ++k)
            if (const Merge* m = findMerge(symbols[k].id, symbols[k + 1].id))
                queue.push({m->rank, static_cast<int>(k), m->newId});
        while (!queue.empty()) {
            const Candidate top = queue.top();
            queue.pop();
            Symbol& left = symbols[static_cast<std::size_t>(top.pos)];
            if (!left.alive || left.next < 0) continue;
            Symbol& right = symbols[static_cast<std::size_t>(left.next)];
            // A stale candidate: the pair at this place has changed since.
            const Merge* now = findMerge(left.id, right.id);
            if (!now || now->newId != top.newId) continue;
            left.id = top.newId;
            right.alive = false;
            left.next = right.next;
            if (left.next >= 0) symbols[static_cast<std::size_t>(left.next)].prev = top.pos;
            if (left.prev >= 0)
                if (const Merge* m = findMerge(symbols[static_cast<std::size_t>(left.prev)].id, left.id))
                    queue.push({m->rank, left.prev, m->newId});
            if (left.next >= 0)
                if (const Merge* m = findMerge(left.id, symbols[static_cast<std::size_t>(left.next)].id))
                    queue.push({m->rank, top.pos, m->newId});
        }
    }

    Vocabulary vocab_;
    BpeOptions options_;
    std::unordered_map<std::uint64_t, Merge> merges_;
};

}  // namespace

char32_t byteToChar(unsigned char b) { return byteTables().toChar[b]; }
int charToByte(char32_t c) { return c < 324 ? byteTables().toByte[c] : -1; }

std::optional<std::int32_t> Vocabulary::find(std::string_view token) const {
    const auto it = ids.find(token);
    if (it == ids.end()) return std::nullopt;
    return it->second;
}

void Vocabulary::set(const std::string& token, std::int32_t id) {
    if (id < 0 || id > static_cast<std::int32_t>(kMaxTokenId)) return;
    if (static_cast<std::size_t>(id) >= tokens.size()) tokens.resize(static_cast<std::size_t>(id) + 1);
    tokens[static_cast<std::size_t>(id)] = token;
    ids[token] = id;
}

Result<std::unique_ptr<Model>> makeBpe(Vocabulary vocab, const std::vector<std::pair<std::string, std::string>>& merges,
                                       BpeOptions options) {
    auto bpe = std::make_unique<Bpe>(std::move(vocab), std::move(options));
    Status st = bpe->addMerges(merges);
    if (!st) return Result<std::unique_ptr<Model>>::failure(st.message);
    return Result<std::unique_ptr<Model>>::success(std::move(bpe));
}

}  // namespace ap::tokenizer::detail
