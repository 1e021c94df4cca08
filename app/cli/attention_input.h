// Reading an attention file for the commands that take one (inspect, heads,
// rollout, export): the message on failure, and JSON helpers.
#pragma once

#include "import/attention_import.h"
#include "import/attention_tensor.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace app {

// Reads the file; on failure prints its one message and returns null.
std::shared_ptr<const ap::import::AttentionTensor> loadAttention(const QString& path,
                                                                 const ap::import::ImportOptions& options = {});

// JSON text of a list of strings and of a matrix (shortest float text).
std::string jsonStrings(const std::vector<std::string>& list);
std::string jsonMatrix(const ap::Matrix& m);

}  // namespace app
