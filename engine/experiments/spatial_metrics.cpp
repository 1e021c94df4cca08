// What the spatial experiment measures of a learned transform: the overlap
// of its sampling region with the digit's box, its rotation, and the
// correlation of that rotation with the applied one.
#include "experiments/spatial_experiment.h"

#include <cmath>
#include <numbers>

namespace ap {
namespace {

struct Vertex {
    double x, y;
};

double area(const std::vector<Vertex>& polygon) {
    double twice = 0.0;
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const Vertex& a = polygon[i];
        const Vertex& b = polygon[(i + 1) % polygon.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return std::abs(twice) / 2.0;
}

// Sutherland-Hodgman: the part of a convex polygon on the side of the line
// where inside(v) holds; `cross` gives where an edge crosses the line.
template <typename Inside, typename Cross>
std::vector<Vertex> clip(const std::vector<Vertex>& polygon, Inside inside, Cross cross) {
    std::vector<Vertex> out;
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const Vertex& a = polygon[i];
        const Vertex& b = polygon[(i + 1) % polygon.size()];
        const bool ina = inside(a), inb = inside(b);
        if (ina) out.push_back(a);
        if (ina != inb) out.push_back(cross(a, b));
    }
    return out;
}

std::vector<Vertex> clipX(const std::vector<Vertex>& p, double x, bool keepAbove) {
    return clip(
        p, [&](const Vertex& v) { return keepAbove ? v.x >= x : v.x <= x; },
        [&](const Vertex& a, const Vertex& b) {
            const double t = (x - a.x) / (b.x - a.x);
            return Vertex{x, a.y + t * (b.y - a.y)};
        });
}

std::vector<Vertex> clipY(const std::vector<Vertex>& p, double y, bool keepAbove) {
    return clip(
        p, [&](const Vertex& v) { return keepAbove ? v.y >= y : v.y <= y; },
        [&](const Vertex& a, const Vertex& b) {
            const double t = (y - a.y) / (b.y - a.y);
            return Vertex{a.x + t * (b.x - a.x), y};
        });
}

}  // namespace

double samplingBoxIou(const double* t, const std::array<float, 4>& box, int canvas) {
    // Normalised -1 and 1 are the input's outer pixel edges 0 and canvas
    // (align_corners=False), so edge = (x + 1) canvas / 2.
    std::vector<Vertex> region;
    for (const Vertex& corner : {Vertex{-1, -1}, Vertex{1, -1}, Vertex{1, 1}, Vertex{-1, 1}})
        region.push_back({(t[0] * corner.x + t[1] * corner.y + t[2] + 1.0) * canvas / 2.0,
                          (t[3] * corner.x + t[4] * corner.y + t[5] + 1.0) * canvas / 2.0});
    const double regionArea = area(region);
    const double boxArea = double(box[2] - box[0]) * double(box[3] - box[1]);
    std::vector<Vertex> inter = clipX(region, box[0], true);
    if (!inter.empty()) inter = clipX(inter, box[2], false);
    if (!inter.empty()) inter = clipY(inter, box[1], true);
    if (!inter.empty()) inter = clipY(inter, box[3], false);
    const double overlap = inter.size() >= 3 ? area(inter) : 0.0;
    const double unionArea = regionArea + boxArea - overlap;
    return unionArea > 0.0 ? overlap / unionArea : 0.0;
}

double learnedAngle(const double* t) {
    // For a rotation by phi scaled by k, [a b; d e] = k [cos -sin; sin cos],
    // so d - b = 2k sin(phi) and a + e = 2k cos(phi).
    return std::atan2(t[3] - t[1], t[0] + t[4]) * 180.0 / std::numbers::pi;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n < 2) return 0.0;
    double ma = 0.0, mb = 0.0;
    for (std::size_t i = 0; i < n; ++i) ma += a[i], mb += b[i];
    ma /= double(n), mb /= double(n);
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (!(saa > 1e-12) || !(sbb > 1e-12)) return 0.0;
    return sab / std::sqrt(saa * sbb);
}

}  // namespace ap
