// Perceptual colour gradients for heatmaps. QCustomPlot 2.1 has no viridis,
// so the maps are defined here from matplotlib's published control points
// (van der Walt & Smith, "A Better Default Colormap for Matplotlib", 2015).
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

#include <array>

namespace ui {

class Colormap {
public:
    // Diverging: ColorBrewer's RdBu reversed (Brewer, colorbrewer2.org), blue
    // below the middle, white at it, red above; for signed differences, with
    // the value range made symmetric about 0 so that white means 0.
    enum class Kind { Viridis, Magma, Diverging };

    // Viridis. Not explicit, so that `HeatmapStyle{}` (an aggregate with a
    // Colormap member) is valid C++ for every compiler, not only GCC.
    Colormap() : Colormap(Kind::Viridis) {}
    explicit Colormap(Kind kind);

    // Colour at t in [0, 1] (clamped), as a packed 0xAARRGGBB.
    QRgb rgbAt(double t) const {
        const double c = t <= 0.0 ? 0.0 : (t >= 1.0 ? 1.0 : t);
        return lut_[static_cast<int>(c * (kSteps - 1) + 0.5)];
    }
    QColor colorAt(double t) const { return QColor::fromRgb(rgbAt(t)); }
    Kind kind() const { return kind_; }

    // The sequential maps a heatmap of weights or scores may use.
    static QStringList names();
    static QString name(Kind kind);

private:
    static constexpr int kSteps = 256;
    Kind kind_;
    std::array<QRgb, kSteps> lut_{};
};

// Black or white, whichever reads better on `background` (WCAG relative
// luminance threshold).
QColor readableTextColor(QRgb background);

}  // namespace ui
