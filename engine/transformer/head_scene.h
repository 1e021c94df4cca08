// One real head as a playground scene: its queries (after the rotary
// embedding, where the model has one), keys and values, scaled-dot scoring,
// softmax, and the model's mask. Computing the scene gives back the head's
// attention weights.
#pragma once

#include "core/scene.h"
#include "core/status.h"
#include "transformer/forward.h"

#include <string>
#include <vector>

namespace ap::transformer {

// `result` must hold a captured head (ForwardOptions::capture). `tokens`
// label both axes (cut to the scene's label limit); `title` names the scene.
// Fails when the head is beyond the scene limits (tokens, width).
Result<Scene> headScene(const ForwardResult& result, const std::vector<std::string>& tokens, const std::string& title);

}  // namespace ap::transformer
