// The text of the drawings: fonts sized in device pixels, colour-bar ticks
// and their labels, the numbers printed in cells, titles fitted to a width.
// The heatmap, the head grid and the bar chart all write numbers this way.
#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QString>
#include <QStringList>

#include <vector>

namespace ui {

// A font of `px` device pixels: the drawings scale with the picture, not
// with the screen's dpi, so window and exports look alike.
QFont pixelFont(const QString& family, double px, bool bold = false);

// Colour-bar ticks: every multiple in [lo, hi] of the smallest step of the
// form 1, 2 or 5 × 10ⁿ that gives at most `maxTicks` of them.
std::vector<double> niceTicks(double lo, double hi, int maxTicks);
// Logarithmic ticks: the powers of ten in [lo, hi] (every n-th, so that at
// most about `maxTicks` remain); niceTicks() when there is none.
std::vector<double> logTicks(double lo, double hi, int maxTicks);
// A tick on a linear colour bar: three significant digits.
QString tickText(double v);
// The colour bar's text for `ticks`, in one notation per bar: on a
// logarithmic scale, when any tick needs a power of ten, every tick is
// written with one (5·10⁻³, 10⁻³), never "0.005" beside "10⁻³".
QStringList colorScaleTickLabels(const std::vector<double>& ticks, bool logarithmic);

// How a value is printed in cells: 2 decimals for weights, 3 significant
// digits for scores. On the logarithmic scale (`logarithmic`) weights keep
// two significant digits, as m·10⁻ⁿ below 0.01 like the colour bar's ticks,
// so that the small weights that scale shows do not all read "0.00".
QString formatCellValue(double value, bool isWeight, bool logarithmic = false);
// The widest value a cell prints on the logarithmic scale.
QString widestLogCellText();

// `title` fitted to `width`: whole if it fits, else its beginning elided so
// that `keep` (an ending of the title) stays whole where it fits at all.
QString fitTitle(const QString& title, const QString& keep, const QFontMetricsF& fm, double width);

}  // namespace ui
