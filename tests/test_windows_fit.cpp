// Every window opens within the screen it is on (the offscreen screen here:
// 800 × 800, or 400 × 400 at QT_SCALE_FACTOR=2; tests/CMakeLists.txt runs it
// again on 1,024 × 640, 1,280 × 800 and 2,560 × 1,600 at scale 2): the
// compare, time-step, channel, spatial, model view and translation windows
// and the main window, also when the settings hold a geometry saved on a
// larger screen, with their combo boxes wide enough for their text.
#include "attention/attention.h"
#include "core/scene.h"
#include "render/chart_text.h"
#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/common/settings_keys.h"
#include "widgets/common/window_fit.h"
#include "widgets/compare/compare_window.h"
#include "widgets/experiments/channel_window.h"
#include "widgets/experiments/spatial_window.h"
#include "widgets/experiments/timestep_window.h"
#include "widgets/model_view/model_view_window.h"
#include "widgets/playground/main_window.h"
#include "widgets/training/training_panel.h"
#include "widgets/training/training_plots.h"
#include "widgets/training/training_settings.h"
#include "widgets/training/training_window.h"
#include "isolated_settings.h"

#include <QComboBox>
#include <QLabel>
#include <QGuiApplication>
#include <QRegularExpression>
#include <qcustomplot.h>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QtTest>

#include <memory>

namespace {

// Within the room the screen leaves, or (where the screen is smaller still
// than the window can be) no larger than the window's own minimum.
QString fits(const QWidget& w) {
    const QSize room = ui::availableWindowSize(&w).expandedTo(w.minimumSizeHint()).expandedTo(w.minimumSize());
    if (w.width() <= room.width() && w.height() <= room.height()) return {};
    return QStringLiteral("%1 is %2×%3, the screen leaves %4×%5")
        .arg(w.objectName().isEmpty() ? QString::fromLatin1(w.metaObject()->className()) : w.objectName())
        .arg(w.width())
        .arg(w.height())
        .arg(room.width())
        .arg(room.height());
}

// Every combo box shown in `w` is wide enough for its longest item (a
// settings column squeezed below it cut "Hard sigmoid (MobileNetV3)").
QString combosWhole(const QWidget& w) {
    for (const QComboBox* box : w.findChildren<QComboBox*>()) {
        if (!box->isVisibleTo(&w) || box->width() >= box->sizeHint().width()) continue;
        return QStringLiteral("%1: the combo box showing \"%2\" is %3 wide, its text needs %4")
            .arg(w.objectName().isEmpty() ? QString::fromLatin1(w.metaObject()->className()) : w.objectName(),
                 box->currentText())
            .arg(box->width())
            .arg(box->sizeHint().width());
    }
    return {};
}

}  // namespace

class TestWindowsFit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        isolateSettings();
        QSettings().clear();
        // Run on a configured screen (see tests/CMakeLists.txt), the test
        // first checks that the platform took the configuration.
        const QString screen = qEnvironmentVariable("AP_TEST_SCREEN");
        if (!screen.isEmpty()) {
            const QRegularExpressionMatch m =
                QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)(?:-scale(\\d+))?$")).match(screen);
            QVERIFY2(m.hasMatch(), qPrintable(screen));
            const int scale = m.captured(3).isEmpty() ? 1 : m.captured(3).toInt();
            const QScreen* s = QGuiApplication::primaryScreen();
            QCOMPARE(s->devicePixelRatio(), qreal(scale));
            QCOMPARE(s->geometry().size() * scale, QSize(m.captured(1).toInt(), m.captured(2).toInt()));
        }
    }
    void cleanupTestCase() { QSettings().clear(); }

    // Sample mode's legend stands below the bars, never over them or their
    // labels; without it the bars take its room.
    void barLegendNeverCoversTheBars() {
        ui::BarChartView chart;
        chart.resize(700, 260);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setRow(QStringLiteral("I"), {QStringLiteral("Je"), QStringLiteral("suis"), QStringLiteral("étudiant")},
                     {0.1f, 0.2f, 0.95f}, {false, false, false}, true);
        auto* plot = chart.findChild<QCustomPlot*>();
        plot->replot();
        const int plain = plot->axisRect()->rect().height();
        chart.setReference({0.1f, 0.15f, 0.97f}, QStringLiteral("sampled"), QStringLiteral("softmax"));
        plot->replot();
        QVERIFY(plot->legend->visible());
        QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()), "the legend lies over the bars");
        chart.setRow(QStringLiteral("I"), {QStringLiteral("Je"), QStringLiteral("suis"), QStringLiteral("étudiant")},
                     {0.1f, 0.2f, 0.95f}, {false, false, false}, true);
        chart.setReference({}, {}, {});
        plot->replot();
        QCOMPARE(plot->axisRect()->rect().height(), plain);
    }

    // The translation window's learning curves: whatever the number of
    // epochs and however narrow the plots, the epoch labels never run
    // together ("5 10152025" at 29 epochs in a 1,280 × 800 window).
    void trainingPlotTicksNeverRunTogether() {
        for (const int width : {420, 560, 760, 1200}) {
            for (const int epochs : {3, 9, 29, 100, 999, 12345}) {
                ui::TrainingPlots plots;
                plots.resize(width, 200);
                plots.show();
                QVERIFY(QTest::qWaitForWindowExposed(&plots));
                for (int e = 1; e <= epochs; e += std::max(1, epochs / 200)) {
                    ap::EpochStats s;
                    s.epoch = e;
                    s.evaluated = true;
                    s.loss = 1.0 / e;
                    plots.addEpoch(s);
                }
                plots.replot();
                for (QCustomPlot* plot : plots.findChildren<QCustomPlot*>()) {
                    plot->replot();
                    plot->replot();  // the second with the layout of the first
                    const QCPAxis* axis = plot->xAxis;
                    const QVector<double> ticks = axis->tickVector();
                    const QVector<QString> labels = axis->tickVectorLabels();
                    const QFontMetrics metrics(axis->tickLabelFont());
                    // Not so few that the axis says nothing (one where the three
                    // plots share less than their size hint).
                    const auto inRange = std::count_if(ticks.begin(), ticks.end(),
                                                       [axis](double t) { return axis->range().contains(t); });
                    QVERIFY2(inRange >= (width >= 760 ? 2 : 1),
                             qPrintable(QStringLiteral("%1 at %2 wide, %3 epochs: %4 ticks")
                                            .arg(plot->objectName())
                                            .arg(width)
                                            .arg(epochs)
                                            .arg(inRange)));
                    for (int i = 1; i < ticks.size(); ++i) {
                        const double gap = axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]);
                        const double needed =
                            (metrics.horizontalAdvance(labels[i - 1]) + metrics.horizontalAdvance(labels[i])) / 2.0 +
                            metrics.horizontalAdvance(QLatin1Char(' '));
                        QVERIFY2(gap >= needed, qPrintable(QStringLiteral("%1 at %2 wide, %3 epochs: \"%4\" and \"%5\" "
                                                                          "%6 px apart, need %7")
                                                               .arg(plot->objectName())
                                                               .arg(width)
                                                               .arg(epochs)
                                                               .arg(labels[i - 1], labels[i])
                                                               .arg(gap)
                                                               .arg(needed)));
                    }
                }
            }
        }
    }

    // The compare window's difference map: a difference that rounds to
    // zero is "0.00", never "-0.00".
    void noNegativeZeroInCells() {
        QCOMPARE(ui::formatCellValue(-0.001, true), QStringLiteral("0.00"));
        QCOMPARE(ui::formatCellValue(-0.0049, true), QStringLiteral("0.00"));
        QCOMPARE(ui::formatCellValue(-0.006, true), QStringLiteral("-0.01"));
        QCOMPARE(ui::formatCellValue(0.5, true), QStringLiteral("0.50"));
    }

    // A two-head heatmap in a small view (the main window's at 1,280 × 800
    // with the grid beside it): no text is drawn below a readable size;
    // the long title is elided instead.
    void noTextBelowAReadableSize() {
        ap::Scene s = ap::builtInExample();
        s.title = "A rather long title that a user typed for this scene, longer than the view is wide";
        ap::AttentionResult r;
        QVERIFY(ap::computeAttention(s, {}, r).ok);
        const ui::HeatmapData d = ui::heatmapFromResult(s, r, {}, ui::HeatmapQuantity::Weights);
        for (const QSizeF size : {QSizeF(260, 240), QSizeF(180, 160), QSizeF(320, 460)}) {
            const ui::HeatmapLayout L = ui::layoutHeatmap(d, size, ui::HeatmapStyle{});
            QVERIFY2(L.titleFont.pixelSize() >= ui::kMinTextPx, qPrintable(QString::number(L.titleFont.pixelSize())));
            QVERIFY(L.labelFont.pixelSize() >= ui::kMinTextPx);
            QVERIFY(L.tickPx >= ui::kMinTextPx);
            if (L.numbers) QVERIFY(L.numberFont.pixelSize() >= ui::kMinTextPx);
        }
    }

    void everyWindowOpensWithinTheScreen() {
        std::vector<std::unique_ptr<QWidget>> windows;
        windows.emplace_back(new ui::CompareWindow(ap::builtInExample()));
        windows.emplace_back(new ui::TimestepWindow);
        windows.emplace_back(new ui::ChannelWindow);
        windows.emplace_back(new ui::SpatialWindow);
        windows.emplace_back(new ui::ModelViewWindow);
        windows.emplace_back(new ui::TrainingWindow);
        windows.emplace_back(new ui::MainWindow);
        for (const auto& w : windows) {
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            const QString problem = fits(*w);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            const QString cut = combosWhole(*w);
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
        }
    }

    // The translation window with an error shown (a corpus that cannot be
    // read): every settings field keeps its height, or the panel scrolls to
    // it, and the plots and heatmaps stay visible.
    void translationErrorKeepsTheFields() {
        ui::TrainingWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // A long name, so that the message wraps.
        const QString error = w.panel()->loadCorpusFile(
            QStringLiteral("/nonexistent/%1/pairs.tsv").arg(QString(12, QLatin1Char('x')).repeated(16)));
        QVERIFY(!error.isEmpty());
        QCOMPARE(w.panel()->errorText(), error);
        auto* bar = w.panel()->findChild<ui::MessageBar*>(QStringLiteral("trainingMessageBar"));
        QVERIFY2(bar && bar->isVisible(), "the error is shown in the window's message bar");
        QTest::qWait(50);
        auto* label = bar->findChild<QLabel*>();
        QVERIFY(label->height() >= label->heightForWidth(label->width()));
        auto* settings = w.panel()->settings();
        for (const QWidget* field : settings->findChildren<QWidget*>()) {
            if (!field->isVisibleTo(settings) || field->parentWidget() != settings) continue;
            QVERIFY2(field->height() >= field->sizeHint().height(), qPrintable(QStringLiteral("%1 is %2 high, needs %3")
                                                                                   .arg(field->objectName())
                                                                                   .arg(field->height())
                                                                                   .arg(field->sizeHint().height())));
        }
        for (const char* name : {"trainingHeatmap", "alignerHeatmap", "trainingBarChart", "lossPlot", "pairList"}) {
            auto* view = w.panel()->findChild<QWidget*>(QLatin1String(name));
            QVERIFY2(view && view->isVisible() && view->height() >= 80,
                     qPrintable(
                         QStringLiteral("%1 is %2 high").arg(QLatin1String(name)).arg(view ? view->height() : -1)));
        }
        // What the window cannot show at once is reachable by scrolling.
        auto* scroll = w.findChild<QScrollArea*>();
        QVERIFY(scroll);
        QVERIFY(w.panel()->height() >= w.panel()->minimumSizeHint().height());
        QVERIFY(w.panel()->width() >= w.panel()->minimumSizeHint().width());
    }

    // The translation window as it opens: the pictures, the lesson and the
    // learning curves are on screen without scrolling the window (the
    // settings column scrolls on its own where the screen is low), and the
    // window needs no horizontal scrolling.
    void translationViewsOnScreenWithoutScrolling() {
        ui::TrainingWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(50);
        const QSize room = ui::availableWindowSize(&w);
        if (room.width() < 1000 || room.height() < 560) QSKIP("a screen smaller than 1,024 × 640");
        auto* scroll = w.findChild<QScrollArea*>();
        QVERIFY(scroll && scroll->widget() == w.panel());
        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("the panel needs %1 px, the window is %2 wide")
                                .arg(w.panel()->minimumSizeHint().width())
                                .arg(w.width())));
        for (const char* name : {"trainingHeatmap", "alignerHeatmap", "attentionLessonLabel", "trainingBarChart",
                                 "lossPlot", "metricsPlot", "heldOutPlot", "trainButton", "trainingProgress"}) {
            auto* view = w.panel()->findChild<QWidget*>(QLatin1String(name));
            QVERIFY2(view, name);
            const QRect shown =
                QRect(view->mapTo(scroll->viewport(), QPoint(0, 0)), view->size()) & scroll->viewport()->rect();
            QVERIFY2(view->isVisible() && shown.height() >= view->height() - 1 && view->height() >= 20,
                     qPrintable(QStringLiteral("%1: %2 of %3 px shown")
                                    .arg(QLatin1String(name))
                                    .arg(shown.height())
                                    .arg(view->height())));
        }
        // The learning curves' legends are whole ("A", "token ac" where two
        // entries a row did not fit): a column of entries where they do not.
        for (QCustomPlot* plot : w.panel()->plots()->findChildren<QCustomPlot*>()) {
            plot->replot();
            // Room for a few y tick labels: not the 20 px the lesson and the
            // pictures once left.
            const int tickHeight = QFontMetrics(plot->yAxis->tickLabelFont()).height();
            QVERIFY2(plot->axisRect()->height() >= 4 * tickHeight,
                     qPrintable(QStringLiteral("%1: its axes are %2 px high")
                                    .arg(plot->objectName())
                                    .arg(plot->axisRect()->height())));
            const QCPLegend* legend = plot->legend;
            QVERIFY2(legend->outerRect().width() >= legend->minimumOuterSizeHint().width() &&
                         plot->rect().contains(legend->outerRect()),
                     qPrintable(QStringLiteral("%1: its legend needs %2 px, has %3 of the plot's %4")
                                    .arg(plot->objectName())
                                    .arg(legend->minimumOuterSizeHint().width())
                                    .arg(legend->outerRect().width())
                                    .arg(plot->width())));
        }
    }

    // A geometry saved on a 2,560 × 1,600 screen is not restored on this
    // one; one that fits is.
    void savedGeometryOnlyWhereItFits() {
        {
            ui::MainWindow big;
            big.setGeometry(0, 0, 2400, 1500);
            QSettings().setValue(QLatin1String(ui::settings_keys::kGeometry), big.saveGeometry());
        }
        {
            ui::MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            const QString problem = fits(w);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        const QSize room = ui::availableWindowSize(nullptr);
        QWidget probe;
        probe.setGeometry(10, 10, room.width() - 40, room.height() - 40);
        const QByteArray small = probe.saveGeometry();
        QWidget other;
        other.resize(100, 100);
        QVERIFY(ui::restoreGeometryWithinScreen(&other, small));
        QCOMPARE(other.size(), QSize(room.width() - 40, room.height() - 40));
        QWidget huge;
        huge.setGeometry(0, 0, room.width() * 3, room.height() * 3);
        QVERIFY(!ui::restoreGeometryWithinScreen(&other, huge.saveGeometry()));
        QCOMPARE(other.size(), QSize(room.width() - 40, room.height() - 40));
    }
};

QTEST_MAIN(TestWindowsFit)
#include "test_windows_fit.moc"
