// Distorted digits for the spatial attention experiment, drawn by the
// engine: each digit 0-9 is a few strokes (polylines and elliptic arcs) in
// one of several styles, its control points jittered, drawn anti-aliased
// with a varied stroke width on a 40 x 40 canvas, then (by the distortion
// chosen) rotated, scaled, moved, cluttered with stray stroke fragments and
// always overlaid with a little noise; stored as 8-bit pixels.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ap {

class Random;

inline constexpr int kDigitCanvas = 40;

enum class Distortion { Rotate, Translate, Scale, Clutter, All };
const char* toString(Distortion distortion);
std::optional<Distortion> distortionFromString(std::string_view name);

struct DigitSet {
    int count = 0;
    std::vector<std::uint8_t> images;         // count x 40 x 40, row-major, 0 = background
    std::vector<int> labels;                  // count
    std::vector<double> angles;               // count: the rotation applied, degrees, clockwise on screen
    std::vector<std::array<float, 4>> boxes;  // count: x0, y0, x1, y1 of the digit's ink, pixel edges
};

// Per sample, in this order: the label, the style, the slant and aspect,
// the stroke width, the scale, the angle, the translation, the
// clutter and the noise, each drawn whether or not the distortion uses it,
// so a seed gives the same digits and labels under every distortion.
DigitSet makeDigits(int count, Distortion distortion, Random& random);

}  // namespace ap
