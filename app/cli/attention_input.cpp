#include "attention_input.h"

#include "command_line.h"
#include "import/attention_import.h"
#include "io/json.h"
#include "io/scene_io.h"

#include <QFile>

namespace app {

std::shared_ptr<const ap::import::AttentionTensor> loadAttention(const QString& path,
                                                                 const ap::import::ImportOptions& options) {
    const ap::import::ReadResult r = ap::import::readAttentionFile(nativePath(path), options);
    if (!r.ok) {
        printErrBytes(r.error);
        return nullptr;
    }
    return r.value;
}

std::string jsonStrings(const std::vector<std::string>& list) {
    std::string s = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) s += ", ";
        s += ap::json::quote(list[i]);
    }
    return s + "]";
}

std::string jsonMatrix(const ap::Matrix& m) {
    std::string s = "[";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        s += i ? ",\n  [" : "\n  [";
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) s += ", ";
            s += ap::formatFloat(m(i, j));
        }
        s += "]";
    }
    return s + "\n]";
}

}  // namespace app
