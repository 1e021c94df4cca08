// Corpora for the aligner's and the translation model's tests: written in
// the test, or one of the corpora the application ships.
#pragma once

#include "translation/corpus.h"

#include <gtest/gtest.h>

#include <string>

// The corpus in the TSV `text`; a reader's error fails the test.
inline ap::Corpus corpusOf(const std::string& text) {
    const ap::CorpusReadResult r = ap::parseCorpus(text, "test.tsv");
    EXPECT_TRUE(r.ok) << r.error;
    return r.value;
}

// resources/corpora/`file` (e.g. "fr-en.tsv").
inline ap::Corpus shippedCorpus(const std::string& file) {
    const ap::CorpusReadResult r = ap::readCorpusFile(std::string(AP_RESOURCES_DIR "/corpora/") + file);
    EXPECT_TRUE(r.ok) << r.error;
    return r.value;
}

// A sure gold link from source word s to target word t.
inline ap::AlignmentLink sureLink(int s, int t) { return {s, t, true}; }
