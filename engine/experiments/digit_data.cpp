#include "experiments/digit_data.h"

#include "core/enum_names.h"
#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ap {
namespace {

struct Point {
    double x, y;
};
using Stroke = std::vector<Point>;
using Glyph = std::vector<Stroke>;

constexpr double kBaseHeight = 20.0;  // pixels, at scale 1
constexpr int kClutterPieces = 6;
constexpr double kMaxShift = 7.0;  // pixels, each way, as far as the canvas allows
constexpr double kNoise = 0.06;

// Points of an elliptic arc in the unit box (y down, so angles run
// clockwise on screen: 0 right, 90 bottom, 270 top), from a0 to a1 degrees.
Stroke arc(double cx, double cy, double rx, double ry, double a0, double a1) {
    const int n = std::max(4, int(std::abs(a1 - a0) / 15.0));
    Stroke s;
    for (int i = 0; i <= n; ++i) {
        const double a = (a0 + (a1 - a0) * i / n) * std::numbers::pi / 180.0;
        s.push_back({cx + rx * std::cos(a), cy + ry * std::sin(a)});
    }
    return s;
}

Stroke operator+(Stroke a, const Stroke& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Two or three styles per digit, in a unit box (x right, y down).
std::vector<Glyph> styles(int digit) {
    switch (digit) {
    case 0:
        return {{arc(.5, .5, .5, .5, 0, 360)},
                {arc(.5, .5, .42, .5, 0, 360), {{.2, .8}, {.8, .2}}},
                {arc(.5, .5, .5, .5, 260, 600)}};
    case 1:
        return {{{{.5, 0}, {.5, 1}}},
                {{{.2, .25}, {.55, 0}, {.55, 1}}},
                {{{.2, .25}, {.55, 0}, {.55, 1}}, {{.2, 1}, {.9, 1}}}};
    case 2:
        return {{arc(.5, .28, .45, .28, 190, 380) + Stroke{{0, 1}, {1, 1}}},
                {arc(.5, .3, .45, .3, 180, 360) + Stroke{{.05, 1}, {1, 1}}}};
    case 3:
        return {{arc(.5, .25, .42, .25, 200, 450) + arc(.5, .74, .48, .26, 270, 520)},
                {Stroke{{.05, 0}, {.95, 0}, {.45, .42}} + arc(.5, .7, .48, .3, 250, 520)}};
    case 4:
        return {{{{.72, 1}, {.72, 0}, {0, .68}, {1, .68}}}, {{{.15, 0}, {.05, .6}, {1, .6}}, {{.75, .2}, {.75, 1}}}};
    case 5:
        return {{Stroke{{.9, 0}, {.15, 0}, {.1, .45}} + arc(.48, .68, .47, .32, 215, 500)},
                {Stroke{{.85, 0}, {.2, 0}, {.12, .42}} + arc(.45, .66, .5, .34, 225, 490)}};
    case 6:
        return {{arc(.6, .6, .55, .6, 290, 150), arc(.5, .7, .42, .3, 0, 360)},
                {{{.75, 0}, {.1, .7}}, arc(.5, .72, .42, .28, 0, 360)}};
    case 7: return {{{{0, 0}, {1, 0}, {.35, 1}}}, {{{0, .15}, {0, 0}, {1, 0}, {.4, 1}}, {{.3, .55}, {.85, .55}}}};
    case 8:
        return {{arc(.5, .25, .36, .25, 0, 360), arc(.5, .73, .48, .27, 0, 360)},
                {arc(.5, .26, .42, .26, 0, 360), arc(.5, .74, .42, .26, 0, 360)}};
    default:
        return {{arc(.5, .3, .45, .3, 0, 360), {{.95, .3}, {.9, 1}}},
                {arc(.45, .3, .42, .3, 0, 360), arc(.4, .3, .47, .7, 0, 100)}};
    }
}

// Anti-aliased: a pixel's ink is the part of it, approximately, that lies
// within half the width of the segment (1 inside, falling linearly to 0
// over one pixel at the edge). Strokes combine by their maximum.
void drawSegment(std::vector<float>& ink, Point a, Point b, double halfWidth, double strength) {
    const double reach = halfWidth + 1.0;
    const int x0 = std::max(0, int(std::floor(std::min(a.x, b.x) - reach)));
    const int x1 = std::min(kDigitCanvas - 1, int(std::ceil(std::max(a.x, b.x) + reach)));
    const int y0 = std::max(0, int(std::floor(std::min(a.y, b.y) - reach)));
    const int y1 = std::min(kDigitCanvas - 1, int(std::ceil(std::max(a.y, b.y) + reach)));
    const double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const double px = x + 0.5 - a.x, py = y + 0.5 - a.y;
            const double t = length2 > 0 ? std::clamp((px * dx + py * dy) / length2, 0.0, 1.0) : 0.0;
            const double d = std::hypot(px - t * dx, py - t * dy);
            const double cover = std::clamp(halfWidth + 0.5 - d, 0.0, 1.0) * strength;
            float& v = ink[std::size_t(y * kDigitCanvas + x)];
            v = std::max(v, float(cover));
        }
}

void drawStroke(std::vector<float>& ink, const Stroke& s, double halfWidth, double strength) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) drawSegment(ink, s[i], s[i + 1], halfWidth, strength);
}

}  // namespace

constexpr EnumName<Distortion> kDistortionNames[] = {
    {Distortion::Rotate, "rotate"}, {Distortion::Translate, "translate"},
    {Distortion::Scale, "scale"},   {Distortion::Clutter, "clutter"},
    {Distortion::All, "all"},
};

const char* toString(Distortion d) { return nameIn(kDistortionNames, d); }

std::optional<Distortion> distortionFromString(std::string_view name) { return valueIn(kDistortionNames, name); }

DigitSet makeDigits(int count, Distortion distortion, Random& random) {
    const bool all = distortion == Distortion::All;
    const bool rotate = all || distortion == Distortion::Rotate;
    const bool translate = all || distortion == Distortion::Translate;
    const bool scale = all || distortion == Distortion::Scale;
    const bool clutter = all || distortion == Distortion::Clutter;
    constexpr int pixels = kDigitCanvas * kDigitCanvas;
    DigitSet set;
    set.count = count;
    set.images.resize(std::size_t(count) * pixels);
    set.labels.resize(std::size_t(count));
    set.angles.resize(std::size_t(count));
    set.boxes.resize(std::size_t(count));
    std::vector<float> ink(pixels);
    for (int n = 0; n < count; ++n) {
        const int label = int(random.below(10));
        const std::vector<Glyph> glyphs = styles(label);
        const Glyph& glyph = glyphs[random.below(glyphs.size())];
        const double slant = random.symmetric(0.2);
        const double aspect = 0.55 + 0.2 * random.uniform();
        const double halfWidth = 0.8 + 0.7 * random.uniform();
        const double size = 0.75 + 0.5 * random.uniform();
        const double turn = random.symmetric(60.0);
        const double shiftX = random.uniform(), shiftY = random.uniform();

        const double height = kBaseHeight * (scale ? size : 1.0);
        const double angle = rotate ? turn : 0.0;
        const double c = std::cos(angle * std::numbers::pi / 180.0), s = std::sin(angle * std::numbers::pi / 180.0);
        // Unit box -> pixels about the canvas centre: slant, size, then the
        // rotation (clockwise on screen, since y points down).
        Glyph placed = glyph;
        double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
        for (Stroke& stroke : placed)
            for (Point& p : stroke) {
                const double x = (p.x - 0.5 + slant * (0.5 - p.y)) * height * aspect, y = (p.y - 0.5) * height;
                p = {kDigitCanvas / 2.0 + c * x - s * y, kDigitCanvas / 2.0 + s * x + c * y};
                minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
                minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
            }
        // Up to kMaxShift each way, but the whole stroke stays one pixel
        // inside the canvas; without translation the digit stays centred
        // unless that would cut it.
        auto shift = [&](double lo, double hi, double u) {
            const double from = 1.0 + halfWidth - lo, to = kDigitCanvas - 1.0 - halfWidth - hi;
            if (from > to) return (from + to) / 2;
            return std::clamp(translate ? kMaxShift * (2.0 * u - 1.0) : 0.0, from, to);
        };
        const double tx = shift(minX, maxX, shiftX), ty = shift(minY, maxY, shiftY);
        std::fill(ink.begin(), ink.end(), 0.0f);
        for (Stroke& stroke : placed) {
            for (Point& p : stroke) p = {p.x + tx, p.y + ty};
            drawStroke(ink, stroke, halfWidth, 1.0);
        }
        // The box of the digit's ink (pixels at least half covered), before
        // the clutter and the noise.
        int bx0 = kDigitCanvas, by0 = kDigitCanvas, bx1 = 0, by1 = 0;
        for (int y = 0; y < kDigitCanvas; ++y)
            for (int x = 0; x < kDigitCanvas; ++x)
                if (ink[std::size_t(y * kDigitCanvas + x)] >= 0.5f) {
                    bx0 = std::min(bx0, x), by0 = std::min(by0, y);
                    bx1 = std::max(bx1, x + 1), by1 = std::max(by1, y + 1);
                }
        if (bx1 <= bx0) bx0 = by0 = 0, bx1 = by1 = kDigitCanvas;  // cannot happen: every glyph has ink

        // Clutter: short bent stroke fragments, as the STN paper's cluttered
        // MNIST scatters pieces of other digits.
        for (int k = 0; k < kClutterPieces; ++k) {
            const Point a{random.uniform() * kDigitCanvas, random.uniform() * kDigitCanvas};
            const double length = 4.0 + 5.0 * random.uniform();
            const double direction = random.uniform() * 2.0 * std::numbers::pi;
            const double bend = random.symmetric(0.4) * length;
            const double width = 0.6 + 0.6 * random.uniform();
            const double strength = 0.6 + 0.4 * random.uniform();
            const Point b{a.x + length * std::cos(direction), a.y + length * std::sin(direction)};
            const Point mid{(a.x + b.x) / 2 - bend * std::sin(direction), (a.y + b.y) / 2 + bend * std::cos(direction)};
            if (clutter) drawStroke(ink, {a, mid, b}, width, strength);
        }
        std::uint8_t* image = set.images.data() + std::size_t(n) * pixels;
        for (int i = 0; i < pixels; ++i) {
            const double v = std::clamp(double(ink[std::size_t(i)]) + kNoise * random.normal(), 0.0, 1.0);
            image[i] = std::uint8_t(std::lround(v * 255.0));
        }
        set.labels[std::size_t(n)] = label;
        set.angles[std::size_t(n)] = angle;
        set.boxes[std::size_t(n)] = {float(bx0), float(by0), float(bx1), float(by1)};
    }
    return set;
}

}  // namespace ap
