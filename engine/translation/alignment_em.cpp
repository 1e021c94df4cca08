#include "translation/alignment_em.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace ap::alignment_em {
namespace {

struct Model {
    std::vector<double> t, tNull;
    // IBM Model 2's a(i | j, m, n) of Brown et al. (1993): for each
    // length pair (m from words, n to words) met in the corpus, n rows of
    // m + 1 entries (the m positions, then NULL) at distortionOffset[p].
    std::vector<double> distortion;
    double tension = 0.0;
};

// fast_align's feature h(i, j, m, n) = -|i/m - j/n| with 1-based positions
// (Dyer et al. 2013, equation 2).
double diagonalFeature(int i, int j, int m, int n) { return -std::abs(double(i + 1) / m - double(j + 1) / n); }

// Prior over the from positions (and NULL, returned) of to position j.
double prior(const Model& model, AlignmentModel kind, const AlignerOptions& o, std::size_t offset, int j, int m, int n,
             std::vector<double>& out) {
    out.resize(std::size_t(m));
    if (kind == AlignmentModel::Ibm1) {
        const double p = 1.0 / (m + (o.nullWord ? 1 : 0));
        std::fill(out.begin(), out.end(), p);
        return o.nullWord ? p : 0.0;
    }
    if (kind == AlignmentModel::Ibm2) {
        const double* row = model.distortion.data() + offset + std::size_t(j) * std::size_t(m + 1);
        std::copy(row, row + m, out.begin());
        return o.nullWord ? row[m] : 0.0;
    }
    const double p0 = o.nullWord ? o.fastAlignNullProbability : 0.0;
    double z = 0.0;
    for (int i = 0; i < m; ++i) z += out[std::size_t(i)] = std::exp(model.tension * diagonalFeature(i, j, m, n));
    for (double& p : out) p *= (1.0 - p0) / z;
    return p0;
}

// Expected feature under the prior alone, d log Z / d λ (Dyer et al. 2013,
// section 3.1), for to position j.
double expectedFeature(double tension, int j, int m, int n) {
    double z = 0.0, zh = 0.0;
    for (int i = 0; i < m; ++i) {
        const double h = diagonalFeature(i, j, m, n), w = std::exp(tension * h);
        z += w;
        zh += w * h;
    }
    return zh / z;
}

struct Accumulators {
    std::vector<double> t, tNull, distortion;
    double feature = 0.0;         // fast_align: Σ posterior · h over word links
    std::vector<double> notNull;  // fast_align: each to word's posterior mass off NULL
    double logLikelihood = 0.0;
    long long tokens = 0;
};

// One E-step over every pair with the model's current parameters. With
// `posteriors`, also keeps each pair's to x (from + NULL) posteriors.
void expectation(const Direction& d, const Model& model, AlignmentModel kind, const AlignerOptions& o,
                 Accumulators& acc, std::vector<std::vector<double>>* posteriors) {
    acc.t.assign(model.t.size(), 0.0);
    acc.tNull.assign(model.tNull.size(), 0.0);
    acc.distortion.assign(model.distortion.size(), 0.0);
    acc.notNull.clear();
    acc.feature = acc.logLikelihood = 0.0;
    acc.tokens = 0;
    std::vector<double> pri, w;
    if (posteriors) posteriors->resize(d.from.size());
    for (std::size_t p = 0; p < d.from.size(); ++p) {
        const int m = int(d.from[p].size()), n = int(d.to[p].size());
        const std::vector<int>& cells = d.cells[p];
        if (posteriors) (*posteriors)[p].assign(std::size_t(n) * std::size_t(m + 1), 0.0);
        w.resize(std::size_t(m));
        for (int j = 0; j < n; ++j) {
            const int toWord = d.to[p][std::size_t(j)];
            const std::size_t offset = d.distortionOffset[p];
            const double priorNull = prior(model, kind, o, offset, j, m, n, pri);
            double* counts = kind == AlignmentModel::Ibm2
                                 ? acc.distortion.data() + offset + std::size_t(j) * std::size_t(m + 1)
                                 : nullptr;
            double z = 0.0;
            for (int i = 0; i < m; ++i)
                z += w[std::size_t(i)] = pri[std::size_t(i)] * model.t[std::size_t(cells[std::size_t(j * m + i)])];
            const double wNull = o.nullWord ? priorNull * model.tNull[std::size_t(toWord)] : 0.0;
            z += wNull;
            acc.logLikelihood += std::log(z);
            ++acc.tokens;
            for (int i = 0; i < m; ++i) {
                const double post = w[std::size_t(i)] / z;
                acc.t[std::size_t(cells[std::size_t(j * m + i)])] += post;
                if (counts) counts[i] += post;
                if (kind == AlignmentModel::FastAlign) acc.feature += post * diagonalFeature(i, j, m, n);
                if (posteriors) (*posteriors)[p][std::size_t(j * (m + 1) + i)] = post;
            }
            if (kind == AlignmentModel::FastAlign) acc.notNull.push_back(1.0 - wNull / z);
            if (o.nullWord) {
                acc.tNull[std::size_t(toWord)] += wNull / z;
                if (counts) counts[m] += wNull / z;
                if (posteriors) (*posteriors)[p][std::size_t(j * (m + 1) + m)] = wNull / z;
            }
        }
    }
}

void maximization(const Direction& d, Model& model, AlignmentModel kind, const AlignerOptions& o,
                  const Accumulators& acc) {
    std::vector<double> total(std::size_t(d.fromVocabulary), 0.0);
    for (std::size_t c = 0; c < acc.t.size(); ++c) total[std::size_t(d.cellFrom[c])] += acc.t[c];
    for (std::size_t c = 0; c < acc.t.size(); ++c) {
        const double tot = total[std::size_t(d.cellFrom[c])];
        model.t[c] = std::max(tot > 0.0 ? acc.t[c] / tot : 0.0, o.probabilityFloor);
    }
    if (o.nullWord) {
        const double tot = std::accumulate(acc.tNull.begin(), acc.tNull.end(), 0.0);
        for (std::size_t k = 0; k < acc.tNull.size(); ++k)
            model.tNull[k] = std::max(tot > 0.0 ? acc.tNull[k] / tot : 0.0, o.probabilityFloor);
    }
    if (kind == AlignmentModel::Ibm2) {
        // a(i | j, m, n) = count(i, j, m, n) / Σ_i' count(i', j, m, n)
        // (Brown et al. 1993, equation 44), row by row.
        const int rowWidthNull = o.nullWord ? 1 : 0;
        for (std::size_t p = 0; p < d.from.size(); ++p) {
            if (!d.firstOfLengths[p]) continue;
            const int m = int(d.from[p].size()), n = int(d.to[p].size());
            for (int j = 0; j < n; ++j) {
                const std::size_t row = d.distortionOffset[p] + std::size_t(j) * std::size_t(m + 1);
                const double tot =
                    std::accumulate(acc.distortion.begin() + std::ptrdiff_t(row),
                                    acc.distortion.begin() + std::ptrdiff_t(row) + m + rowWidthNull, 0.0);
                for (int i = 0; i < m + rowWidthNull; ++i)
                    model.distortion[row + std::size_t(i)] =
                        std::max(tot > 0.0 ? acc.distortion[row + std::size_t(i)] / tot : 0.0, o.probabilityFloor);
            }
        }
    }
    if (kind == AlignmentModel::FastAlign && o.optimizeTension && acc.tokens > 0) {
        // fast_align's update: eight gradient steps of size 20 on the
        // difference between the empirical and the model's expected
        // feature, per target token. The model's expectation of each word
        // is weighted by its posterior mass off NULL, which makes the
        // difference the exact gradient of the expected complete-data
        // log-likelihood in λ (fast_align weights it by 1).
        const double empirical = acc.feature / double(acc.tokens);
        for (int step = 0; step < 8; ++step) {
            double expected = 0.0;
            std::size_t token = 0;
            for (std::size_t p = 0; p < d.from.size(); ++p) {
                const int m = int(d.from[p].size()), n = int(d.to[p].size());
                for (int j = 0; j < n; ++j) expected += acc.notNull[token++] * expectedFeature(model.tension, j, m, n);
            }
            expected /= double(acc.tokens);
            model.tension = std::clamp(model.tension + (empirical - expected) * 20.0, 0.1, 14.0);
        }
    }
}

}  // namespace

Direction buildDirection(const std::vector<std::vector<std::string>>& fromSide,
                         const std::vector<std::vector<std::string>>& toSide) {
    Direction d;
    std::unordered_map<std::string, int> fromIds, toIds;
    const auto id = [](std::unordered_map<std::string, int>& ids, std::vector<std::string>& words,
                       const std::string& w) {
        const auto [it, inserted] = ids.try_emplace(w, int(ids.size()));
        if (inserted) words.push_back(w);
        return it->second;
    };
    std::unordered_map<std::uint64_t, int> cellIds;
    d.from.resize(fromSide.size());
    d.to.resize(fromSide.size());
    d.cells.resize(fromSide.size());
    for (std::size_t p = 0; p < fromSide.size(); ++p) {
        for (const std::string& w : fromSide[p]) d.from[p].push_back(id(fromIds, d.fromWords, w));
        for (const std::string& w : toSide[p]) d.to[p].push_back(id(toIds, d.toWords, w));
        const std::size_t m = d.from[p].size();
        d.cells[p].resize(m * d.to[p].size());
        for (std::size_t j = 0; j < d.to[p].size(); ++j)
            for (std::size_t i = 0; i < m; ++i) {
                const std::uint64_t key = std::uint64_t(d.from[p][i]) << 32 | std::uint32_t(d.to[p][j]);
                const auto [it, inserted] = cellIds.try_emplace(key, int(d.cellFrom.size()));
                if (inserted) d.cellFrom.push_back(d.from[p][i]);
                d.cells[p][j * m + i] = it->second;
            }
    }
    d.fromVocabulary = int(fromIds.size());
    d.toVocabulary = int(toIds.size());
    std::unordered_map<std::uint64_t, std::size_t> lengths;
    for (std::size_t p = 0; p < d.from.size(); ++p) {
        const std::size_t m = d.from[p].size(), n = d.to[p].size();
        const auto [it, inserted] = lengths.try_emplace(std::uint64_t(m) << 32 | n, d.distortionSize);
        if (inserted) d.distortionSize += n * (m + 1);
        d.distortionOffset.push_back(it->second);
        d.firstOfLengths.push_back(inserted);
    }
    return d;
}

DirectionResult train(const Direction& d, const AlignerOptions& o, int& done, int total,
                      const AlignerProgress& progress) {
    DirectionResult r;
    Model model;
    // Uniform start: every table entry equal, so the first E-step spreads
    // each word evenly over the positions its prior allows.
    model.t.assign(d.cellFrom.size(), 1.0 / std::max(1, d.toVocabulary));
    model.tNull.assign(std::size_t(d.toVocabulary), 1.0 / std::max(1, d.toVocabulary));
    // IBM Model 2 starts from Model 1's uniform positions.
    model.distortion.assign(d.distortionSize, 0.0);
    for (std::size_t p = 0; p < d.from.size(); ++p) {
        const std::size_t m = d.from[p].size(), n = d.to[p].size();
        for (std::size_t k = 0; k < n * (m + 1); ++k)
            model.distortion[d.distortionOffset[p] + k] =
                (k % (m + 1) == m && !o.nullWord) ? 0.0 : 1.0 / double(m + (o.nullWord ? 1 : 0));
    }
    model.tension = o.fastAlignTension;
    Accumulators acc;
    const auto run = [&](AlignmentModel kind, int iterations) {
        for (int it = 0; it < iterations; ++it) {
            expectation(d, model, kind, o, acc, nullptr);
            r.logLikelihood.push_back(acc.tokens > 0 ? acc.logLikelihood / double(acc.tokens) : 0.0);
            maximization(d, model, kind, o, acc);
            if (progress && !progress(++done, total)) return false;
        }
        return true;
    };
    if ((o.model != AlignmentModel::Ibm1 && !run(AlignmentModel::Ibm1, o.ibm1WarmupIterations)) ||
        !run(o.model, o.iterations)) {
        r.status = Status::cancelledByUser();
        return r;
    }
    expectation(d, model, o.model, o, acc, &r.posteriors);
    for (int k = 0; k < d.fromVocabulary; ++k) r.table.from.emplace(d.fromWords[std::size_t(k)], k);
    for (int k = 0; k < d.toVocabulary; ++k) r.table.to.emplace(d.toWords[std::size_t(k)], k);
    for (std::size_t p = 0; p < d.from.size(); ++p) {
        const std::size_t m = d.from[p].size();
        for (std::size_t j = 0; j < d.to[p].size(); ++j)
            for (std::size_t i = 0; i < m; ++i)
                r.table.t[std::uint64_t(d.from[p][i]) << 32 | std::uint32_t(d.to[p][j])] =
                    model.t[std::size_t(d.cells[p][j * m + i])];
    }
    if (o.nullWord) r.table.tNull = model.tNull;
    if (o.model == AlignmentModel::FastAlign) r.tension = model.tension;
    if (o.model == AlignmentModel::Ibm2)
        for (std::size_t p = 0; p < d.from.size(); ++p) {
            if (!d.firstOfLengths[p]) continue;
            const std::size_t m = d.from[p].size(), n = d.to[p].size();
            const auto row = model.distortion.begin() + std::ptrdiff_t(d.distortionOffset[p]);
            r.distortion.emplace(std::uint64_t(m) << 32 | n,
                                 std::vector<double>(row, row + std::ptrdiff_t(n * (m + 1))));
        }
    return r;
}

std::vector<int> viterbi(const std::vector<double>& post, int m, int n) {
    std::vector<int> best(std::size_t(n), m);
    for (int j = 0; j < n; ++j) {
        int b = 0;
        for (int i = 1; i < m; ++i)
            if (post[std::size_t(j * (m + 1) + i)] > post[std::size_t(j * (m + 1) + b)]) b = i;
        best[std::size_t(j)] = post[std::size_t(j * (m + 1) + m)] > post[std::size_t(j * (m + 1) + b)] ? m : b;
    }
    return best;
}

std::vector<double> fixedPosteriors(const AlignerDirectionParameters& params, const AlignerOptions& o,
                                    const std::vector<std::string>& from, const std::vector<std::string>& to) {
    const int m = int(from.size()), n = int(to.size());
    const TranslationTable& table = params.table;
    Model model;
    model.tension = params.tension;
    AlignmentModel kind = o.model;
    if (kind == AlignmentModel::Ibm2) {
        const auto lengths = params.distortion.find(std::uint64_t(m) << 32 | std::uint32_t(n));
        // A length pair never met in training: Model 1's uniform
        // positions, the a(i | j, m, n) that Model 2 starts from.
        if (lengths == params.distortion.end())
            kind = AlignmentModel::Ibm1;
        else
            model.distortion = lengths->second;
    }
    // The value every cell starts from in train(): a generating word never
    // seen in training has learned nothing about what it generates.
    const double uniform = 1.0 / double(std::max<std::size_t>(1, table.to.size()));
    std::vector<int> fromIds(std::size_t(m), -1);
    for (int i = 0; i < m; ++i)
        if (const auto it = table.from.find(from[std::size_t(i)]); it != table.from.end())
            fromIds[std::size_t(i)] = it->second;
    std::vector<double> post(std::size_t(n) * std::size_t(m + 1), 0.0), pri, w(std::size_t(m), 0.0);
    for (int j = 0; j < n; ++j) {
        const auto toIt = table.to.find(to[std::size_t(j)]);
        const int toId = toIt == table.to.end() ? -1 : toIt->second;
        const double priorNull = prior(model, kind, o, 0, j, m, n, pri);
        double z = 0.0;
        for (int i = 0; i < m; ++i) {
            double t = o.probabilityFloor;
            if (fromIds[std::size_t(i)] < 0)
                t = uniform;
            else if (toId >= 0) {
                const auto cell = table.t.find(std::uint64_t(fromIds[std::size_t(i)]) << 32 | std::uint32_t(toId));
                if (cell != table.t.end()) t = cell->second;
            }
            z += w[std::size_t(i)] = pri[std::size_t(i)] * t;
        }
        double wNull = 0.0;
        if (o.nullWord)
            wNull = priorNull * (toId >= 0 && std::size_t(toId) < table.tNull.size() ? table.tNull[std::size_t(toId)]
                                                                                     : o.probabilityFloor);
        z += wNull;
        if (!(z > 0.0)) {
            // Only with a zero floor and nothing met: the prior alone.
            std::copy(pri.begin(), pri.end(), w.begin());
            wNull = o.nullWord ? priorNull : 0.0;
            z = std::accumulate(w.begin(), w.end(), wNull);
        }
        for (int i = 0; i < m; ++i) post[std::size_t(j * (m + 1) + i)] = w[std::size_t(i)] / z;
        post[std::size_t(j * (m + 1) + m)] = wNull / z;
    }
    return post;
}

}  // namespace ap::alignment_em
