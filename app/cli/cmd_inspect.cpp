// inspect FILE: what an attention file holds, without reading its values.
#include "attention_input.h"
#include "command_line.h"

namespace app {

int runInspect(const QStringList& args) {
    CommandLine cl(QStringLiteral("inspect"), QStringLiteral("FILE"),
                   QStringLiteral("An attention file: .npy, .npz, .safetensors or BertViz-style JSON."));
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    // The values are not looked at: a deflated .npz member is inflated only
    // as far as its header.
    ap::import::ImportOptions options;
    options.npz.headerOnly = true;
    const auto t = loadAttention(cl.input, options);
    if (!t) return kBadInput;
    const QString summary = QStringLiteral("%1: %2, %3 layers x %4 heads x %5 queries x %6 keys, %7")
                                .arg(cl.input, QString::fromStdString(t->format))
                                .arg(t->layers)
                                .arg(t->heads)
                                .arg(t->queries)
                                .arg(t->keys)
                                .arg(QString::fromUtf8(ap::import::toString(t->dtype)));
    const std::string json =
        "{\"format\": \"" + t->format + "\", \"dtype\": \"" + ap::import::toString(t->dtype) +
        "\", \"layers\": " + std::to_string(t->layers) + ", \"heads\": " + std::to_string(t->heads) +
        ", \"queries\": " + std::to_string(t->queries) + ", \"keys\": " + std::to_string(t->keys) +
        ", \"query_tokens\": " + jsonStrings(t->queryTokens) + ", \"key_tokens\": " + jsonStrings(t->keyTokens) + "}";
    return printOut(summary) && printOut(QString::fromStdString(json)) ? kOk : kWriteFailed;
}

}  // namespace app
