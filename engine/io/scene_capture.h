// Step 1 of reading a scene file (scene_reader.cpp describes the three):
// one pass of the JSON tokenizer keeps, from the text, only what a scene
// can use, in the structures below, for step 2 to judge.
#pragma once

#include "core/scene.h"
#include "core/status.h"
#include "io/json.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ap::scene_file {

inline constexpr const char* kSceneFormat = "attention-playground.scene";
inline constexpr int kVersion = 1;
// How much of a bad string value a message repeats.
inline constexpr std::size_t kEchoBytes = 40;
inline constexpr std::size_t kNone = std::size_t(-1);

using json::Event;
using json::Type;
using json::Value;

// Whole numbers in messages: "3", or "1e+20" where printing every digit
// would mislead.
std::string formatWhole(double d);

inline bool isWhole(const Value& v) { return v.isNumber() && std::trunc(v.number) == v.number; }

// A value expected to be a string, number, boolean: kept whole; a container
// in its place keeps only its type (every message about it says "must be a
// string" or the like, never what it holds).
struct Scalar {
    bool present = false;
    Value value;
};

// Why an element of a number array is refused.
enum class Bad { None, NotNumber, NotFinite };

// An array of numbers (a matrix row, or a vector).
struct Numbers {
    bool present = false;
    Type type = Type::Null;  // of the value itself
    std::size_t count = 0;
    std::size_t badIndex = kNone;
    Bad bad = Bad::None;
    std::vector<float> data;  // while count <= the storage bound
};

// An array of rows of numbers.
struct Rows {
    bool present = false;
    Type type = Type::Null;
    std::size_t rows = 0;
    std::size_t firstNonArray = kNone;
    std::size_t cols = 0;  // entries of row 0
    std::size_t firstRagged = kNone;
    std::size_t raggedCount = 0;
    std::size_t badRow = kNone, badCol = 0;
    Bad bad = Bad::None;
    bool storing = true;
    std::vector<float> data;  // row-major, while every row so far can be used
};

struct Strings {
    bool present = false;
    Type type = Type::Null;
    std::size_t count = 0;
    std::size_t firstNonString = kNone;
    std::vector<std::string> items;  // the first kMaxTokens + 1
};

struct Bools {
    bool present = false;
    Type type = Type::Null;
    std::size_t count = 0;
    std::size_t firstNonBool = kNone;
    std::vector<bool> items;  // the first kMaxTokens + 1
};

// mask.cells: the pairs up to the first entry with a problem, and that one.
struct Cells {
    enum class Problem { None, NotPair, NotWhole, Range };
    bool present = false;
    Type type = Type::Null;
    std::vector<std::pair<int, int>> pairs;
    Problem problem = Problem::None;
    std::size_t problemIndex = 0;
    std::size_t problemMember = 0;      // NotWhole: 0 or 1
    double problemI = 0, problemJ = 0;  // Range: as written
};

struct Input {
    bool present = false;
    Type type = Type::Null;
    Rows matrix;
    Strings tokens;
};

struct HeadEntry {
    bool isObject = false;
    Rows W, Wq, Wk;
    Numbers v;
};

struct Captured {
    Type rootType = Type::Null;
    Scalar format, version, title, heads;
    Input queries, keys, values;
    bool scoringPresent = false;
    Type scoringType = Type::Null;
    Scalar scoringKind;
    bool headParamsPresent = false;
    Type headParamsType = Type::Null;
    std::size_t headParamsCount = 0;
    std::vector<HeadEntry> headParams;  // the first kMaxHeads + 1
    bool normalizationPresent = false;
    Type normalizationType = Type::Null;
    Scalar normKind, temperature, k, samples, seed;
    bool maskPresent = false;
    Type maskType = Type::Null;
    Scalar causal;
    Bools keyPadding;
    Cells cells;
    bool projectionsPresent = false;
    Type projectionsType = Type::Null;
    Rows Wq, Wk, Wv, Wo;
};

// Fills `out` from the text. A text that is not JSON is refused here, with
// "line:column: what is wrong" (the caller adds the file name).
Status capture(std::string_view text, Captured& out);

}  // namespace ap::scene_file
