// heads FILE: the per-head statistics of an attention file, as JSON.
#include "analysis/head_stats.h"
#include "attention_input.h"
#include "command_line.h"
#include "io/scene_io.h"

namespace app {

int runHeads(const QStringList& args) {
    CommandLine cl(QStringLiteral("heads"), QStringLiteral("FILE"),
                   QStringLiteral("An attention file: .npy, .npz, .safetensors or BertViz-style JSON."));
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    const auto t = loadAttention(cl.input);
    if (!t) return kBadInput;
    const ap::analysis::HeadStatsSummary s = ap::analysis::computeHeadStats(*t);
    if (!s.ok) {
        printErr(QString::fromStdString(s.error));
        return kBadInput;
    }
    const auto num = [](double v) { return ap::formatFloat(float(v)); };
    std::string json = "{\"layers\": " + std::to_string(t->layers) + ", \"heads\": [";
    for (std::size_t i = 0; i < s.heads.size(); ++i) {
        const ap::analysis::HeadStats& h = s.heads[i];
        json += (i ? ",\n  " : "\n  ");
        json += "{\"layer\": " + std::to_string(h.layer) + ", \"head\": " + std::to_string(h.head) +
                ", \"entropy\": " + num(h.entropy) + ", \"mean_distance\": " + num(h.meanDistance) +
                ", \"first_token_share\": " + num(h.firstTokenShare) +
                ", \"separator_share\": " + num(h.separatorShare) + ", \"max_weight\": " + num(h.maxWeight) + "}";
    }
    json += "\n]}";
    return printOut(QString::fromStdString(json)) ? kOk : kWriteFailed;
}

}  // namespace app
