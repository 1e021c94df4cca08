// An explanation of one attention weight (attention/explain.h) as text,
// LaTeX and JSON, for the command line and the explain window.
#pragma once

#include "attention/explain.h"

#include <string>

namespace ap {

// The steps as text, one block per step.
std::string explanationToText(const Explanation& e);
// The steps as a LaTeX align* environment.
std::string explanationToLatex(const Explanation& e);
// One line of JSON: query, key, head, score, scaled, masked, weight,
// context, output and steps [{name, title, formula, value}]; a vector step
// whose entries were capped adds its "total".
std::string explanationToJson(const Explanation& e);

}  // namespace ap
