// Sub-word tokens gathered into words, and attention between words.
//
// A word is a token that does not continue the one before it, followed by
// every token that does (GPT-2's pieces without a leading "Ġ", BERT's "##"
// pieces, SentencePiece pieces without "▁"). Attention between words keeps
// each row a distribution: a word attends to another with the sum of the
// weights of its tokens' keys (the probability mass lands on any of them),
// averaged over its tokens' queries (each query row is one distribution),
// as in Clark et al. 2019, "What Does BERT Look At?", section 4.
#pragma once

#include "core/scene.h"

#include <string>
#include <vector>

namespace ap::analysis {

struct WordGroups {
    std::vector<int> wordOf;          // token index -> word index
    std::vector<int> firstToken;      // word index -> its first token
    std::vector<std::string> labels;  // each word's tokens joined
    int words() const { return int(firstToken.size()); }
};

// `continues[i]` says whether token i continues the word of token i - 1
// (ignored for token 0). `pieces` are the tokens as shown; a word's label
// joins them, dropping the continuation mark `mark` where a piece has it.
WordGroups groupWords(const std::vector<bool>& continues, const std::vector<std::string>& pieces,
                      const std::string& mark = {});

// attention: [slices, tokens, tokens] row-major (queries x keys per slice).
// Returns [slices, words, words]: sum over each word's keys, mean over its
// queries.
std::vector<float> wordAttention(const std::vector<float>& attention, int slices, int tokens, const WordGroups& groups);

}  // namespace ap::analysis
