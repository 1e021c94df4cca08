#include "translation/symmetrization.h"

#include "core/enum_names.h"

#include <cstddef>

namespace ap {

constexpr EnumName<Symmetrization> kSymmetrizationNames[] = {
    {Symmetrization::None, "none"},
    {Symmetrization::Intersect, "intersect"},
    {Symmetrization::Union, "union"},
    {Symmetrization::GrowDiagFinalAnd, "gdfa"},
};

const char* toString(Symmetrization s) { return nameIn(kSymmetrizationNames, s); }

std::optional<Symmetrization> symmetrizationFromString(std::string_view s) { return valueIn(kSymmetrizationNames, s); }

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

}  // namespace ap
