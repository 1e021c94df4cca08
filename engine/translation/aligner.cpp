// EM for the IBM models and fast_align. Each direction's translation table
// is stored sparsely: only word pairs that meet in some sentence pair get a
// cell, and every sentence pair keeps the cell index of each of its
// (target, source) positions, so that an EM iteration is two flat passes
// without hashing.
#include "translation/aligner.h"

#include "core/utf8.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace ap {

const char* toString(AlignmentModel m) {
    switch (m) {
    case AlignmentModel::Ibm1: return "ibm1";
    case AlignmentModel::Ibm2: return "ibm2";
    case AlignmentModel::FastAlign: return "fastalign";
    }
    return "ibm2";
}

const char* toString(Symmetrization s) {
    switch (s) {
    case Symmetrization::None: return "none";
    case Symmetrization::Intersect: return "intersect";
    case Symmetrization::Union: return "union";
    case Symmetrization::GrowDiagFinalAnd: return "gdfa";
    }
    return "gdfa";
}

std::optional<AlignmentModel> alignmentModelFromString(std::string_view s) {
    for (AlignmentModel m : {AlignmentModel::Ibm1, AlignmentModel::Ibm2, AlignmentModel::FastAlign})
        if (s == toString(m)) return m;
    return std::nullopt;
}

std::optional<Symmetrization> symmetrizationFromString(std::string_view s) {
    for (Symmetrization m :
         {Symmetrization::None, Symmetrization::Intersect, Symmetrization::Union, Symmetrization::GrowDiagFinalAnd})
        if (s == toString(m)) return m;
    return std::nullopt;
}

std::string validate(const AlignerOptions& o) {
    if (o.iterations < 1 || o.iterations > 1000) return "iterations must be from 1 to 1000";
    if (o.ibm1WarmupIterations < 0 || o.ibm1WarmupIterations > 1000)
        return "IBM Model 1 warm-up iterations must be from 0 to 1000";
    if (!(o.fastAlignNullProbability >= 0.0 && o.fastAlignNullProbability < 1.0))
        return "fast_align's NULL probability must be in [0, 1)";
    if (!(o.fastAlignTension >= 0.1 && o.fastAlignTension <= 14.0))
        return "fast_align's tension must be from 0.1 to 14";
    if (!(o.probabilityFloor >= 0.0 && o.probabilityFloor < 1e-3)) return "the probability floor must be in [0, 0.001)";
    return "";
}

double TranslationTable::probability(const std::string& fromWord, const std::string& toWord) const {
    const auto toIt = to.find(toWord);
    if (toIt == to.end()) return 0.0;
    if (fromWord.empty()) return std::size_t(toIt->second) < tNull.size() ? tNull[std::size_t(toIt->second)] : 0.0;
    const auto fromIt = from.find(fromWord);
    if (fromIt == from.end()) return 0.0;
    const auto cell = t.find(std::uint64_t(fromIt->second) << 32 | std::uint32_t(toIt->second));
    return cell == t.end() ? 0.0 : cell->second;
}

double AlignerSummary::precision() const {
    return counts.predicted > 0 ? double(counts.predictedPossible) / double(counts.predicted) : 0.0;
}

double AlignerSummary::recall() const {
    return counts.sure > 0 ? double(counts.predictedSure) / double(counts.sure) : 0.0;
}

namespace {

// Bound on the (target, source) cells of all pairs together, which is what
// the aligner's memory grows with.
constexpr long long kMaxCells = 20'000'000;

// Simple (one to one) lower-case mappings of the Unicode database for the
// blocks named in the header.
char32_t lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // Latin-1, except ×
    if (c >= 0x100 && c <= 0x137) return c | 1;    // Ā ā ... Ķ ķ: capital even
    if (c == 0x130) return 'i';
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;  // Ĺ ĺ ... Ň ň: capital odd
    if (c >= 0x14A && c <= 0x177) return c | 1;
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

}  // namespace

std::string foldCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t cp = utf8::decode(text, i);
        if (cp == utf8::kInvalid) {  // not UTF-8: keep the byte
            out += text[at];
            continue;
        }
        utf8::append(out, lower(cp));
    }
    return out;
}

std::vector<AlignmentLink> symmetrize(const std::vector<AlignmentLink>& forward,
                                      const std::vector<AlignmentLink>& reverse, int sourceLength, int targetLength,
                                      Symmetrization how) {
    const int S = sourceLength, T = targetLength;
    const auto at = [T](int s, int t) { return std::size_t(s) * std::size_t(T) + std::size_t(t); };
    std::vector<char> f(std::size_t(S) * std::size_t(T), 0), r(f.size(), 0);
    for (const AlignmentLink& l : forward)
        if (l.source >= 0 && l.source < S && l.target >= 0 && l.target < T) f[at(l.source, l.target)] = 1;
    for (const AlignmentLink& l : reverse)
        if (l.source >= 0 && l.source < S && l.target >= 0 && l.target < T) r[at(l.source, l.target)] = 1;
    std::vector<char> a(f.size(), 0);
    const auto collect = [&] {
        std::vector<AlignmentLink> out;
        for (int s = 0; s < S; ++s)
            for (int t = 0; t < T; ++t)
                if (a[at(s, t)]) out.push_back({s, t, true});
        return out;
    };
    if (how == Symmetrization::None) {
        a = f;
        return collect();
    }
    for (std::size_t k = 0; k < a.size(); ++k) a[k] = how == Symmetrization::Union ? (f[k] || r[k]) : (f[k] && r[k]);
    if (how != Symmetrization::GrowDiagFinalAnd) return collect();

    // grow-diag-final-and: from the intersection, add union points next to
    // (also diagonally) an alignment point while one of their words is still
    // unaligned, until nothing changes; then, for each direction, add its
    // points whose two words are both unaligned.
    std::vector<char> sourceAligned(std::size_t(S), 0), targetAligned(std::size_t(T), 0);
    for (int s = 0; s < S; ++s)
        for (int t = 0; t < T; ++t)
            if (a[at(s, t)]) sourceAligned[std::size_t(s)] = targetAligned[std::size_t(t)] = 1;
    const auto add = [&](int s, int t) {
        a[at(s, t)] = 1;
        sourceAligned[std::size_t(s)] = targetAligned[std::size_t(t)] = 1;
    };
    static constexpr int kNeighbours[8][2] = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    for (bool grew = true; grew;) {
        grew = false;
        for (int t = 0; t < T; ++t)
            for (int s = 0; s < S; ++s) {
                if (!a[at(s, t)]) continue;
                for (const auto& n : kNeighbours) {
                    const int ns = s + n[0], nt = t + n[1];
                    if (ns < 0 || ns >= S || nt < 0 || nt >= T || a[at(ns, nt)]) continue;
                    if ((sourceAligned[std::size_t(ns)] && targetAligned[std::size_t(nt)]) ||
                        !(f[at(ns, nt)] || r[at(ns, nt)]))
                        continue;
                    add(ns, nt);
                    grew = true;
                }
            }
    }
    for (const std::vector<char>* d : {&f, &r})
        for (int t = 0; t < T; ++t)
            for (int s = 0; s < S; ++s)
                if ((*d)[at(s, t)] && !sourceAligned[std::size_t(s)] && !targetAligned[std::size_t(t)]) add(s, t);
    return collect();
}

namespace {

// One direction's data: each pair as word ids of the generating ("from")
// side and the generated ("to") side, and the translation-table cell of
// every (to position, from position).
struct Direction {
    std::vector<std::vector<int>> from, to;
    std::vector<std::vector<int>> cells;  // per pair, to-major: cells[j * |from| + i]
    std::vector<int> cellFrom;            // cell -> from id
    // IBM Model 2: where each pair's rows of a(i | j, m, n) start; pairs of
    // equal lengths share them, and the first of them is marked.
    std::vector<std::size_t> distortionOffset;
    std::vector<char> firstOfLengths;
    std::size_t distortionSize = 0;
    std::vector<std::string> fromWords, toWords;
    int fromVocabulary = 0, toVocabulary = 0;
};

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

struct DirectionResult {
    std::vector<std::vector<double>> posteriors;  // per pair, to x (from + NULL)
    TranslationTable table;
    double tension = 0.0;
    std::vector<double> logLikelihood;
    bool cancelled = false;
};

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
    if (o.model != AlignmentModel::Ibm1 && !run(AlignmentModel::Ibm1, o.ibm1WarmupIterations)) {
        r.cancelled = true;
        return r;
    }
    if (!run(o.model, o.iterations)) {
        r.cancelled = true;
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
    return r;
}

// The best from position of each to position; NULL (index m) only when it
// is strictly the most probable, ties to the lowest position.
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

bool byPosition(const AlignmentLink& a, const AlignmentLink& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
}

}  // namespace

AlignerSummary alignCorpus(const Corpus& corpus, const AlignerOptions& options, const AlignerProgress& progress) {
    const auto started = std::chrono::steady_clock::now();
    AlignerSummary s;
    if (const std::string bad = validate(options); !bad.empty()) {
        s.error = bad;
        return s;
    }
    if (corpus.pairs.empty()) {
        s.error = corpus.name + ": contains no sentence pairs";
        return s;
    }
    long long cells = 0;
    std::vector<std::vector<std::string>> source, target;
    for (const SentencePair& p : corpus.pairs) {
        if (p.source.empty() || p.target.empty()) {
            s.error = corpus.name + ":" + std::to_string(p.line) + ": a side of the pair is empty";
            return s;
        }
        cells += (long long)p.source.size() * (long long)p.target.size();
        std::vector<std::string> src = p.source, tgt = p.target;
        if (options.lowercase) {
            for (std::string& w : src) w = foldCase(w);
            for (std::string& w : tgt) w = foldCase(w);
        }
        source.push_back(std::move(src));
        target.push_back(std::move(tgt));
    }
    if (cells > kMaxCells) {
        s.error = corpus.name + ": the pairs hold " + std::to_string(cells) +
                  " source-target word pairs, over the aligner's limit of " + std::to_string(kMaxCells);
        return s;
    }
    const Direction forward = buildDirection(source, target);
    const Direction reverse = buildDirection(target, source);
    const int perDirection =
        options.iterations + (options.model != AlignmentModel::Ibm1 ? options.ibm1WarmupIterations : 0);
    int done = 0;
    DirectionResult f = train(forward, options, done, 2 * perDirection, progress);
    if (f.cancelled) {
        s.error = "cancelled";
        return s;
    }
    DirectionResult r = train(reverse, options, done, 2 * perDirection, progress);
    if (r.cancelled) {
        s.error = "cancelled";
        return s;
    }
    s.pairs.resize(corpus.pairs.size());
    for (std::size_t p = 0; p < corpus.pairs.size(); ++p) {
        const int S = int(source[p].size()), T = int(target[p].size());
        PairAlignment& a = s.pairs[p];
        const std::vector<double>& fp = f.posteriors[p];  // T x (S + 1)
        const std::vector<double>& rp = r.posteriors[p];  // S x (T + 1)
        a.forward.resize(T, S);
        a.reverse.resize(T, S);
        a.forwardNull.resize(std::size_t(T));
        a.reverseNull.resize(std::size_t(S));
        for (int t = 0; t < T; ++t) {
            for (int i = 0; i < S; ++i) a.forward(t, i) = float(fp[std::size_t(t * (S + 1) + i)]);
            a.forwardNull[std::size_t(t)] = float(fp[std::size_t(t * (S + 1) + S)]);
        }
        for (int i = 0; i < S; ++i) {
            for (int t = 0; t < T; ++t) a.reverse(t, i) = float(rp[std::size_t(i * (T + 1) + t)]);
            a.reverseNull[std::size_t(i)] = float(rp[std::size_t(i * (T + 1) + T)]);
        }
        a.soft = (a.forward + a.reverse) * 0.5f;
        const std::vector<int> fBest = viterbi(fp, S, T), rBest = viterbi(rp, T, S);
        for (int t = 0; t < T; ++t)
            if (fBest[std::size_t(t)] < S) a.forwardLinks.push_back({fBest[std::size_t(t)], t, true});
        for (int i = 0; i < S; ++i)
            if (rBest[std::size_t(i)] < T) a.reverseLinks.push_back({i, rBest[std::size_t(i)], true});
        std::sort(a.forwardLinks.begin(), a.forwardLinks.end(), byPosition);
        std::sort(a.reverseLinks.begin(), a.reverseLinks.end(), byPosition);
        a.links = symmetrize(a.forwardLinks, a.reverseLinks, S, T, options.symmetrize);
        if (corpus.pairs[p].hasGold) {
            s.counts += alignmentCounts(a.links, corpus.pairs[p].gold);
            ++s.pairsWithGold;
        }
    }
    s.forwardTable = std::move(f.table);
    s.reverseTable = std::move(r.table);
    s.forwardTension = f.tension;
    s.reverseTension = r.tension;
    s.forwardLogLikelihood = std::move(f.logLikelihood);
    s.reverseLogLikelihood = std::move(r.logLikelihood);
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    s.ok = true;
    return s;
}

}  // namespace ap
