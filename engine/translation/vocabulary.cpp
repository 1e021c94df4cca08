#include "translation/vocabulary.h"

namespace ap {

Vocabulary::Vocabulary() {
    add(kBosToken);
    add(kEosToken);
    add(kUnkToken);
}

int Vocabulary::add(const std::string& token) {
    const auto [it, inserted] = ids_.try_emplace(token, int(tokens_.size()));
    if (inserted) tokens_.push_back(token);
    return it->second;
}

int Vocabulary::id(const std::string& token) const {
    const auto it = ids_.find(token);
    return it == ids_.end() ? kUnk : it->second;
}

bool Vocabulary::contains(const std::string& token) const { return ids_.count(token) != 0; }

const std::string& Vocabulary::token(int id) const { return tokens_[std::size_t(id)]; }

std::vector<int> Vocabulary::encode(const std::vector<std::string>& tokens) const {
    std::vector<int> out;
    out.reserve(tokens.size());
    for (const std::string& t : tokens) out.push_back(id(t));
    return out;
}

std::vector<std::string> Vocabulary::decode(const std::vector<int>& ids) const {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (int i : ids) out.push_back(token(i));
    return out;
}

}  // namespace ap
