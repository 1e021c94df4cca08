// AttentionResult -> JSON (format attention-playground.result, version 1;
// described in docs/result-file.md). The text is produced a chunk at a time,
// so a result of gigabytes is written without ever being held whole.
#pragma once

#include "attention/attention.h"
#include "core/status.h"
#include "io/json_writer.h"

#include <string>
#include <vector>

namespace ap {

// What a result file leaves out. Omitted members are absent from the file
// (not empty), so a reader can tell "left out" from "nothing there".
struct ResultWriteOptions {
    bool mask = true;
    bool scores = true;       // every head's "scores"
    bool weights = true;      // every head's "weights"
    bool context = true;      // every head's "context"
    bool weightsMean = true;  // "weights_mean"
    bool output = true;       // "output"
    // Row and column labels, written as "query_tokens" and "key_tokens"
    // right after "version" when not empty.
    std::vector<std::string> queryTokens;
    std::vector<std::string> keyTokens;

    // Parses a comma-separated list of member names to leave out: mask,
    // scores, weights, context, weights_mean, output. Fails with a message
    // naming the first unknown name.
    Status omit(std::string_view list);
};

// Success when every number the options write is finite; otherwise names the
// first one that is not: "heads[0].scores[3][1]: overflows the float range".
// Finite inputs can still give an infinite score (3e38 * 3e38), and JSON has
// no way to write it; a result file never holds null in its place.
Status checkFinite(const AttentionResult& result, const ResultWriteOptions& options = {});

// Writes the result's text to `sink`. Runs checkFinite() first and writes
// nothing when it fails; fails without finishing when the sink fails.
Status writeResult(const AttentionResult& result, const ResultWriteOptions& options, const json::Sink& sink);

// The whole text in a string, for tests and small results.
std::string resultToJson(const AttentionResult& result, const ResultWriteOptions& options = {});

// Through an AtomicFile: the file is complete or untouched.
Status writeResultFile(const std::string& path, const AttentionResult& result, const ResultWriteOptions& options = {});

}  // namespace ap
