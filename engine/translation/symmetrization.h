// Symmetrisation of two directional word alignments over a source x target
// grid (Och & Ney 2003; Koehn, Och & Marcu 2003; grow-diag-final-and as in
// Moses).
#pragma once

#include "translation/corpus.h"

#include <optional>
#include <string_view>
#include <vector>

namespace ap {

enum class Symmetrization { None, Intersect, Union, GrowDiagFinalAnd };

// "none", "intersect", "union", "gdfa".
const char* toString(Symmetrization s);
std::optional<Symmetrization> symmetrizationFromString(std::string_view s);

// The links of `how` from the forward and reverse links (both {source,
// target}); None keeps the forward ones. The result is sorted by (source,
// target).
std::vector<AlignmentLink> symmetrize(const std::vector<AlignmentLink>& forward,
                                      const std::vector<AlignmentLink>& reverse, int sourceLength, int targetLength,
                                      Symmetrization how);

}  // namespace ap
