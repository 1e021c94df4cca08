// The experiment windows driven as a user would, under the offscreen
// platform: settings, Train, Pause / Resume, Stop, the live chart, the
// heatmap, the curves and the exports.
#include "widgets/common/heatmap_view.h"
#include "widgets/experiments/channel_window.h"
#include "widgets/experiments/experiment_bar_chart.h"
#include "widgets/experiments/experiment_window.h"
#include "widgets/experiments/learning_curves.h"
#include "widgets/experiments/spatial_grid_view.h"
#include "widgets/experiments/spatial_window.h"
#include "widgets/experiments/timestep_window.h"

#include <QtTest>

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include <algorithm>
#include <numeric>

using ui::ChannelWindow;
using ui::TimestepWindow;

namespace {

int argmax(const QVector<double>& v) { return int(std::max_element(v.begin(), v.end()) - v.begin()); }

QPushButton* button(QWidget& w, const QString& text) {
    for (QPushButton* b : w.findChildren<QPushButton*>())
        if (b->text().remove(QLatin1Char('&')) == text) return b;
    return nullptr;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Exports the window's chart as STEM.png, STEM.svg and STEM.pdf at `size`,
// checks that each file is what its name says, then exports its data as
// STEM.csv into `csvLines`. The caller stops on QTest::currentTestFailed().
void expectExports(ui::ExperimentWindow& w, const QTemporaryDir& dir, const QString& stem, QSize size,
                   QList<QByteArray>& csvLines) {
    for (const char* ending : {".png", ".svg", ".pdf"}) {
        const QString path = dir.filePath(stem + QLatin1String(ending));
        QCOMPARE(w.exportChart(path, size), QString());
        QVERIFY(QFileInfo(path).size() > 500);
    }
    QCOMPARE(QImage(dir.filePath(stem + QStringLiteral(".png"))).size(), size);
    QVERIFY(readAll(dir.filePath(stem + QStringLiteral(".svg"))).contains("<svg"));
    QVERIFY(readAll(dir.filePath(stem + QStringLiteral(".pdf"))).startsWith("%PDF"));
    const QString csv = dir.filePath(stem + QStringLiteral(".csv"));
    QCOMPARE(w.exportCsv(csv), QString());
    csvLines = readAll(csv).trimmed().split('\n');
}

// With AP_SCREENSHOT_DIR set, the trained windows are also saved there as
// the README's pictures; the assertions run either way.
void saveScreenshot(QWidget& w, const char* name) {
    const QString dir = qEnvironmentVariable("AP_SCREENSHOT_DIR");
    if (!dir.isEmpty()) QVERIFY(w.grab().save(dir + QLatin1Char('/') + QLatin1String(name)));
}

}  // namespace

class TestExperimentsUi : public QObject {
    Q_OBJECT
private slots:
    void timestepTrainsAndShowsTheInformativeStep();
    void timestepSettingsAreRead();
    void timestepPauseResumeAndStop();
    void timestepExports();
    void channelTrainsAndShowsTheInformativeChannel();
    void channelStopAndRestart();
    void spatialTrainsDrawsBoxesAndExports();
};

void TestExperimentsUi::timestepTrainsAndShowsTheInformativeStep() {
    TimestepWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The experiment's own defaults (T = 10, K = 2, 30,000 samples, one
    // epoch): small shortened runs settle on a neighbouring step for some
    // seeds, the defaults find K.
    const ap::TimestepOptions o = w.options();
    const int T = o.steps, K = o.informative;
    QTest::mouseClick(button(w, QStringLiteral("Train")), Qt::LeftButton);
    QVERIFY(w.isTraining());
    // The GUI is not blocked: the event loop runs while it trains.
    QTRY_VERIFY_WITH_TIMEOUT(w.finishedRuns() == 1, 120000);
    QVERIFY(!w.isTraining());
    QVERIFY(w.lastSnapshot().has_value());
    QVERIFY(w.lastSnapshot()->endOfEpoch);
    // Snapshots came during the epoch, not only at its end.
    QVERIFY(w.curves()->pointCount() >= TimestepWindow::kSnapshotsPerEpoch);
    const QVector<double> bars = w.chart()->values(0);
    QCOMPARE(bars.size(), T);
    QCOMPARE(w.chart()->markedPosition(), K);
    QCOMPARE(argmax(bars), K);
    QVERIFY(std::abs(std::accumulate(bars.begin(), bars.end(), 0.0) - 1.0) < 1e-5);
    for (int t = 0; t < T; ++t) QCOMPARE(bars[t], w.lastSnapshot()->attention[std::size_t(t)]);
    // The heatmap holds every test sample's attention over the steps.
    const ui::HeatmapData& h = w.heatmap()->data();
    QCOMPARE(h.rows(), o.testSamples);
    QCOMPARE(h.columns(), T);
    for (int r = 0; r < h.rows(); r += 37) QVERIFY(std::abs(h.values.row(r).sum() - 1.0f) < 1e-4f);
    QVERIFY(w.curves()->lastAccuracy() > 0.9);
    QCOMPARE(w.progressBar()->value(), w.progressBar()->maximum());
    saveScreenshot(w, "timestep.png");
}

void TestExperimentsUi::timestepSettingsAreRead() {
    TimestepWindow w;
    auto* steps = w.findChildren<QSpinBox*>().at(0);
    steps->setValue(6);
    auto* combo = w.findChild<QComboBox*>();
    combo->setCurrentIndex(1);
    w.findChild<QCheckBox*>()->setChecked(true);
    const ap::TimestepOptions o = w.options();
    QCOMPARE(o.steps, 6);
    QCOMPARE(o.placement, ap::AttentionPlacement::BeforeLstm);
    QVERIFY(o.sharedAttention);
    // K cannot go past the last step.
    auto* informative = w.findChildren<QSpinBox*>().at(1);
    QCOMPARE(informative->maximum(), 5);
}

void TestExperimentsUi::timestepPauseResumeAndStop() {
    TimestepWindow w;
    w.show();
    ap::TimestepOptions o = w.options();
    o.samples = 100000;  // long enough to be paused and stopped midway
    o.epochs = 20;
    o.units = 16;
    w.setOptions(o);
    w.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(w.progressBar()->value() > 5, 60000);
    w.pauseTraining();
    QVERIFY(w.isPaused());
    QTest::qWait(300);  // let a batch under way finish and its report arrive
    const int held = w.progressBar()->value();
    QTest::qWait(500);
    QCOMPARE(w.progressBar()->value(), held);
    // The report of the batch under way at the pause must not replace it.
    QCOMPARE(w.statusText(), QStringLiteral("Paused."));
    w.resumeTraining();
    QTRY_VERIFY_WITH_TIMEOUT(w.progressBar()->value() > held, 60000);
    QVERIFY(w.statusText() != QStringLiteral("Paused."));
    w.stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isTraining(), 60000);
    QCOMPARE(w.finishedRuns(), 0);
    QVERIFY(w.progressBar()->value() < w.progressBar()->maximum());
    // The buttons follow the worker's finished signal, queued to the GUI.
    QTRY_VERIFY(button(w, QStringLiteral("Train"))->isEnabled());
}

void TestExperimentsUi::timestepExports() {
    QTemporaryDir dir;
    TimestepWindow w;
    ap::TimestepOptions o = w.options();
    o.samples = 640;
    o.units = 8;
    w.setOptions(o);
    w.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(w.finishedRuns() == 1, 60000);
    QList<QByteArray> lines;
    expectExports(w, dir, QStringLiteral("chart"), QSize(640, 400), lines);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(lines.size(), 1 + o.steps);
    QCOMPARE(lines[0], QByteArray("step,attention,informative"));
    QVERIFY(lines[1 + o.informative].endsWith(",1"));
    QCOMPARE(lines[1].split(',')[1].toDouble(), w.lastSnapshot()->attention[0]);
    const QString heat = dir.filePath(QStringLiteral("heatmap.csv"));
    QCOMPARE(w.exportHeatmapCsv(heat), QString());
    QCOMPARE(readAll(heat).trimmed().split('\n').size(), 1 + o.testSamples);
    // A bad path names the file and leaves nothing behind.
    const QString bad = dir.filePath(QStringLiteral("missing/chart.png"));
    QCOMPARE(w.errorText(), QString());
    QVERIFY(w.exportChart(bad).contains(bad));
    // Errors go to the message bar; the status line keeps the last success.
    QVERIFY(w.errorText().contains(bad));
    QCOMPARE(w.statusText(), QStringLiteral("Saved %1.").arg(heat));
    QVERIFY(w.exportChart(dir.filePath(QStringLiteral("chart.bmp"))).contains(QStringLiteral("unknown image type")));
    QVERIFY(!QFileInfo::exists(bad));
    // The next run clears the message.
    w.startTraining();
    QCOMPARE(w.errorText(), QString());
    w.stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isTraining(), 60000);
}

void TestExperimentsUi::channelTrainsAndShowsTheInformativeChannel() {
    ChannelWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ap::ChannelOptions o = w.options();
    o.informative = 11;
    o.activation = ap::ExcitationActivation::Sigmoid;
    w.setOptions(o);
    QCOMPARE(w.options().activation, ap::ExcitationActivation::Sigmoid);
    QTest::mouseClick(button(w, QStringLiteral("Train")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.finishedRuns() == 1, 60000);
    QCOMPARE(w.chart()->seriesCount(), 3);
    const QVector<double> all = w.chart()->values(ChannelWindow::AllSamples);
    QCOMPARE(all.size(), 16);
    QCOMPARE(argmax(all), 11);
    QCOMPARE(w.chart()->markedPosition(), 11);
    QCOMPARE(w.chart()->values(ChannelWindow::ClassOne).size(), 16);
    for (int c = 0; c < 16; ++c) {
        QCOMPARE(all[c], w.lastSnapshot()->channelWeights[std::size_t(c)]);
        QCOMPARE(w.chart()->values(ChannelWindow::ClassZero)[c], w.lastSnapshot()->classWeights[0][std::size_t(c)]);
    }
    QVERIFY(w.lastSnapshot()->accuracy >= 0.95);
    QVERIFY(w.curves()->pointCount() >= 2);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("channels.csv"));
    QCOMPARE(w.exportCsv(csv), QString());
    const QList<QByteArray> lines = readAll(csv).trimmed().split('\n');
    QCOMPARE(lines.size(), 17);
    QCOMPARE(lines[0], QByteArray("channel,excitation,class_0,class_1,informative"));
    QVERIFY(lines[12].endsWith(",1"));
    QCOMPARE(w.exportChart(dir.filePath(QStringLiteral("channels.svg"))), QString());
    saveScreenshot(w, "channel.png");
}

void TestExperimentsUi::channelStopAndRestart() {
    ChannelWindow w;
    ap::ChannelOptions o = w.options();
    // Many cheap batches: a run that lasts, started and under way.
    const auto startLongRun = [&] {
        o.samples = 20000;
        o.batch = 1;
        o.epochs = 1000;
        w.setOptions(o);
        w.startTraining();
        return QTest::qWaitFor([&] { return w.progressBar()->value() > 10; }, 60000);
    };
    QVERIFY(startLongRun());
    // A new run while one is under way: the old one gives way and what it
    // still reports is dropped, so the views show only the new run.
    o.samples = 3000;
    o.batch = 64;
    o.epochs = 1;
    w.setOptions(o);
    w.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(w.finishedRuns() == 1, 60000);
    QCOMPARE(w.progressBar()->maximum(), (3000 + 63) / 64);
    QCOMPARE(w.lastSnapshot()->batchesPerEpoch, (3000 + 63) / 64);
    // Stop ends a long run early.
    QVERIFY(startLongRun());
    w.stopTraining();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isTraining(), 60000);
    // The worker is idle before its queued "run finished" reaches the window.
    QTRY_COMPARE(w.statusText(), QStringLiteral("Training stopped."));
    QCOMPARE(w.finishedRuns(), 1);
}

void TestExperimentsUi::spatialTrainsDrawsBoxesAndExports() {
    ui::SpatialWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // A small fast run; with AP_SCREENSHOT_DIR set, the experiment's
    // defaults, for the README's picture.
    const bool picture = !qEnvironmentVariable("AP_SCREENSHOT_DIR").isEmpty();
    ap::SpatialOptions o = w.options();
    QCOMPARE(o.transform.zoomPenalty, ap::SpatialOptions().transform.zoomPenalty);
    if (!picture) {
        o.transform.zoomPenalty = 0.5;
        o.distortion = ap::Distortion::Translate;
        o.samples = 640;
        o.testSamples = 60;
        o.epochs = 2;
        o.batch = 32;
    }
    w.setOptions(o);
    const ap::SpatialOptions read = w.options();
    QCOMPARE(read.distortion, o.distortion);
    QCOMPARE(read.samples, o.samples);
    QCOMPARE(read.batch, o.batch);
    QCOMPARE(read.transform.zoomPenalty, o.transform.zoomPenalty);
    QTest::mouseClick(button(w, QStringLiteral("Train")), Qt::LeftButton);
    QVERIFY(w.isTraining());
    QTRY_VERIFY_WITH_TIMEOUT(w.finishedRuns() == 1, picture ? 600000 : 120000);
    QVERIFY(w.lastSnapshot().has_value());
    QVERIFY(w.lastSnapshot()->endOfEpoch);
    // Both models' accuracy, several times per epoch.
    QVERIFY(w.curves()->pointCount() >= 2 * ui::SpatialWindow::kSnapshotsPerEpoch);
    QCOMPARE(w.curves()->comparisonPointCount(), w.curves()->pointCount());
    QCOMPARE(w.curves()->lastAccuracy(), w.lastSnapshot()->accuracy);
    QVERIFY(w.lastSnapshot()->accuracy > 0.2);  // chance is 0.1
    // The curves' legend, four entries with the baseline's, stands below the
    // axes, never over a curve.
    auto* curvesPlot = w.curves()->findChild<QCustomPlot*>();
    QVERIFY(curvesPlot);
    curvesPlot->replot();
    QCOMPARE(curvesPlot->legend->itemCount(), 4);
    QVERIFY(!curvesPlot->legend->outerRect().intersects(curvesPlot->axisRect()->rect()));
    QVERIFY(curvesPlot->rect().contains(curvesPlot->legend->outerRect()));
    QCOMPARE(int(w.grid()->samples().size()), ui::SpatialWindow::kGridSamples);
    // The sampled regions are drawn: orange pixels on the grid.
    QImage shot(QSize(720, 480), QImage::Format_RGB32);
    {
        QPainter p(&shot);
        w.grid()->paint(p, QSizeF(shot.size()));
    }
    int orange = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x) {
            const QColor c = shot.pixelColor(x, y);
            orange += int(c.red() > 200 && c.green() > 100 && c.green() < 180 && c.blue() < 80);
        }
    QVERIFY2(orange > 12 * 40, qPrintable(QString::number(orange)));
    QTemporaryDir dir;
    QList<QByteArray> lines;
    expectExports(w, dir, QStringLiteral("grid"), QSize(800, 560), lines);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(lines.size(), 1 + ui::SpatialWindow::kGridSamples);
    QVERIFY(lines[0].startsWith("sample,label,predicted"));
    QCOMPARE(lines[1].split(',')[1].toInt(), w.grid()->samples()[0].label);
    const QString bad = dir.filePath(QStringLiteral("missing/grid.png"));
    QVERIFY(w.exportChart(bad).contains(bad));
    QVERIFY(!QFileInfo::exists(bad));
    saveScreenshot(w, "spatial.png");
}

QTEST_MAIN(TestExperimentsUi)
#include "test_experiments_ui.moc"
