// Pure operations on the parts of a scene that the document's edits combine:
// rows of a matrix, token lists, mask entries, head parameters, random
// numbers and pasted text. No Qt objects and no undo here, so each rule (what
// happens to a mask cell when its key is removed, how a width change reshapes
// W) is written once and the document only decides which parts to touch.
#pragma once

#include "core/scene.h"

#include <QString>
#include <QVariant>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ui::edits {

// Which index of a mask cell [query, key] a token operation shifts.
enum class Side { Queries, Keys };

// Where row `index` ends up after the row `from` moved to index `to` (the
// moved row's index afterwards).
int movedIndex(int index, int from, int to);

// Inserts `count` rows of zeros before `row` (row == rows() appends).
void insertRows(ap::Matrix& m, int row, int count);
void removeRow(ap::Matrix& m, int row);
void moveRow(ap::Matrix& m, int from, int to);
// Keeps the top-left block; new columns are zeros.
void resizeColumns(ap::Matrix& m, int cols);
// Keeps the top-left block; new rows are zeros.
void resizeRows(ap::Matrix& m, int rows);

// The labels a token list stands for: `tokens` itself, or prefix0, prefix1,
// ... when it is empty (spec: tokens may be left out). Edits that name one
// token have to write the whole list, and must not renumber the others.
std::vector<std::string> materializedTokens(const std::vector<std::string>& tokens, int count, char prefix);
// prefix + the smallest number not already used as a label.
std::string uniqueLabel(const std::vector<std::string>& tokens, char prefix);

// Mask entries follow their tokens: padding flags move with their key, cells
// shift with their rows and are dropped with a removed row.
void insertInMask(ap::MaskSpec& mask, Side side, int row, int count);
void removeFromMask(ap::MaskSpec& mask, Side side, int row);
void moveInMask(ap::MaskSpec& mask, Side side, int from, int to);
// After the key count became `keys` (self-attention sets it to the query
// count): padding truncated or padded with false, out-of-range cells dropped.
void fitMask(ap::MaskSpec& mask, int queries, int keys);

// d and dv as the computation sees them (after in-projections).
int modelWidth(const ap::Scene& s);
int valueWidth(const ap::Scene& s);
// The largest head count <= heads that divides both d and dv (at least 1).
int fittingHeads(int heads, int d, int dv);

// Head parameters made to fit `dh` after a width change, keeping what was
// set: W keeps its top-left block and grows as the identity does; Wq and Wk
// keep their da rows and their first columns, new columns are zeros (a
// missing one of the two is first written out as the identity it stood for).
// Empty stays empty: the defaults already follow dh.
std::vector<ap::HeadParams> fitHeadParams(const std::vector<ap::HeadParams>& params, int dh);

// Parameters as the scoring reads them, with spec's defaults written out.
ap::Matrix effectiveW(const ap::HeadParams& p, int dh);
ap::Matrix effectiveWq(const ap::HeadParams& p, int dh);
ap::Matrix effectiveWk(const ap::HeadParams& p, int dh);
ap::Vector effectiveV(const ap::HeadParams& p, int dh);

// A rows × cols matrix of standard normal numbers that are the same with
// every standard library (up to the last bit of libm's log, cos and sin):
// ap::Random's normal() (engine/core/random.h) rounded to float, row by row.
ap::Matrix randomNormal(int rows, int cols, std::uint32_t seed);

// A number as typed or pasted: C-locale first ("1.5", "-2e-3"), then the
// user's locale ("1,5"); group separators are refused so that "1,5" is never
// read as 15. Only finite float values are accepted.
std::optional<float> parseNumber(QStringView text);
// What a table model's setData() receives: typed text (parseNumber) or a
// number (from code, a spin box or a test).
std::optional<float> numberFromVariant(const QVariant& value);

// A block of cells as spreadsheets copy it: rows end with \n (or \r\n),
// cells are separated by \t; a trailing line end is ignored. Empty cells
// are std::nullopt (leave the value as it is).
using Block = std::vector<std::vector<std::optional<float>>>;
// Returns false with a message naming the first cell that is not a number
// (1-based row and column within the block).
bool parseBlock(QStringView text, Block* block, QString* error);

}  // namespace ui::edits
