// One attention weight, step by step: the inputs of query i and key j in
// head h, the score by scoring kind, temperature, mask, normalization by
// kind, and the context and output rows, each step with its formula and its
// numbers. docs/explain.md lists every step; io/explain_writer.h writes
// them as text, LaTeX and JSON.
//
// The headline numbers (the raw score, the weight, the context and output
// rows) are the engine's own floats, taken from the AttentionResult, so they
// agree bit for bit with computeAttention(). Intermediate values (products,
// exponentials, norms) are recomputed in double precision from the same
// float inputs, for display; they agree with the engine to float precision.
#pragma once

#include "attention/attention.h"
#include "core/scene.h"

#include <string>
#include <vector>

namespace ap {

struct ExplainOptions {
    CellIndex cell;
    // Vector values keep at most this many entries (the first ones); rows
    // can be 4096 wide and a view shows only a few of them. The step's
    // `total` says how many there were.
    int maxEntries = 64;
    // The sample normalizer lists this many of its draws in order.
    int maxDraws = 20;
};

// Where a step takes its numbers from, for highlighting: a table of the
// scene (as the user edits it: inputs before projections) or the heatmap.
enum class ExplainTable { Queries, Keys, Values, Heatmap };

struct ExplainUse {
    ExplainTable table = ExplainTable::Queries;
    int row = -1;  // -1 = every row
    int firstColumn = 0;
    int columns = -1;  // -1 = every column from firstColumn
};

struct ExplainStep {
    std::string name;           // stable identifier, e.g. "products", "exponentials"
    std::string title;          // short English heading
    std::string formula;        // plain text (Unicode), with the numbers
    std::string latex;          // the same formula for LaTeX
    std::vector<double> value;  // one entry for a number
    bool isVector = false;
    int total = 1;  // entries before the maxEntries cap
    std::vector<ExplainUse> uses;
};

struct Explanation {
    CellIndex cell;
    float score = 0.0f;   // raw, before temperature and mask (the engine's)
    float scaled = 0.0f;  // score / T
    bool masked = false;
    float weight = 0.0f;         // the engine's
    std::vector<float> context;  // row `cell.query` of head `cell.head`'s context (the engine's)
    std::vector<float> output;   // row `cell.query` of the output (the engine's)
    std::vector<ExplainStep> steps;
};

// Explains a cell of a result that computeAttention() made from `scene`.
// Cheap: it touches row `cell.query` of the result, one query and one key
// row, and the value row of `cell.key`; nothing grows with Lq. Errors
// (indices out of range, a result of another shape) come back as a message.
Status explainCell(const Scene& scene, const AttentionResult& result, const ExplainOptions& options, Explanation& out);

// Computes the scene, then explains the cell.
Status explainScene(const Scene& scene, const ExplainOptions& options, Explanation& out,
                    const AttentionOptions& attention = {});

}  // namespace ap
