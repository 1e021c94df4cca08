#include "io/result_writer.h"

#include "io/atomic_file.h"
#include "io/json.h"

#include <cmath>

namespace ap {

using json::ObjectWriter;
using json::Writer;

Status ResultWriteOptions::omit(std::string_view list) {
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view name = list.substr(start, end - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name == "mask")
            mask = false;
        else if (name == "scores")
            scores = false;
        else if (name == "weights")
            weights = false;
        else if (name == "context")
            context = false;
        else if (name == "weights_mean")
            weightsMean = false;
        else if (name == "output")
            output = false;
        else
            return Status::error("unknown member '" + std::string(name) +
                                 "' (expected mask, scores, weights, context, weights_mean, output)");
        start = end + 1;
    }
    return {};
}

namespace {

std::string at(std::string path, Eigen::Index i, Eigen::Index j) {
    return path + "[" + std::to_string(i) + "][" + std::to_string(j) + "]";
}

// Fails at the first non-finite entry of `m`, naming its path.
Status checkMatrixFinite(const Matrix& m, const std::string& path) {
    if (m.size() == 0 || std::isfinite(m.cwiseAbs().maxCoeff<Eigen::PropagateNaN>())) return {};
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            if (!std::isfinite(m(i, j)))
                return Status::error(at(path, i, j) +
                                     ": overflows the float range (the scene's numbers are too large)");
    return {};
}

}  // namespace

Status checkFinite(const AttentionResult& r, const ResultWriteOptions& opt) {
    std::vector<std::pair<const Matrix*, std::string>> written;
    for (std::size_t h = 0; h < r.heads.size(); ++h) {
        const std::string head = "heads[" + std::to_string(h) + "].";
        if (opt.scores) written.emplace_back(&r.heads[h].scores, head + "scores");
        if (opt.weights) written.emplace_back(&r.heads[h].weights, head + "weights");
        if (opt.context) written.emplace_back(&r.heads[h].context, head + "context");
    }
    if (opt.weightsMean) written.emplace_back(&r.weightsMean, "weights_mean");
    if (opt.output) written.emplace_back(&r.output, "output");
    for (const auto& [m, path] : written)
        if (Status finite = checkMatrixFinite(*m, path); !finite) return finite;
    return Status::success();
}

Status writeResult(const AttentionResult& r, const ResultWriteOptions& opt, const json::Sink& sink) {
    if (Status finite = checkFinite(r, opt); !finite.ok) return finite;
    Writer w(sink);
    ObjectWriter o(w, 0);
    o.key("format").string("attention-playground.result");
    o.key("version").out() += "1";
    auto tokens = [&o](const char* name, const std::vector<std::string>& list) {
        std::string& t = o.key(name).out();
        t += '[';
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) t += ", ";
            t += json::quote(list[i]);
        }
        t += ']';
    };
    if (!opt.queryTokens.empty()) tokens("query_tokens", opt.queryTokens);
    if (!opt.keyTokens.empty()) tokens("key_tokens", opt.keyTokens);
    if (opt.mask) o.key("mask").mask(r.mask, o.valueIndent());
    std::string& heads = o.key("heads").out();
    if (r.heads.empty()) {
        heads += "[]";
    } else {
        w.out() += "[\n";
        const int headIndent = o.valueIndent() + 2;
        for (std::size_t h = 0; h < r.heads.size(); ++h) {
            w.out().append(std::size_t(headIndent), ' ');
            if (!opt.scores && !opt.weights && !opt.context) {
                w.out() += "{}";
            } else {
                ObjectWriter ho(w, headIndent);
                if (opt.scores) ho.key("scores").matrix(r.heads[h].scores, ho.valueIndent());
                if (opt.weights) ho.key("weights").matrix(r.heads[h].weights, ho.valueIndent());
                if (opt.context) ho.key("context").matrix(r.heads[h].context, ho.valueIndent());
                ho.close();
            }
            w.out() += h + 1 < r.heads.size() ? ",\n" : "\n";
        }
        w.out().append(std::size_t(o.valueIndent()), ' ');
        w.out() += ']';
    }
    if (opt.weightsMean) o.key("weights_mean").matrix(r.weightsMean, o.valueIndent());
    if (opt.output) o.key("output").matrix(r.output, o.valueIndent());
    std::string& rows = o.key("fully_masked_rows").out();
    rows += '[';
    for (std::size_t i = 0; i < r.fullyMaskedRows.size(); ++i) {
        if (i) rows += ", ";
        rows += std::to_string(r.fullyMaskedRows[i]);
    }
    rows += ']';
    o.close();
    w.out() += '\n';
    // Checked before the last chunk goes out, so that a file sink can still
    // abandon the file whole.
    if (w.sawNonFinite()) return Status::error("the result holds a number that is not finite, which JSON cannot hold");
    if (!w.finish()) return Status::error("cannot write the result");
    return Status::success();
}

std::string resultToJson(const AttentionResult& result, const ResultWriteOptions& options) {
    std::string text;
    // The string never refuses text, and a number that is not finite is
    // written as null: the text is all there is to return.
    static_cast<void>(writeResult(result, options, [&](std::string_view chunk) {
        text.append(chunk);
        return true;
    }));
    return text;
}

Status writeResultFile(const std::string& path, const AttentionResult& result, const ResultWriteOptions& options) {
    AtomicFile file;
    if (Status s = file.open(path); !s.ok) return s;
    const Status written = writeResult(result, options, [&](std::string_view chunk) { return file.write(chunk); });
    if (!written.ok) {
        // The file's own error (the errno text) says more than the writer's.
        if (!file.error().ok) return file.error();
        return Status::error(path + ": " + written.message);
    }
    return file.commit();
}

}  // namespace ap
