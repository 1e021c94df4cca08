// The colour scales: where values land on the colour map under each scale
// (fixed, min-max, per row, logarithmic, diverging), the colour bar's
// ticks, the fallbacks for scores, and the View menu that picks a scale for
// the heatmap and the head grid and remembers it.
#include "render/chart_text.h"
#include "render/color_scale.h"
#include "render/head_grid_renderer.h"
#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/playground/main_window.h"

#include <QAction>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

namespace {

// Weights spanning four orders of magnitude; one masked cell, which must not
// count towards any range.
ui::HeatmapData weights() {
    ui::HeatmapData d;
    d.quantity = ui::HeatmapQuantity::Weights;
    d.scaleLabel = QStringLiteral("weight");
    d.values.resize(3, 3);
    d.values << 0.9f, 0.0999f, 0.0001f,  //
        0.001f, 0.009f, 0.99f,           //
        0.5f, 0.5f, 0.0f;
    d.mask = ap::MaskMatrix::Constant(3, 3, false);
    d.mask(2, 2) = true;
    d.rowLabels = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    d.columnLabels = d.rowLabels;
    return d;
}

ui::HeatmapData scores() {
    ui::HeatmapData d = weights();
    d.quantity = ui::HeatmapQuantity::Scores;
    d.scaleLabel = QStringLiteral("score");
    d.values << -4.f, 1.f, 2.f,  //
        0.f, 0.5f, 3.f,          //
        -1.f, 1.f, 100.f;        // the masked 100 is not in the range
    return d;
}

double at(const ui::HeatmapData& d, int r, int c) { return ui::rowColorMapping(d, r).position(double(d.values(r, c))); }

bool near(double a, double b) { return std::abs(a - b) < 1e-5; }

}  // namespace

class TestColorScales : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fixedKeepsZeroToOne() {
        ui::HeatmapData d = weights();
        ui::applyColorScale(d, ui::ColorScale::Fixed);
        QCOMPARE(d.scale, ui::ColorScale::Fixed);
        QVERIFY(near(at(d, 0, 0), 0.9));
        QVERIFY(near(at(d, 2, 0), 0.5));
    }

    void minMaxSpansTheUnmaskedCells() {
        ui::HeatmapData d = weights();
        ui::applyColorScale(d, ui::ColorScale::MinMax);
        QVERIFY(near(d.minValue, 0.0001));  // the masked 0 is not the minimum
        QVERIFY(near(d.maxValue, 0.99));
        QVERIFY(near(at(d, 0, 2), 0.0));
        QVERIFY(near(at(d, 1, 2), 1.0));
    }

    void perRowGivesEveryRowItsOwnTop() {
        ui::HeatmapData d = weights();
        ui::applyColorScale(d, ui::ColorScale::PerRow);
        QVERIFY(near(at(d, 0, 0), 1.0));
        QVERIFY(near(at(d, 1, 2), 1.0));
        QVERIFY(near(at(d, 2, 0), 1.0));           // 0.5 is row 2's largest
        QVERIFY(near(at(d, 0, 1), 0.0999 / 0.9));  // weights: 0 stays 0
        QCOMPARE(ui::colorBarLabel(d), QStringLiteral("weight ÷ row max"));
        // Scores run from each row's smallest to its largest.
        ui::HeatmapData s = scores();
        ui::applyColorScale(s, ui::ColorScale::PerRow);
        QVERIFY(near(at(s, 0, 0), 0.0));
        QVERIFY(near(at(s, 0, 2), 1.0));
        QVERIFY(near(at(s, 0, 1), 5.0 / 6.0));
        QVERIFY(near(at(s, 2, 0), 0.0));
        QVERIFY(near(at(s, 2, 1), 1.0));  // the masked 100 is not row 2's top
    }

    void logSpreadsTheDecades() {
        ui::HeatmapData d = weights();
        ui::applyColorScale(d, ui::ColorScale::Log);
        QCOMPARE(d.scale, ui::ColorScale::Log);
        QVERIFY(near(d.minValue, 0.0001));
        QVERIFY(near(d.maxValue, 0.99));
        QVERIFY(near(at(d, 0, 2), 0.0));
        QVERIFY(near(at(d, 1, 2), 1.0));
        // 0.001 is one decade of the 3.996 above 0.0001: a quarter of the way.
        const double decades = std::log10(0.99 / 0.0001);
        QVERIFY(near(at(d, 1, 0), 1.0 / decades));
        // On the linear scale the same weight is indistinguishable from 0.
        QVERIFY(at(d, 1, 0) > 0.2);
        // A weight of exactly 0 sits at the bottom, not at -infinity.
        ui::HeatmapData z = weights();
        z.mask = ap::MaskMatrix();
        ui::applyColorScale(z, ui::ColorScale::Log);
        QVERIFY(std::isfinite(at(z, 2, 2)));
        QVERIFY(at(z, 2, 2) <= 0.0);
        QCOMPARE(ui::colorBarLabel(d), QStringLiteral("weight (log)"));
    }

    void divergingIsCentredOnZero() {
        ui::HeatmapData s = scores();
        ui::applyColorScale(s, ui::ColorScale::Diverging);
        QCOMPARE(s.scale, ui::ColorScale::Diverging);
        QVERIFY(near(s.minValue, -4.0));
        QVERIFY(near(s.maxValue, 4.0));
        QVERIFY(near(at(s, 1, 0), 0.5));  // 0 is the middle: white
        const ui::Colormap viridis(ui::Colormap::Kind::Viridis);
        const QImage image = ui::heatmapCellImage(s, viridis);
        QCOMPARE(QColor(image.pixel(0, 1)).lightness() > 240, true);
        QCOMPARE(&ui::colormapFor(s, viridis) != &viridis, true);
    }

    void scoresAndWeightsFallBack() {
        using ui::ColorScale;
        QCOMPARE(ui::effectiveColorScale(ColorScale::Log, false), ColorScale::MinMax);
        QCOMPARE(ui::effectiveColorScale(ColorScale::Fixed, false), ColorScale::MinMax);
        QCOMPARE(ui::effectiveColorScale(ColorScale::Diverging, true), ColorScale::Fixed);
        QCOMPARE(ui::effectiveColorScale(ColorScale::PerRow, false), ColorScale::PerRow);
        for (ColorScale s : ui::colorScales()) {
            ColorScale back = ColorScale::Fixed;
            QVERIFY(ui::colorScaleFromKey(ui::colorScaleKey(s), &back));
            QCOMPARE(back, s);
            QVERIFY(!ui::colorScaleName(s).isEmpty());
            QVERIFY(!ui::colorScaleToolTip(s).isEmpty());
        }
        ColorScale unused;
        QVERIFY(!ui::colorScaleFromKey(QStringLiteral("logarithmic"), &unused));
    }

    void logTicksArePowersOfTen() {
        const std::vector<double> wide = ui::logTicks(1e-6, 0.9, 8);
        QCOMPARE(int(wide.size()), 6);
        QVERIFY(near(wide.front(), 1e-6));
        QVERIFY(near(wide.back(), 0.1));
        // Fewer than two decades: 1, 2 and 5 times the powers.
        const std::vector<double> narrow = ui::logTicks(0.07, 0.86, 6);
        QCOMPARE(int(narrow.size()), 3);
        QVERIFY(near(narrow[0], 0.1) && near(narrow[1], 0.2) && near(narrow[2], 0.5));
        // Many decades are thinned to about the number asked for.
        QVERIFY(int(ui::logTicks(1e-30, 1.0, 6).size()) <= 7);
    }

    void logTickLabelsUseOneNotation() {
        // The model view's head of 4·10⁻⁴..0.006: ticks 5·10⁻⁴ .. 5·10⁻³ used
        // to read "0.005", "0.002", "10⁻³", "0.0005".
        const std::vector<double> ticks = ui::logTicks(0.0004, 0.006, 6);
        const QStringList texts = ui::colorScaleTickLabels(ticks, true);
        QCOMPARE(texts, (QStringList{QStringLiteral("5·10⁻⁴"), QStringLiteral("10⁻³"), QStringLiteral("2·10⁻³"),
                                     QStringLiteral("5·10⁻³")}));
        // Near 1 every tick is a decimal.
        QCOMPARE(ui::colorScaleTickLabels(ui::logTicks(0.07, 0.86, 6), true),
                 (QStringList{QStringLiteral("0.1"), QStringLiteral("0.2"), QStringLiteral("0.5")}));
        // Powers alone stay powers.
        QCOMPARE(ui::colorScaleTickLabels({1e-6, 1e-4, 1e-2}, true),
                 (QStringList{QStringLiteral("10⁻⁶"), QStringLiteral("10⁻⁴"), QStringLiteral("10⁻²")}));
        QCOMPARE(ui::colorScaleTickLabels({0.0, 0.5}, false),
                 (QStringList{QStringLiteral("0"), QStringLiteral("0.5")}));
    }

    void headGridTilesShareOneRange() {
        std::vector<ui::HeadTile> tiles(2);
        tiles[0].data = weights();
        tiles[1].data = weights();
        tiles[1].data.values(0, 0) = 0.00001f;
        ui::applyColorScale(tiles, ui::ColorScale::Log);
        QVERIFY(near(tiles[0].data.minValue, 0.00001));
        QVERIFY(near(tiles[1].data.minValue, 0.00001));
        QVERIFY(near(tiles[0].data.maxValue, 0.99));
    }

    // The chosen scale holds for the next data too, and a zoomed view keeps
    // the rows' own ranges of the rows it shows.
    void viewKeepsTheScaleAcrossData() {
        ui::HeatmapView view;
        view.resize(400, 300);
        view.setData(weights());
        QCOMPARE(view.colorScale(), ui::ColorScale::Fixed);
        view.setColorScale(ui::ColorScale::PerRow);
        QCOMPARE(view.data().scale, ui::ColorScale::PerRow);
        view.setData(weights());
        QCOMPARE(view.data().scale, ui::ColorScale::PerRow);
        view.setData(scores());
        QCOMPARE(view.data().scale, ui::ColorScale::PerRow);
        view.setColorScale(ui::ColorScale::Log);  // scores: min-max
        QCOMPARE(view.data().scale, ui::ColorScale::MinMax);
        view.setData(weights());
        QCOMPARE(view.data().scale, ui::ColorScale::Log);
        view.setVisibleCells(QRect(0, 1, 2, 2));
        QVERIFY(view.isZoomed());
        const QImage shot = view.grab().toImage();  // paints the zoomed part
        QVERIFY(!shot.isNull());
    }

    // In the window the bar chart shows the keys the zoomed heatmap shows.
    void barsFollowTheZoomedMap() {
        QSettings().clear();
        ui::MainWindow w;
        auto* heatmap = w.findChild<ui::HeatmapView*>();
        auto* bars = w.findChild<ui::BarChartView*>();
        QVERIFY(heatmap && bars);
        // A sanitizer build under load computes slowly.
        QTRY_VERIFY_WITH_TIMEOUT(heatmap->data().columns() >= 3 && !bars->barValues().isEmpty(), 60000);
        const int keys = heatmap->data().columns();
        QCOMPARE(bars->keyRange(), qMakePair(0, keys));
        heatmap->setVisibleCells(QRect(1, 0, 2, 2));
        QCOMPARE(bars->keyRange(), qMakePair(1, 2));
        heatmap->fitToWindow();
        QCOMPARE(bars->keyRange(), qMakePair(0, keys));
    }

    void menuPicksTheScaleAndRemembersIt() {
        QSettings().clear();
        {
            ui::MainWindow w;
            auto* log = w.findChild<QAction*>(QStringLiteral("colorScale_log"));
            QVERIFY(log);
            QCOMPARE(log->shortcut(), QKeySequence(QStringLiteral("Ctrl+L")));
            QVERIFY(!log->toolTip().isEmpty());
            log->trigger();
            auto* heatmap = w.findChild<ui::HeatmapView*>();
            QVERIFY(heatmap);
            QCOMPARE(heatmap->colorScale(), ui::ColorScale::Log);
            w.close();
        }
        ui::MainWindow again;
        auto* log = again.findChild<QAction*>(QStringLiteral("colorScale_log"));
        QVERIFY(log->isChecked());
        auto* fixed = again.findChild<QAction*>(QStringLiteral("colorScale_fixed"));
        QVERIFY(!fixed->isChecked());
        QSettings().clear();
    }
};

QTEST_MAIN(TestColorScales)
#include "test_color_scales.moc"
