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

void HeadStatsAccumulator::add(const Matrix& a, Eigen::Index row0, const std::vector<bool>& separatorKeys) {
    const Eigen::Index rows = a.rows(), cols = a.cols();
    if (rows == 0 || cols == 0) return;
    if (rows_ == 0) maxWeight_ = a(0, 0);
    for (Eigen::Index r = 0; r < rows; ++r) {
        const Eigen::Index i = row0 + r;
        const float* row = a.data() + r * cols;
        double e = 0, d = 0, sep = 0;
        for (Eigen::Index j = 0; j < cols; ++j) {
            const double w = row[j];
            if (w > 0) e -= w * std::log(w);
            d += w * double(std::abs(i - j));
            if (std::size_t(j) < separatorKeys.size() && separatorKeys[std::size_t(j)]) sep += w;
            maxWeight_ = std::max(maxWeight_, row[j]);
        }
        entropy_ += e;
        distance_ += d;
        separator_ += sep;
        first_ += row[0];
    }
    rows_ += rows;
}

HeadStats HeadStatsAccumulator::result() const {
    HeadStats s;
    if (rows_ == 0) return s;
    s.entropy = entropy_ / double(rows_);
    s.meanDistance = distance_ / double(rows_);
    s.firstTokenShare = first_ / double(rows_);
    s.separatorShare = separator_ / double(rows_);
    s.maxWeight = maxWeight_;
    return s;
}

HeadStats headStats(const Matrix& a, const std::vector<bool>& separatorKeys) {
    HeadStatsAccumulator acc;
    acc.add(a, 0, separatorKeys);
    return acc.result();
}

namespace {
// Rows read at once: about 4 MiB of floats per thread, whatever the slice.
constexpr std::int64_t kBlockCells = 1 << 20;
}  // namespace

Result<std::vector<HeadStats>> computeHeadStats(const import::AttentionTensor& t, const HeadStatsOptions& options) {
    using R = Result<std::vector<HeadStats>>;
    std::vector<HeadStats> heads;
    std::vector<bool> separators(std::size_t(t.keys), false);
    for (int j = 0; j < t.keys && std::size_t(j) < t.keyTokens.size(); ++j)
        separators[std::size_t(j)] = isSeparatorToken(t.keyTokens[std::size_t(j)]);
    const int n = int(t.sliceCount());
    heads.resize(std::size_t(n));
    std::vector<std::string> errors(static_cast<std::size_t>(n));
#pragma omp parallel
    {
        Matrix slice;
#pragma omp for schedule(dynamic)
        for (int index = 0; index < n; ++index) {
            if (options.cancel && options.cancel->load()) continue;
            const int layer = index / t.heads, head = index % t.heads;
            const int blockRows = int(std::clamp<std::int64_t>(kBlockCells / std::max(t.keys, 1), 1, t.queries));
            HeadStatsAccumulator acc;
            for (int row0 = 0; row0 < t.queries; row0 += blockRows) {
                const int count = std::min(blockRows, t.queries - row0);
                std::string& error = errors[std::size_t(index)];
                error = t.sliceRows(layer, head, row0, count, slice).message;
                t.releaseRows(layer, head, row0, count);
                if (!error.empty()) break;
                acc.add(slice, row0, separators);
            }
            if (!errors[std::size_t(index)].empty()) continue;
            HeadStats s = acc.result();
            s.layer = layer;
            s.head = head;
            heads[std::size_t(index)] = s;
        }
    }
    if (options.cancel && options.cancel->load()) return R::failure({});
    for (const std::string& e : errors)
        if (!e.empty()) return R::failure(e);
    return R::success(std::move(heads));
}

}  // namespace ap::analysis
