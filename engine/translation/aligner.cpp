// The aligner's driver: options, case folding of the pairs, EM in both
// directions (alignment_em.h), the hard links and their symmetrisation
// (symmetrization.h), and the scores against gold links.
#include "translation/aligner.h"

#include "core/enum_names.h"
#include "translation/alignment_em.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ap {

using alignment_em::buildDirection;
using alignment_em::collectAlignments;
using alignment_em::Direction;
using alignment_em::DirectionResult;
using alignment_em::prepareSides;
using alignment_em::train;
using alignment_em::viterbi;

constexpr EnumName<AlignmentModel> kAlignmentModelNames[] = {
    {AlignmentModel::Ibm1, "ibm1"},
    {AlignmentModel::Ibm2, "ibm2"},
    {AlignmentModel::FastAlign, "fastalign"},
};

const char* toString(AlignmentModel m) { return nameIn(kAlignmentModelNames, m); }

std::optional<AlignmentModel> alignmentModelFromString(std::string_view s) { return valueIn(kAlignmentModelNames, s); }

Status validate(const AlignerOptions& o) {
    if (o.iterations < 1 || o.iterations > 1000) return Status::error("iterations must be from 1 to 1000");
    if (o.ibm1WarmupIterations < 0 || o.ibm1WarmupIterations > 1000)
        return Status::error("IBM Model 1 warm-up iterations must be from 0 to 1000");
    if (!(o.fastAlignNullProbability >= 0.0 && o.fastAlignNullProbability < 1.0))
        return Status::error("fast_align's NULL probability must be in [0, 1)");
    if (!(o.fastAlignTension >= 0.1 && o.fastAlignTension <= 14.0))
        return Status::error("fast_align's tension must be from 0.1 to 14");
    if (!(o.probabilityFloor >= 0.0 && o.probabilityFloor < 1e-3))
        return Status::error("the probability floor must be in [0, 0.001)");
    return Status::success();
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

bool byPosition(const AlignmentLink& a, const AlignmentLink& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
}

}  // namespace

namespace alignment_em {

Status prepareSides(const Corpus& corpus, const AlignerOptions& o, std::vector<std::vector<std::string>>& source,
                    std::vector<std::vector<std::string>>& target) {
    if (corpus.pairs.empty()) return Status::error(corpus.name + ": contains no sentence pairs");
    long long cells = 0;
    source.clear();
    target.clear();
    for (const SentencePair& p : corpus.pairs) {
        if (p.source.empty() || p.target.empty())
            return Status::error(corpus.name + ":" + std::to_string(p.line) + ": a side of the pair is empty");
        cells += (long long)p.source.size() * (long long)p.target.size();
        std::vector<std::string> src = p.source, tgt = p.target;
        if (o.lowercase) {
            for (std::string& w : src) w = foldCase(w);
            for (std::string& w : tgt) w = foldCase(w);
        }
        source.push_back(std::move(src));
        target.push_back(std::move(tgt));
    }
    if (cells > kMaxCells)
        return Status::error(corpus.name + ": the pairs hold " + std::to_string(cells) +
                             " source-target word pairs, over the aligner's limit of " + std::to_string(kMaxCells));
    return {};
}

void collectAlignments(const Corpus& corpus, const std::vector<std::vector<double>>& forwardPosteriors,
                       const std::vector<std::vector<double>>& reversePosteriors, const AlignerOptions& o,
                       AlignerSummary& s) {
    s.pairs.resize(corpus.pairs.size());
    for (std::size_t p = 0; p < corpus.pairs.size(); ++p) {
        const int S = int(corpus.pairs[p].source.size()), T = int(corpus.pairs[p].target.size());
        PairAlignment& a = s.pairs[p];
        const std::vector<double>& fp = forwardPosteriors[p];  // T x (S + 1)
        const std::vector<double>& rp = reversePosteriors[p];  // S x (T + 1)
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
        a.links = symmetrize(a.forwardLinks, a.reverseLinks, S, T, o.symmetrize);
        if (corpus.pairs[p].hasGold) {
            s.counts += alignmentCounts(a.links, corpus.pairs[p].gold);
            ++s.pairsWithGold;
        }
    }
}

}  // namespace alignment_em

AlignerSummary alignCorpus(const Corpus& corpus, const AlignerOptions& options, const AlignerProgress& progress) {
    const auto started = std::chrono::steady_clock::now();
    AlignerSummary s;
    s.status = validate(options);
    std::vector<std::vector<std::string>> source, target;
    if (s.status) s.status = prepareSides(corpus, options, source, target);
    if (!s.status) return s;
    const Direction forward = buildDirection(source, target);
    const Direction reverse = buildDirection(target, source);
    const int perDirection =
        options.iterations + (options.model != AlignmentModel::Ibm1 ? options.ibm1WarmupIterations : 0);
    int done = 0;
    DirectionResult f = train(forward, options, done, 2 * perDirection, progress);
    if (!f.status) {
        s.status = f.status;
        return s;
    }
    DirectionResult r = train(reverse, options, done, 2 * perDirection, progress);
    if (!r.status) {
        s.status = r.status;
        return s;
    }
    collectAlignments(corpus, f.posteriors, r.posteriors, options, s);
    s.forwardTable = std::move(f.table);
    s.reverseTable = std::move(r.table);
    s.forwardTension = f.tension;
    s.reverseTension = r.tension;
    s.forwardLogLikelihood = std::move(f.logLikelihood);
    s.reverseLogLikelihood = std::move(r.logLikelihood);
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s;
}

}  // namespace ap
