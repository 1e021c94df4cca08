#include "render/colormap.h"

#include <cmath>
#include <vector>

namespace ui {
namespace {

// Eleven evenly spaced samples of each map (matplotlib _cm_listed.py, taken
// at t = 0, 0.1, ..., 1). Interpolating linearly in sRGB between samples this
// close stays within a few units of the 256-entry originals.
constexpr std::array<QRgb, 11> kViridis = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
                                           0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};
constexpr std::array<QRgb, 11> kMagma = {0x000004, 0x140e36, 0x3b0f70, 0x641a80, 0x8c2981, 0xb73779,
                                         0xde4968, 0xf7705c, 0xfe9f6d, 0xfecf92, 0xfcfdbf};

// ColorBrewer RdBu, 11 classes, reversed (from 0x053061 dark blue to
// 0x67001f dark red), as matplotlib's RdBu_r.
constexpr std::array<QRgb, 11> kDiverging = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                             0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};

const std::array<QRgb, 11>& samples(Colormap::Kind kind) {
    switch (kind) {
    case Colormap::Kind::Diverging: return kDiverging;
    case Colormap::Kind::Magma: return kMagma;
    case Colormap::Kind::Viridis: break;
    }
    return kViridis;
}

}  // namespace

Colormap::Colormap(Kind kind) : kind_(kind) {
    const auto& s = samples(kind);
    const int segments = int(s.size()) - 1;
    for (int i = 0; i < kSteps; ++i) {
        const double x = double(i) / (kSteps - 1) * segments;
        const int k = std::min(int(x), segments - 1);
        const double f = x - k;
        auto mix = [&](int shift) {
            const double a = (s[k] >> shift) & 0xff;
            const double b = (s[k + 1] >> shift) & 0xff;
            return int(std::lround(a + (b - a) * f));
        };
        lut_[i] = qRgb(mix(16), mix(8), mix(0));
    }
}

QStringList Colormap::names() { return {name(Kind::Viridis), name(Kind::Magma)}; }

QString Colormap::name(Kind kind) {
    switch (kind) {
    case Kind::Magma: return QStringLiteral("magma");
    case Kind::Diverging: return QStringLiteral("rdbu");
    case Kind::Viridis: break;
    }
    return QStringLiteral("viridis");
}

QColor readableTextColor(QRgb bg) {
    auto lin = [](int c) {
        const double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double l = 0.2126 * lin(qRed(bg)) + 0.7152 * lin(qGreen(bg)) + 0.0722 * lin(qBlue(bg));
    return l > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace ui
