// A step's formula in the interface language. The engine stays free of Qt
// and writes its formulas in English with the numbers filled in; the Steps
// panel recognises each English sentence by the step's name, takes out its
// numbers, indices and token labels, and puts them into a whole translated
// sentence, so that translators see complete sentences with placeholders
// rather than fragments. The maths (q·k, Σ, exp, softmax, w_ij) and the
// numbers come through exactly as the engine wrote them.
#pragma once

#include "attention/explain.h"

#include <QString>

namespace ui {

// The formula of `step` in the current language. In English it equals the
// engine's text. A sentence the engine writes that is not recognised here
// (one added to the engine later) comes back unchanged rather than half
// translated.
QString localizedFormula(const ap::ExplainStep& step);

}  // namespace ui
