#include "io/explain_writer.h"

#include "io/json_writer.h"

#include <span>

namespace ap {

std::string explanationToText(const Explanation& e) {
    std::string out;
    int n = 1;
    for (const ExplainStep& s : e.steps) out += std::to_string(n++) + ". " + s.title + "\n   " + s.formula + "\n";
    return out;
}

std::string explanationToLatex(const Explanation& e) {
    std::string out = "\\begin{align*}\n";
    for (std::size_t n = 0; n < e.steps.size(); ++n) {
        out += "&\\text{" + e.steps[n].title + ":} && " + e.steps[n].latex;
        out += n + 1 < e.steps.size() ? " \\\\\n" : "\n";
    }
    return out + "\\end{align*}\n";
}

namespace {

void writeStep(json::Writer& w, const ExplainStep& step) {
    json::InlineObjectWriter o(w);
    o.key("name").string(step.name);
    o.key("title").string(step.title);
    o.key("formula").string(step.formula);
    if (step.isVector) {
        o.key("value").numbers(std::span<const double>(step.value));
        if (step.total > int(step.value.size())) o.key("total").out() += std::to_string(step.total);
    } else {
        o.key("value").number(step.value.empty() ? 0.0 : step.value.front());
    }
    o.close();
}

}  // namespace

std::string explanationToJson(const Explanation& e) {
    return json::writeToString([&](json::Writer& w) {
        json::InlineObjectWriter o(w);
        o.key("query").out() += std::to_string(e.cell.query);
        o.key("key").out() += std::to_string(e.cell.key);
        o.key("head").out() += std::to_string(e.cell.head);
        o.key("score").number(e.score);
        o.key("scaled").number(e.scaled);
        o.key("masked").out() += e.masked ? "true" : "false";
        o.key("weight").number(e.weight);
        o.key("context").numbers(std::span<const float>(e.context));
        o.key("output").numbers(std::span<const float>(e.output));
        o.key("steps").out() += '[';
        for (std::size_t n = 0; n < e.steps.size(); ++n) {
            if (n) w.out() += ", ";
            writeStep(w, e.steps[n]);
        }
        w.out() += ']';
        o.close();
    });
}

}  // namespace ap
