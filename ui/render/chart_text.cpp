#include "render/chart_text.h"

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

// 10⁻⁴ rather than 1e-04: the powers of ten of a logarithmic colour bar.
// Near 1 (10⁻² to 10²) they read as decimals, unless `powers` asks every
// tick of a bar to use one notation.
QString powerOfTen(int k) {
    static const char16_t* digits[] = {u"⁰", u"¹", u"²", u"³", u"⁴", u"⁵", u"⁶", u"⁷", u"⁸", u"⁹"};
    QString text = QStringLiteral("10");
    if (k < 0) text += QChar(0x207B);
    for (QChar ch : QString::number(std::abs(k))) text += QString::fromUtf16(digits[ch.digitValue()]);
    return text;
}

// With `powers`, a tick between powers of ten reads m·10ᵏ (5·10⁻³), so that
// a bar never mixes "0.005" with "10⁻³".
QString logTickText(double v, bool powers = false) {
    const int k = int(std::lround(std::log10(v)));
    if (std::fabs(v - std::pow(10.0, k)) <= 1e-9 * std::fabs(v)) {
        if (powers || k < -2 || k > 2) return powerOfTen(k);
        return tickText(v);
    }
    if (!powers) return tickText(v);
    const int e = int(std::floor(std::log10(v)));
    return QString::number(v / std::pow(10.0, e), 'g', 2) + QChar(0x00B7) + powerOfTen(e);
}

}  // namespace

QString tickText(double v) { return QString::number(v, 'g', 3); }

QString widestLogCellText() { return QStringLiteral("8.8·") + powerOfTen(-88); }

QFont pixelFont(const QString& family, double px, bool bold) {
    QFont f(family);
    f.setPixelSize(std::max(1, int(std::lround(px))));
    f.setBold(bold);
    f.setStyleHint(QFont::SansSerif);
    return f;
}

std::vector<double> logTicks(double lo, double hi, int maxTicks) {
    std::vector<double> ticks;
    if (!(lo > 0) || !(hi > lo)) return ticks;
    const int first = int(std::floor(std::log10(lo) + 1e-9)), last = int(std::floor(std::log10(hi) + 1e-9));
    const auto inside = [&](double v) { return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9); };
    // Less than two decades: 1, 2 and 5 times the powers of ten.
    if (last - first < 2) {
        for (int k = first; k <= last; ++k)
            for (double m : {1.0, 2.0, 5.0})
                if (inside(m * std::pow(10.0, k))) ticks.push_back(m * std::pow(10.0, k));
        return ticks.size() >= 2 ? ticks : niceTicks(lo, hi, maxTicks);
    }
    const int count = last - first + 1;
    const int stride = std::max(1, (count + maxTicks - 1) / std::max(1, maxTicks));
    for (int k = last; k >= first; k -= stride)
        if (inside(std::pow(10.0, k))) ticks.insert(ticks.begin(), std::pow(10.0, k));
    return ticks;
}

std::vector<double> niceTicks(double lo, double hi, int maxTicks) {
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || maxTicks < 2) return {lo};
    // The smallest step of 1, 2 or 5 times a power of ten that needs at
    // most maxTicks ticks (Heckbert, "Nice numbers for graph labels", 1990).
    const double rough = (hi - lo) / (maxTicks - 1);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10 * power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough * (1 - 1e-9)) {
            step = m * power;
            break;
        }
    std::vector<double> ticks;
    for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1) {
        const double v = k * step;
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);  // no "-0" or 1e-17
    }
    return ticks;
}

QString fitTitle(const QString& title, const QString& keep, const QFontMetricsF& fm, double width) {
    if (fm.horizontalAdvance(title) <= width) return title;
    if (keep.isEmpty() || !title.endsWith(keep) || keep.size() == title.size())
        return fm.elidedText(title, Qt::ElideRight, width);
    const QString kept = QLatin1Char(' ') + keep;
    const double keepWidth = fm.horizontalAdvance(kept);
    if (keepWidth >= width) return fm.elidedText(keep, Qt::ElideRight, width);
    const QString front = title.left(title.size() - keep.size());
    // elidedText returns "" when not even the ellipsis fits; then the kept
    // part alone is shown.
    const QString shortFront = fm.elidedText(front, Qt::ElideRight, width - keepWidth);
    return shortFront.isEmpty() ? keep : shortFront + kept;
}

QStringList colorScaleTickLabels(const std::vector<double>& ticks, bool logarithmic) {
    QStringList texts;
    // One notation per bar: powers of ten for all when any needs them.
    const bool powers =
        logarithmic && std::any_of(ticks.begin(), ticks.end(), [](double v) { return logTickText(v) != tickText(v); });
    for (double v : ticks) texts << (logarithmic ? logTickText(v, powers) : tickText(v));
    return texts;
}

QString formatCellValue(double value, bool isWeight, bool logarithmic) {
    if (isWeight && logarithmic && std::isfinite(value) && value != 0.0) {
        // Two significant digits, as decimals from 0.01 up and below that as
        // m·10⁻ⁿ, the colour bar's notation: "0.26", "0.031", "3.1·10⁻⁴".
        const double a = std::fabs(value);
        if (a >= 0.1) return QString::number(value, 'f', 2);
        if (a >= 0.01) return QString::number(value, 'f', 3);
        int k = int(std::floor(std::log10(a)));
        double m = std::round(value / std::pow(10.0, k) * 10.0) / 10.0;
        if (std::fabs(m) >= 10.0) m /= 10.0, ++k;  // 9.96·10⁻⁴ rounds to 1.0·10⁻³
        return QString::number(m, 'g', 2) + QChar(0x00B7) + powerOfTen(k);
    }
    if (isWeight) {
        // A difference that rounds to zero reads "0.00", never "-0.00".
        QString text = QString::number(value, 'f', 2);
        if (text == QLatin1String("-0.00")) text.remove(0, 1);
        return text;
    }
    return QString::number(value, 'g', 3);
}

}  // namespace ui
