#include "analysis/rollout.h"

#include "core/enum_names.h"
#include "core/limits.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace ap::analysis {

constexpr EnumName<HeadFusion> kHeadFusionNames[] = {
    {HeadFusion::Mean, "mean"},
    {HeadFusion::Max, "max"},
    {HeadFusion::Min, "min"},
};

const char* toString(HeadFusion f) { return nameIn(kHeadFusionNames, f); }

std::optional<HeadFusion> headFusionFromString(std::string_view s) { return valueIn(kHeadFusionNames, s); }

Status checkMatrixSize(const import::AttentionTensor& t, const std::string& what) {
    if (std::int64_t(t.queries) * t.keys <= limits::kMaxMatrixCells) return {};
    return Status::error(t.fileName + ": " + std::to_string(t.queries) + " x " + std::to_string(t.keys) +
                         " is too large for " + what + " (at most " + std::to_string(limits::kMaxMatrixCells) +
                         " cells, 8192 x 8192, are held in memory); per-head statistics (heads) and CSV export of "
                         "a head, of a mean or of a maximum work at any size");
}

Status fuseLayer(const import::AttentionTensor& t, int layer, HeadFusion fusion, Matrix& out) {
    out.resize(t.queries, t.keys);
    const int blockRows = int(std::clamp<std::int64_t>((1 << 20) / std::max(t.keys, 1), 1, std::max(t.queries, 1)));
    Matrix block;
    for (int row0 = 0; row0 < t.queries; row0 += blockRows) {
        const int count = std::min(blockRows, t.queries - row0);
        auto rows = out.middleRows(row0, count);
        for (int h = 0; h < t.heads; ++h) {
            Status s =
                h == 0 ? t.sliceRows(layer, h, row0, count, rows.data()) : t.sliceRows(layer, h, row0, count, block);
            t.releaseRows(layer, h, row0, count);
            if (!s) return s;
            if (h == 0) continue;
            switch (fusion) {
            case HeadFusion::Mean: rows += block; break;
            case HeadFusion::Max: rows = rows.cwiseMax(block); break;
            case HeadFusion::Min: rows = rows.cwiseMin(block); break;
            }
        }
    }
    if (fusion == HeadFusion::Mean) out /= float(t.heads);
    return {};
}

namespace {
void addResidualInPlace(Matrix& m, double residual) {
    m *= float(1.0 - residual);
    m.diagonal().array() += float(residual);
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const float sum = m.row(i).sum();
        if (sum != 0.0f) m.row(i) /= sum;
    }
}
}  // namespace

Matrix addResidual(const Matrix& a, double residual) {
    Matrix m = a;
    addResidualInPlace(m, residual);
    return m;
}

Matrix rolloutProduct(const std::vector<Matrix>& layers, double residual) {
    if (layers.empty()) return {};
    Matrix r = addResidual(layers.front(), residual);
    for (std::size_t l = 1; l < layers.size(); ++l) r = (addResidual(layers[l], residual) * r).eval();
    return r;
}

namespace {

// What rollout and flow both need: self-attention and a residual weight in [0, 1].
Status checkRollout(const import::AttentionTensor& t, const RolloutOptions& options) {
    if (t.queries != t.keys)
        return Status::error(t.fileName +
                             ": rollout needs self-attention (as many queries as keys), but the file has " +
                             std::to_string(t.queries) + " queries and " + std::to_string(t.keys) + " keys");
    if (!(options.residual >= 0.0 && options.residual <= 1.0))
        return Status::error("the residual weight must be from 0 to 1");
    return {};
}

// Dinic's maximum flow on a small dense-ish graph with float capacities.
class MaxFlow {
public:
    explicit MaxFlow(int n) : adjacency_(std::size_t(n)), level_(std::size_t(n)), next_(std::size_t(n)) {}
    void addEdge(int from, int to, double capacity) {
        adjacency_[std::size_t(from)].push_back(int(edges_.size()));
        edges_.push_back({to, capacity});
        adjacency_[std::size_t(to)].push_back(int(edges_.size()));
        edges_.push_back({from, 0.0});
    }
    void reset() {
        for (std::size_t e = 0; e < edges_.size(); e += 2) {
            edges_[e].capacity += edges_[e + 1].capacity;
            edges_[e + 1].capacity = 0;
        }
    }
    double run(int source, int sink) {
        double total = 0;
        while (bfs(source, sink)) {
            std::fill(next_.begin(), next_.end(), 0);
            while (double f = dfs(source, sink, std::numeric_limits<double>::infinity())) total += f;
        }
        return total;
    }

private:
    struct Edge {
        int to;
        double capacity;
    };
    static constexpr double kEpsilon = 1e-12;
    bool bfs(int source, int sink) {
        std::fill(level_.begin(), level_.end(), -1);
        std::queue<int> q;
        level_[std::size_t(source)] = 0;
        q.push(source);
        while (!q.empty()) {
            const int v = q.front();
            q.pop();
            for (int e : adjacency_[std::size_t(v)])
                if (edges_[std::size_t(e)].capacity > kEpsilon && level_[std::size_t(edges_[std::size_t(e)].to)] < 0) {
                    level_[std::size_t(edges_[std::size_t(e)].to)] = level_[std::size_t(v)] + 1;
                    q.push(edges_[std::size_t(e)].to);
                }
        }
        return level_[std::size_t(sink)] >= 0;
    }
    double dfs(int v, int sink, double pushed) {
        if (v == sink) return pushed;
        auto& adj = adjacency_[std::size_t(v)];
        for (int& i = next_[std::size_t(v)]; i < int(adj.size()); ++i) {
            Edge& e = edges_[std::size_t(adj[std::size_t(i)])];
            if (e.capacity <= kEpsilon || level_[std::size_t(e.to)] != level_[std::size_t(v)] + 1) continue;
            const double f = dfs(e.to, sink, std::min(pushed, e.capacity));
            if (f > 0) {
                e.capacity -= f;
                edges_[std::size_t(adj[std::size_t(i)] ^ 1)].capacity += f;
                return f;
            }
        }
        return 0;
    }
    std::vector<std::vector<int>> adjacency_;
    std::vector<Edge> edges_;
    std::vector<int> level_, next_;
};

}  // namespace

Matrix flowFromLayers(const std::vector<Matrix>& layers, double residual) {
    if (layers.empty()) return {};
    const int n = int(layers.front().rows());
    const int L = int(layers.size());
    // Node (l, i) = l * n + i; l = 0 are the inputs, l = L the top outputs.
    // Token i of layer l draws on token j of layer l - 1 with capacity Â_l[i][j].
    MaxFlow graph((L + 1) * n);
    for (int l = 1; l <= L; ++l) {
        const Matrix a = addResidual(layers[std::size_t(l - 1)], residual);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (a(i, j) > 0) graph.addEdge(l * n + i, (l - 1) * n + j, double(a(i, j)));
    }
    Matrix flow(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            graph.reset();
            flow(i, j) = float(graph.run(L * n + i, j));
        }
    return flow;
}

namespace {

// Every layer fused; fails with an empty message when cancelled.
Status fusedLayers(const import::AttentionTensor& t, const RolloutOptions& options, std::vector<Matrix>& layers) {
    if (Status s = checkRollout(t, options); !s) return s;
    layers.resize(std::size_t(t.layers));
    for (int l = 0; l < t.layers; ++l) {
        if (options.cancel && options.cancel->load()) return Status::error({});
        if (Status s = fuseLayer(t, l, options.fusion, layers[std::size_t(l)]); !s) return s;
    }
    return {};
}

}  // namespace

Result<Matrix> attentionRollout(const import::AttentionTensor& t, const RolloutOptions& options) {
    using R = Result<Matrix>;
    if (Status s = checkRollout(t, options); !s) return R::failure(s.message);
    if (options.lastLayer < -1 || options.lastLayer >= t.layers)
        return R::failure(t.fileName + ": no layer " + std::to_string(options.lastLayer) + " (the file has " +
                          std::to_string(t.layers) + ")");
    if (Status s = checkMatrixSize(t, "rollout"); !s) return R::failure(s.message);
    // One layer at a time, in place: memory holds the product, the fused
    // layer and the product's result, never every layer.
    const int last = options.lastLayer < 0 ? t.layers - 1 : options.lastLayer;
    Matrix product, fused, next;
    for (int l = 0; l <= last; ++l) {
        if (options.cancel && options.cancel->load()) return R::failure({});
        if (Status s = fuseLayer(t, l, options.fusion, fused); !s) return R::failure(s.message);
        addResidualInPlace(fused, options.residual);
        if (l == 0) {
            product.swap(fused);
        } else {
            next.resize(t.queries, t.keys);
            next.noalias() = fused * product;
            product.swap(next);
        }
    }
    return R::success(std::move(product));
}

Result<Matrix> attentionFlow(const import::AttentionTensor& t, const RolloutOptions& options) {
    using R = Result<Matrix>;
    if (t.queries > limits::flow::kMaxTokens || t.layers > limits::flow::kMaxLayers)
        return R::failure(t.fileName + ": attention flow is limited to " + std::to_string(limits::flow::kMaxTokens) +
                          " tokens and " + std::to_string(limits::flow::kMaxLayers) + " layers (the file has " +
                          std::to_string(t.queries) + " tokens and " + std::to_string(t.layers) +
                          " layers); use rollout instead");
    std::vector<Matrix> layers;
    if (Status s = fusedLayers(t, options, layers); !s) return R::failure(s.message);
    return R::success(flowFromLayers(layers, options.residual));
}

}  // namespace ap::analysis
