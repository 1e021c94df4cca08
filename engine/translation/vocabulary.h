// Token <-> id maps for the translation model. Pure C++, no Qt.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace ap {

// Ids 0, 1 and 2 are always <bos>, <eos> and <unk>; corpus tokens follow in
// order of first appearance, so the same corpus always gives the same ids
// (and, with the same seed, the same model). No <pad>: the model works on
// one sentence at a time.
class Vocabulary {
public:
    static constexpr int kBos = 0;
    static constexpr int kEos = 1;
    static constexpr int kUnk = 2;
    static constexpr const char* kBosToken = "<bos>";
    static constexpr const char* kEosToken = "<eos>";
    static constexpr const char* kUnkToken = "<unk>";

    Vocabulary();

    // Adds `token` if it is new; returns its id. The special spellings map
    // to their special ids.
    int add(const std::string& token);
    // The id of `token`, or kUnk for a token never added.
    int id(const std::string& token) const;
    bool contains(const std::string& token) const;
    const std::string& token(int id) const;  // id in [0, size())
    int size() const { return int(tokens_.size()); }

    std::vector<int> encode(const std::vector<std::string>& tokens) const;
    std::vector<std::string> decode(const std::vector<int>& ids) const;

private:
    std::vector<std::string> tokens_;
    std::unordered_map<std::string, int> ids_;
};

}  // namespace ap
