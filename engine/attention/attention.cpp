#include "attention/attention.h"

#include "attention/normalization.h"
#include "attention/scoring.h"

#include <omp.h>

#if defined(__AVX512F__) || defined(__AVX__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>

namespace ap {
namespace {

// L2 budget of one task's buffers: 2 MiB per core on current x86 server
// cores. Blocks of 64 to 96 rows measured best at Lk = 2048; smaller blocks
// repack K and V (Eigen packs both operands on every product) too often.
constexpr std::size_t kBlockBytes = 2u << 20;
// Multiply-adds (Lq x Lk x (d + dv), plus the row passes) below which one
// thread finishes before a second would have started.
constexpr double kParallelWork = double(1 << 20);
// Results above this size do not stay in the caches between calls.
constexpr std::size_t kStreamingBytes = 8u << 20;

// Per-thread buffers, sized for one block of rows and reused by every
// block the thread takes.
struct ThreadScratch {
    RowScratch row;
    ScoringScratch scoring;
    // Aligned, with rows padded to whole cache lines, so that vectorised
    // row sums group their terms the same way whatever the block: results
    // do not depend on the thread count or on where the buffers landed.
    using Buffer = std::vector<float, Eigen::aligned_allocator<float>>;
    Buffer scores;   // rows x Lk
    Buffer weights;  // rows x stride
    Buffer mean;     // rows x stride
    Buffer concat;   // rows x dv: the heads' contexts side by side, for Wo

    static float* sized(Buffer& v, std::size_t n) {
        if (v.size() < n) v.resize(n);
        return v.data();
    }
};

// Copies n floats to dst, or writes zeros when src is null. With `streaming`
// the stores bypass the cache: result matrices larger than the caches would
// otherwise be read from memory before being overwritten (write-allocate),
// which doubles the memory traffic of the largest scenes.
void copyOut(float* dst, const float* src, std::size_t n, bool streaming) {
#if defined(__AVX512F__) || defined(__AVX__)
    if (streaming) {
#if defined(__AVX512F__)
        constexpr std::size_t kLanes = 16;
        const auto store = [](float* d, const float* s) {
            _mm512_stream_ps(d, s ? _mm512_loadu_ps(s) : _mm512_setzero_ps());
        };
#else
        constexpr std::size_t kLanes = 8;
        const auto store = [](float* d, const float* s) {
            _mm256_stream_ps(d, s ? _mm256_loadu_ps(s) : _mm256_setzero_ps());
        };
#endif
        std::size_t i = 0;
        for (; i < n && reinterpret_cast<std::uintptr_t>(dst + i) % (kLanes * sizeof(float)) != 0; ++i)
            dst[i] = src ? src[i] : 0.0f;
        for (; i + kLanes <= n; i += kLanes) store(dst + i, src ? src + i : nullptr);
        for (; i < n; ++i) dst[i] = src ? src[i] : 0.0f;
        return;
    }
#endif
    (void)streaming;
    if (n == 0) return;
    if (src)
        std::memcpy(dst, src, n * sizeof(float));
    else
        std::memset(dst, 0, n * sizeof(float));
}

bool cancelRequested(const AttentionOptions& options) {
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

Status cancelledStatus() { return Status::cancelledByUser(); }

// out = x * w by blocks of rows, one block per task.
void project(const Matrix& x, const Matrix& w, Matrix& out, int threads) {
    out.resize(x.rows(), w.cols());
    constexpr Eigen::Index kRows = 64;
    const Eigen::Index blocks = (x.rows() + kRows - 1) / kRows;
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (Eigen::Index b = 0; b < blocks; ++b) {
        const Eigen::Index r0 = b * kRows;
        const Eigen::Index n = std::min(kRows, x.rows() - r0);
        out.middleRows(r0, n).noalias() = x.middleRows(r0, n) * w;
    }
}

// The union of the causal, key-padding and cell masks (docs/math.md),
// built one row at a time by the task that normalizes that row, so that
// building the mask needs no pass of its own.
class MaskBuilder {
public:
    explicit MaskBuilder(const Scene& scene)
        : causal_(scene.mask.causal), lq_(scene.queryCount()), lk_(scene.keyCount()) {
        padding_.assign(std::size_t(lk_), 0);
        for (int j = 0; j < lk_ && j < int(scene.mask.keyPadding.size()); ++j) {
            padding_[std::size_t(j)] = scene.mask.keyPadding[std::size_t(j)] ? 1 : 0;
            simple_ = simple_ && !padding_[std::size_t(j)];
        }
        // Cells grouped by query row (counting sort), so that a row finds
        // its own cells directly.
        const auto& cells = scene.mask.cells;
        if (cells.empty()) return;
        simple_ = false;
        cellStart_.assign(std::size_t(lq_) + 1, 0);
        for (const auto& [i, j] : cells)
            if (inRange(i, j)) ++cellStart_[std::size_t(i) + 1];
        for (int i = 0; i < lq_; ++i) cellStart_[std::size_t(i) + 1] += cellStart_[std::size_t(i)];
        cellKeys_.resize(std::size_t(cellStart_.back()));
        std::vector<int> next(cellStart_.begin(), cellStart_.end() - 1);
        for (const auto& [i, j] : cells)
            if (inRange(i, j)) cellKeys_[std::size_t(next[std::size_t(i)]++)] = j;
    }

    // Writes row i of the mask (lk bytes) and returns where its unmasked keys lie.
    RowExtent buildRow(int i, bool* row) const {
        static_assert(sizeof(bool) == 1, "mask rows are filled as bytes");
        const int end = causal_ ? std::min(i + 1, lk_) : lk_;
        std::memcpy(row, padding_.data(), std::size_t(end));
        std::memset(row + end, 1, std::size_t(lk_ - end));
        if (simple_) return {end, true};
        if (!cellStart_.empty())
            for (int c = cellStart_[std::size_t(i)]; c < cellStart_[std::size_t(i) + 1]; ++c)
                row[cellKeys_[std::size_t(c)]] = true;
        return rowExtent(row, lk_);
    }

private:
    bool inRange(int i, int j) const { return i >= 0 && i < lq_ && j >= 0 && j < lk_; }

    bool causal_;
    int lq_, lk_;
    // Without padding or cells a row's extent follows from its index alone.
    bool simple_ = true;
    std::vector<char> padding_;
    std::vector<int> cellStart_;  // Lq + 1 offsets into cellKeys_
    std::vector<int> cellKeys_;
};

// Query rows per task: enough tasks for dynamic scheduling to balance the
// causal mask's uneven rows, and a block's scores, weights and mean
// (3 x rows x Lk floats) small enough to stay in L2.
int rowBlockSize(int lq, int lk, int threads) {
    const int byBalance = lq / (4 * std::max(threads, 1));
    const int byCache = int(kBlockBytes / (3 * sizeof(float) * std::size_t(std::max(lk, 1))));
    return std::clamp(std::min(byBalance, byCache) / 8 * 8, 8, 128);
}

// Waking a second thread costs microseconds, and on a loaded machine it can
// cost a scheduler time slice; small scenes run on the calling thread.
int threadsFor(const Scene& scene, const AttentionOptions& options) {
    const int requested = options.threads > 0 ? options.threads : omp_get_max_threads();
    const Widths w = derivedWidths(scene);
    const double d = double(w.d), dv = double(w.dv);
    const double work = double(scene.queryCount()) * double(scene.keyCount()) * (d + dv + 16.0);
    return work < kParallelWork ? 1 : std::max(requested, 1);
}

}  // namespace

Status computeAttention(const Scene& scene, const AttentionOptions& options, AttentionResult& result) {
    if (Status valid = validate(scene); !valid.ok) return valid;
    if (cancelRequested(options)) return cancelledStatus();
    const int threads = threadsFor(scene, options);

    // In-projections (docs/math.md): the scene's matrices are then inputs,
    // and without `values` the values input is the keys input.
    const Projections& proj = scene.projections;
    const Matrix& valueInput = scene.values ? *scene.values : scene.keys;
    Matrix qProjected, kProjected, vProjected;
    if (proj.Wq.size() > 0) project(scene.queries, proj.Wq, qProjected, threads);
    if (proj.Wk.size() > 0) project(scene.keys, proj.Wk, kProjected, threads);
    if (proj.Wv.size() > 0) project(valueInput, proj.Wv, vProjected, threads);
    const Matrix& q = proj.Wq.size() > 0 ? qProjected : scene.queries;
    const Matrix& k = proj.Wk.size() > 0 ? kProjected : scene.keys;
    const Matrix& v = proj.Wv.size() > 0 ? vProjected : valueInput;

    const int heads = scene.heads;
    const int lq = int(q.rows());
    const int lk = int(k.rows());
    const Eigen::Index dv = v.cols();
    if (heads < 1 || q.cols() % heads != 0 || dv % heads != 0 || k.cols() != q.cols() || v.rows() != lk)
        return Status::error("heads: Q, K and V do not split into equal heads");
    const Eigen::Index dvh = dv / heads;
    const bool hasWo = proj.Wo.size() > 0;
    if (hasWo && proj.Wo.rows() != dv) return Status::error("projections.Wo: needs as many rows as V has columns");

    const MaskBuilder maskBuilder(scene);
    std::vector<RowExtent> extents(static_cast<std::size_t>(lq));
    result.mask.resize(lq, lk);

    Scorer scorer;
    scorer.prepare(scene.scoring, heads, scene.headParams, q, k, threads);

    result.heads.resize(std::size_t(heads));
    for (HeadResult& head : result.heads) {
        head.scores.resize(lq, lk);
        head.weights.resize(lq, lk);
        head.context.resize(lq, dvh);
    }
    result.weightsMean.resize(lq, lk);
    result.output.resize(lq, hasWo ? proj.Wo.cols() : dv);

    const NormalizationParams norm{scene.normalization, scene.temperature, scene.topK, scene.samples, scene.seed};
    const int rowsPerTask = rowBlockSize(lq, lk, threads);
    const int tasks = (lq + rowsPerTask - 1) / rowsPerTask;
    const int workers = std::max(1, std::min(threads, tasks));
    const float meanFactor = 1.0f / float(heads);
    // Streaming stores pay off once the results no longer fit in the caches.
    const std::size_t resultBytes = std::size_t(2 * heads + 1) * std::size_t(lq) * std::size_t(lk) * sizeof(float);
    const bool streaming = resultBytes > kStreamingBytes;
    std::vector<ThreadScratch> scratch(static_cast<std::size_t>(workers));
    std::atomic<bool> cancelled{false};

#pragma omp parallel for num_threads(workers) schedule(dynamic)
    for (int task = 0; task < tasks; ++task) {
        if (cancelled.load(std::memory_order_relaxed)) continue;
        if (cancelRequested(options)) {
            cancelled.store(true, std::memory_order_relaxed);
            continue;
        }
        // Under a causal mask the last rows cost the most; starting with them
        // leaves the cheap blocks to even out the threads at the end.
        const int r0 = (tasks - 1 - task) * rowsPerTask;
        const int rows = std::min(rowsPerTask, lq - r0);
        // Keys past every row's extent have weight 0 in the whole block: the
        // block's weights are computed and multiplied by V only up to here
        // (half the work under a causal mask).
        int keysUsed = 0;
        for (int i = r0; i < r0 + rows; ++i) {
            extents[std::size_t(i)] = maskBuilder.buildRow(i, result.mask.data() + std::ptrdiff_t(i) * lk);
            keysUsed = std::max(keysUsed, extents[std::size_t(i)].end);
        }
        const std::size_t used = std::size_t(keysUsed);
        const std::size_t unused = std::size_t(lk - keysUsed);
        const std::size_t stride = (used + 15) / 16 * 16;

        // Scores, weights and the mean are built in per-thread buffers that
        // stay in L2, then copied out once.
        ThreadScratch& ts = scratch[std::size_t(omp_get_thread_num())];
        float* scores = ThreadScratch::sized(ts.scores, std::size_t(rows) * std::size_t(lk));
        float* weights = ThreadScratch::sized(ts.weights, std::size_t(rows) * stride);
        float* mean = heads > 1 ? ThreadScratch::sized(ts.mean, std::size_t(rows) * stride) : weights;
        float* concat = hasWo ? ThreadScratch::sized(ts.concat, std::size_t(rows) * std::size_t(dv)) : nullptr;

        for (int h = 0; h < heads; ++h) {
            HeadResult& head = result.heads[std::size_t(h)];
            scorer.score(h, r0, StridedMap(scores, rows, lk, Eigen::OuterStride<>(lk)), ts.scoring);
            copyOut(head.scores.data() + std::ptrdiff_t(r0) * lk, scores, std::size_t(rows) * std::size_t(lk),
                    streaming);

            for (int r = 0; r < rows; ++r) {
                const int i = r0 + r;
                const RowExtent extent = extents[std::size_t(i)];
                float* w = weights + std::size_t(r) * stride;
                normalizeRow(norm, scores + std::ptrdiff_t(r) * lk, result.mask.data() + std::ptrdiff_t(i) * lk, w,
                             keysUsed, extent, ts.row, RowId{h, i});
                float* out = head.weights.data() + std::ptrdiff_t(i) * lk;
                copyOut(out, w, used, streaming);
                copyOut(out + used, nullptr, unused, streaming);
                if (heads == 1) continue;
                // Fold the row into the mean while it is in L1.
                Eigen::Map<Eigen::ArrayXf> meanRow(mean + std::size_t(r) * stride, keysUsed);
                const Eigen::Map<const Eigen::ArrayXf> weightRow(w, keysUsed);
                if (h == 0)
                    meanRow = weightRow;
                else
                    meanRow += weightRow;
            }

            auto context = head.context.middleRows(r0, rows);
            if (keysUsed == 0) {
                context.setZero();
            } else {
                const ConstStridedMap vh = headColumns(v, h, heads);
                const ConstStridedMap w(weights, rows, keysUsed, Eigen::OuterStride<>(Eigen::Index(stride)));
                context.noalias() = w * vh.topRows(keysUsed);
            }
            if (hasWo)
                StridedMap(concat + h * dvh, rows, dvh, Eigen::OuterStride<>(dv)) = context;
            else
                result.output.block(r0, h * dvh, rows, dvh) = context;
        }

        for (int r = 0; r < rows; ++r) {
            float* meanRow = mean + std::size_t(r) * stride;
            if (heads > 1) Eigen::Map<Eigen::ArrayXf>(meanRow, keysUsed) *= meanFactor;
            float* out = result.weightsMean.data() + std::ptrdiff_t(r0 + r) * lk;
            copyOut(out, meanRow, used, streaming);
            copyOut(out + used, nullptr, unused, streaming);
        }
        if (hasWo) result.output.middleRows(r0, rows).noalias() = Eigen::Map<const Matrix>(concat, rows, dv) * proj.Wo;
#if defined(__AVX512F__) || defined(__AVX__)
        // Streaming stores are weakly ordered: make them visible before the
        // results are read after the loop.
        if (streaming) _mm_sfence();
#endif
    }

    if (cancelled.load()) return cancelledStatus();
    result.fullyMaskedRows.clear();
    for (int i = 0; i < lq; ++i)
        if (extents[std::size_t(i)].end == 0) result.fullyMaskedRows.push_back(i);
    return Status::success();
}

}  // namespace ap
