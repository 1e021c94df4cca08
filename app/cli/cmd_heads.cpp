// heads FILE: the per-head statistics of an attention file, as JSON. Each
// head is read a block of rows at a time, so any legal file fits in memory.
#include "analysis/head_stats.h"
#include "attention_input.h"
#include "command_line.h"
#include "command_output.h"
#include "io/json_writer.h"

namespace app {

int runHeads(const QStringList& args) {
    CommandLine cl(QStringLiteral("heads"), QStringLiteral("FILE"),
                   QStringLiteral("An attention file: .npy, .npz, .safetensors or BertViz-style JSON."));
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    const auto t = loadAttention(cl.input);
    if (!t) return kBadInput;
    const ap::Result<std::vector<ap::analysis::HeadStats>> s = ap::analysis::computeHeadStats(*t);
    if (!s.ok) {
        printErrBytes(s.error);
        return kBadInput;
    }
    CommandOutput out;
    ap::json::Writer w(out.sink());
    std::string& text = w.out();
    text += "{\"layers\": " + std::to_string(t->layers) + ", \"heads\": [";
    for (std::size_t i = 0; i < s.value.size(); ++i) {
        const ap::analysis::HeadStats& h = s.value[i];
        text += i ? ",\n  " : "\n  ";
        text += "{\"layer\": " + std::to_string(h.layer) + ", \"head\": " + std::to_string(h.head);
        const auto field = [&](const char* name, double v) {
            text += ", \"";
            text += name;
            text += "\": ";
            w.number(float(v));
        };
        field("entropy", h.entropy);
        field("mean_distance", h.meanDistance);
        field("first_token_share", h.firstTokenShare);
        field("separator_share", h.separatorShare);
        field("max_weight", h.maxWeight);
        text += '}';
        w.flushIfLarge();
    }
    text += "\n]}\n";
    w.finish();
    return out.finish();
}

}  // namespace app
