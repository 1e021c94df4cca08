// The scene: everything the attention computation (docs/math.md) reads.
// Pure C++ and Eigen; the JSON form lives in io/scene_reader.h and
// io/scene_writer.h, and docs/scene-file.md describes it.
#pragma once

#include "core/limits.h"
#include "core/status.h"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ap {

// Row-major so that a matrix's rows (tokens) are contiguous, as in the scene
// file, and a head's column block is a cheap strided view.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;
// true = this query may NOT attend this key (PyTorch's convention).
using MaskMatrix = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Scoring { Dot, ScaledDot, General, Additive, Cosine };
enum class Normalization { Softmax, Hard, TopK, Sparsemax, Sample };

// Names as written in scene files ("scaled_dot", "topk", ...).
const char* toString(Scoring s);
const char* toString(Normalization n);
std::optional<Scoring> scoringFromString(std::string_view s);
std::optional<Normalization> normalizationFromString(std::string_view s);
// Human-readable names for titles and menus ("scaled dot", "top-k", ...).
const char* displayName(Scoring s);
const char* displayName(Normalization n);

// Per-head scoring parameters. An empty matrix/vector means "the documented
// default" (docs/math.md): identity W for general; identity Wq, Wk and all-ones v for
// additive.
struct HeadParams {
    Matrix W;   // general: dh x dh
    Matrix Wq;  // additive: da x dh
    Matrix Wk;  // additive: da x dh
    Vector v;   // additive: da
};

// Optional in- and out-projections; an empty matrix means "absent".
struct Projections {
    Matrix Wq;  // d_in_q x d
    Matrix Wk;  // d_in_k x d
    Matrix Wv;  // d_in_v x dv
    Matrix Wo;  // dv x dout
};

struct MaskSpec {
    bool causal = false;
    std::vector<bool> keyPadding;            // empty or Lk entries
    std::vector<std::pair<int, int>> cells;  // [query, key] pairs
};

struct Scene {
    std::string title;
    std::vector<std::string> queryTokens;  // empty = q0, q1, ...
    std::vector<std::string> keyTokens;    // empty = k0, k1, ...
    Matrix queries;                        // Lq x d (or inputs Xq with projections)
    Matrix keys;                           // Lk x d (or inputs Xk)
    std::optional<Matrix> values;          // Lk x dv; absent: V = K (input)
    int heads = 1;
    Scoring scoring = Scoring::ScaledDot;
    std::vector<HeadParams> headParams;  // empty or exactly `heads` entries
    Normalization normalization = Normalization::Softmax;
    float temperature = 1.0f;
    int topK = 2;
    // Sample (stochastic hard attention): draws per row and the generator's
    // seed; see docs/sampling.md for the generator.
    int samples = 1;
    std::uint64_t seed = 0;
    MaskSpec mask;
    Projections projections;

    int queryCount() const { return int(queries.rows()); }
    int keyCount() const { return int(keys.rows()); }
    // Labels for drawing: the tokens, or q0.. / k0.. where none are given.
    std::string queryLabel(int i) const;
    std::string keyLabel(int j) const;
};

// The widths the computation works with, after the in-projections: Q is
// Lq x dq, K is Lk x d, V is Lk x dv, the output Lq x dout. A valid scene has
// dq == d. The one place these are worked out; the validator, the engine and
// the editors all ask here.
struct Widths {
    int dq = 0;    // Wq's columns, or the queries' width
    int d = 0;     // Wk's columns, or the keys' width
    int dv = 0;    // Wv's columns, or the width of values (keys when absent)
    int dout = 0;  // Wo's columns, or dv
};
Widths derivedWidths(const Matrix& queries, const Matrix& keys, const Matrix* values, const Projections& projections);
Widths derivedWidths(const Scene& scene);

// Checks every constraint of docs/math.md and docs/scene-file.md that a Scene built in
// code can break (widths, head divisibility, finite numbers, temperature,
// k, mask sizes, head_params shapes, limits). The first failure's message
// has the form "queries.matrix[2][5]: not a finite number", in the scene
// file's JSON paths.
Status validate(const Scene& scene);

// The built-in example: "Je suis étudiant" -> "I am a student", K = V, with
// vectors set by hand so that the alignment shows clearly.
Scene builtInExample();

}  // namespace ap
