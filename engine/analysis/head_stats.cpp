#include "analysis/head_stats.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace ap::analysis {

bool isSeparatorToken(const std::string& tokenIn) {
    std::string t = tokenIn;
    for (const char* marker : {"\xC4\xA0", "\xE2\x96\x81", "##"}) {
        const std::size_t n = std::char_traits<char>::length(marker);
        if (t.size() > n && t.compare(0, n, marker) == 0) {
            t.erase(0, n);
            break;
        }
    }
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    if (t.empty()) return false;
    std::string lower = t;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (const char* special : {"[sep]", "[cls]", "<s>", "</s>", "<eos>", "<bos>", "<|endoftext|>"})
        if (lower == special) return true;
    static const char* wide[] = {"。", "，", "、", "！", "？", "；", "：", "…", "–", "—", "·"};
    std::size_t i = 0;
    while (i < t.size()) {
        const unsigned char c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            if (!std::ispunct(c)) return false;
            ++i;
            continue;
        }
        bool matched = false;
        for (const char* w : wide) {
            const std::size_t n = std::char_traits<char>::length(w);
            if (t.compare(i, n, w) == 0) {
                i += n;
                matched = true;
                break;
            }
        }
        if (!matched) return false;
    }
    return true;
}

HeadStats headStats(const Matrix& a, const std::vector<bool>& separatorKeys) {
    HeadStats s;
    const Eigen::Index rows = a.rows(), cols = a.cols();
    if (rows == 0 || cols == 0) return s;
    double entropy = 0, distance = 0, first = 0, separator = 0;
    float maxWeight = a(0, 0);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const float* row = a.data() + i * cols;
        double e = 0, d = 0, sep = 0;
        for (Eigen::Index j = 0; j < cols; ++j) {
            const double w = row[j];
            if (w > 0) e -= w * std::log(w);
            d += w * double(std::abs(i - j));
            if (std::size_t(j) < separatorKeys.size() && separatorKeys[std::size_t(j)]) sep += w;
            maxWeight = std::max(maxWeight, row[j]);
        }
        entropy += e;
        distance += d;
        separator += sep;
        first += row[0];
    }
    s.entropy = entropy / double(rows);
    s.meanDistance = distance / double(rows);
    s.firstTokenShare = first / double(rows);
    s.separatorShare = separator / double(rows);
    s.maxWeight = maxWeight;
    return s;
}

HeadStatsSummary computeHeadStats(const import::AttentionTensor& t, const HeadStatsOptions& options) {
    HeadStatsSummary summary;
    std::vector<bool> separators(std::size_t(t.keys), false);
    for (int j = 0; j < t.keys && std::size_t(j) < t.keyTokens.size(); ++j)
        separators[std::size_t(j)] = isSeparatorToken(t.keyTokens[std::size_t(j)]);
    const int n = int(t.sliceCount());
    summary.heads.resize(std::size_t(n));
    std::vector<std::string> errors(static_cast<std::size_t>(n));
#pragma omp parallel
    {
        Matrix slice;
#pragma omp for schedule(dynamic)
        for (int index = 0; index < n; ++index) {
            if (options.cancel && options.cancel->load()) continue;
            const int layer = index / t.heads, head = index % t.heads;
            errors[std::size_t(index)] = t.slice(layer, head, slice);
            t.releaseSlice(layer, head);
            if (!errors[std::size_t(index)].empty()) continue;
            HeadStats s = headStats(slice, separators);
            s.layer = layer;
            s.head = head;
            summary.heads[std::size_t(index)] = s;
        }
    }
    if (options.cancel && options.cancel->load()) {
        summary.heads.clear();
        return summary;
    }
    for (const std::string& e : errors)
        if (!e.empty()) {
            summary.error = e;
            summary.heads.clear();
            return summary;
        }
    summary.ok = true;
    return summary;
}

}  // namespace ap::analysis
