// Reading a scene named on the command line and computing it, with the one
// message a bad scene gets.
#pragma once

#include "attention/attention.h"
#include "core/scene.h"

#include <QString>

namespace app {

// On failure prints the message (naming the file) and returns false.
bool loadAndCompute(const QString& path, ap::Scene& scene, ap::AttentionResult& result);

}  // namespace app
