#include "io/scene_writer.h"

#include "io/json_writer.h"

namespace ap {

namespace {

using json::ObjectWriter;
using json::Writer;

void writeInput(Writer& w, const std::vector<std::string>* tokens, const Matrix& m, int indent) {
    ObjectWriter o(w, indent);
    if (tokens && !tokens->empty()) o.key("tokens").tokens(*tokens);
    o.key("matrix").matrix(m, o.valueIndent());
    o.close();
}

void writeScoring(Writer& w, const Scene& s, int indent) {
    ObjectWriter o(w, indent);
    o.key("kind").string(toString(s.scoring));
    if (!s.headParams.empty()) {
        std::string& list = o.key("head_params").out();
        list += "[\n";
        const int entryIndent = o.valueIndent() + 2;
        for (std::size_t h = 0; h < s.headParams.size(); ++h) {
            const HeadParams& p = s.headParams[h];
            w.out().append(std::size_t(entryIndent), ' ');
            // Only what the kind reads, as the reader does.
            const bool general = s.scoring == Scoring::General;
            const bool additive = s.scoring == Scoring::Additive;
            const bool any = (general && p.W.size()) || (additive && (p.Wq.size() || p.Wk.size() || p.v.size()));
            if (!any) {
                w.out() += "{}";
            } else {
                ObjectWriter e(w, entryIndent);
                if (general && p.W.size()) e.key("W").matrix(p.W, e.valueIndent());
                if (additive && p.Wq.size()) e.key("Wq").matrix(p.Wq, e.valueIndent());
                if (additive && p.Wk.size()) e.key("Wk").matrix(p.Wk, e.valueIndent());
                if (additive && p.v.size()) e.key("v").vector(p.v);
                e.close();
            }
            w.out() += h + 1 < s.headParams.size() ? ",\n" : "\n";
        }
        w.out().append(std::size_t(o.valueIndent()), ' ');
        w.out() += ']';
    }
    o.close();
}

void writeMaskSpec(Writer& w, const MaskSpec& m, int indent) {
    ObjectWriter o(w, indent);
    o.key("causal").out() += m.causal ? "true" : "false";
    if (!m.keyPadding.empty()) {
        std::string& kp = o.key("key_padding").out();
        kp += '[';
        for (std::size_t j = 0; j < m.keyPadding.size(); ++j) {
            if (j) kp += ", ";
            kp += m.keyPadding[j] ? "true" : "false";
        }
        kp += ']';
    }
    if (!m.cells.empty()) {
        o.key("cells").out() += '[';
        for (std::size_t c = 0; c < m.cells.size(); ++c) {
            std::string& cells = w.out();
            if (c) cells += ", ";
            cells += '[' + std::to_string(m.cells[c].first) + ", " + std::to_string(m.cells[c].second) + ']';
            w.flushIfLarge();
        }
        w.out() += ']';
    }
    o.close();
}

}  // namespace

std::string formatFloat(float value) { return json::formatFloat(value); }

std::string sceneToJson(const Scene& s) {
    std::string text;
    Writer w([&](std::string_view chunk) {
        text.append(chunk);
        return true;
    });
    ObjectWriter o(w, 0);
    o.key("format").string("attention-playground.scene");
    o.key("version").out() += "1";
    if (!s.title.empty()) o.key("title").string(s.title);
    writeInput(o.key("queries"), &s.queryTokens, s.queries, o.valueIndent());
    writeInput(o.key("keys"), &s.keyTokens, s.keys, o.valueIndent());
    if (s.values) writeInput(o.key("values"), nullptr, *s.values, o.valueIndent());
    o.key("heads").out() += std::to_string(s.heads);
    writeScoring(o.key("scoring"), s, o.valueIndent());
    {
        Writer& n = o.key("normalization");
        n.out() += "{ \"kind\": ";
        n.string(toString(s.normalization));
        n.out() += ", \"temperature\": ";
        n.number(s.temperature);
        n.out() += ", \"k\": " + std::to_string(s.topK);
        // Written where they matter or were set, so older files keep their form.
        if (s.normalization == Normalization::Sample || s.samples != 1 || s.seed != 0)
            n.out() += ", \"samples\": " + std::to_string(s.samples) + ", \"seed\": " + std::to_string(s.seed);
        n.out() += " }";
    }
    writeMaskSpec(o.key("mask"), s.mask, o.valueIndent());
    const Projections& p = s.projections;
    if (p.Wq.size() || p.Wk.size() || p.Wv.size() || p.Wo.size()) {
        ObjectWriter po(o.key("projections"), o.valueIndent());
        const std::pair<const char*, const Matrix*> matrices[] = {{"Wq", &p.Wq},
                                                                  {"Wk", &p.Wk},
                                                                  {"Wv", &p.Wv},
                                                                  {"Wo", &p.Wo}};
        for (const auto& [name, m] : matrices)
            if (m->size()) po.key(name).matrix(*m, po.valueIndent());
        po.close();
    }
    o.close();
    w.out() += '\n';
    w.finish();
    return text;
}

}  // namespace ap
