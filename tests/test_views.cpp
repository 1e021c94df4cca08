// The self-contained widgets of the playground: plain data in,
// signals out, driven the way a user drives them (keys, clicks).
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/export_dialog.h"
#include "render/chart_text.h"
#include "render/head_grid_renderer.h"
#include "render/heatmap_renderer.h"
#include "document/scene_document.h"
#include "widgets/playground/controls_panel.h"
#include "widgets/playground/temperature_field.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/output_view.h"
#include "isolated_settings.h"

#include <QtTest>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>

#include <cmath>

Q_DECLARE_METATYPE(ap::Scoring)
Q_DECLARE_METATYPE(ap::Normalization)
Q_DECLARE_METATYPE(ui::HeadChoice)

namespace {

// Two queries, three keys, two heads, made by hand so that the views are
// tested on known numbers, independent of the engine.
struct Fixture {
    ap::Scene scene;
    ap::AttentionResult result;
};

Fixture twoHeads() {
    Fixture f;
    f.scene.queryTokens = {"I", "am"};
    f.scene.keyTokens = {"Je", "suis", "étudiant"};
    f.scene.queries = ap::Matrix::Zero(2, 4);
    f.scene.keys = ap::Matrix::Zero(3, 4);
    f.scene.heads = 2;
    f.result.mask = ap::MaskMatrix::Constant(2, 3, false);
    f.result.mask(0, 2) = true;
    for (int h = 0; h < 2; ++h) {
        ap::HeadResult head;
        head.scores.resize(2, 3);
        head.scores << 1.f + h, 2.f, -3.f, 0.5f, 0.25f * float(h), 4.f;
        head.weights.resize(2, 3);
        head.weights << 0.25f, 0.75f, 0.f, 0.2f, 0.3f, 0.5f;
        head.context = ap::Matrix::Zero(2, 2);
        f.result.heads.push_back(head);
    }
    f.result.weightsMean = f.result.heads[0].weights;
    f.result.output = ap::Matrix::Zero(2, 4);
    return f;
}

template <typename T>
T* child(QWidget& parent, const char* name) {
    auto* w = parent.findChild<T*>(QLatin1String(name));
    if (!w) qFatal("no child %s", name);
    return w;
}

QStringList comboTexts(QComboBox* combo) {
    QStringList out;
    for (int i = 0; i < combo->count(); ++i) out << combo->itemText(i);
    return out;
}

}  // namespace

class TestViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { isolateSettings(); }
    void controlsSetStateEmitsNothing();
    void controlsDriveTheDocument();
    void controlsCombosEmitOnUserAction();
    void controlsSwitchesEmitOnClick();
    void controlsTemperatureLogMapping();
    void controlsEchoedTemperatureKeepsTheSlider();
    void controlsSliderAndSpinStayInSync();
    void controlsHeadsListExactlyTheDivisors();
    void controlsTopKSpinOnlyForTopK();
    void controlsEveryControlHasAFormulaTooltip();
    void outputModelIsAValidModel();
    void outputMarksFullyMaskedRows();
    void headGridClickSelectsThatHead();
    void headGridSamplesLargeHeads();
    void headGridExportIsTheScreenDrawing();
    void barChartHoldsTheRow();
    void barChartScoresAxisFitsNegativeValues();
    void barChartValueLabelsFitUnderTheTitle();
    void emptyHeatmapDrawsNoColorBar();
    void heatmapClickEmitsTheCell();
    void heatmapToolTipGivesEveryPart();
    void titleKeepsTheHeadWhenCut();
    void defaultExportShowsTheWholeTitle();
    void exportDialogRemembersItsChoices();
    void fullyMaskedRowsAreRed();
    void colorBarTicksAreRound();
    void heatmapZoomsWithKeysAndWheel();
    void heatmapPansByDragAndWheel();
    void heatmapKeyboardMovesTheSelection();
    void heatmapFindsATokenAndJumpsToIt();
    void heatmapScrollBarsFollowAndMoveTheView();
    void barChartFollowsTheVisibleKeys();
    void headGridThumbnailsGiveLabelsRoomToCells();
};

namespace {

// A 40 × 40 map whose cells all differ, so that a pixel names its cell.
ui::HeatmapData gradientMap() {
    ui::HeatmapData d;
    const int n = 40;
    for (int i = 0; i < n; ++i) {
        d.rowLabels << QStringLiteral("q%1").arg(i);
        d.columnLabels << QStringLiteral("k%1").arg(i);
    }
    d.rowLabels[30] = QStringLiteral("Needle");
    d.columnLabels[7] = QStringLiteral("haystack");
    d.values.resize(n, n);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) d.values(r, c) = float(r * n + c) / float(n * n);
    d.scaleLabel = QStringLiteral("weight");
    return d;
}

}  // namespace

void TestViews::colorBarTicksAreRound() {
    auto same = [](const std::vector<double>& got, const std::vector<double>& want) {
        if (got.size() != want.size()) return false;
        for (std::size_t i = 0; i < got.size(); ++i)
            if (std::abs(got[i] - want[i]) > 1e-12 * std::max(1.0, std::abs(want[i]))) return false;
        return true;
    };
    QVERIFY(same(ui::niceTicks(0, 1, 6), {0, 0.2, 0.4, 0.6, 0.8, 1}));
    QVERIFY(same(ui::niceTicks(-3.7, 2.1, 6), {-2, 0, 2}));
    QVERIFY(same(ui::niceTicks(0.0013, 0.0049, 6), {0.002, 0.003, 0.004}));
    QVERIFY(same(ui::niceTicks(-1, 1, 6), {-1, -0.5, 0, 0.5, 1}));
    QVERIFY(same(ui::niceTicks(2, 2, 6), {2}));
    // Zero is printed as 0, never as a rounding residue.
    for (double v : ui::niceTicks(-0.3, 0.3, 7)) QVERIFY(v == 0.0 || std::abs(v) >= 0.05);
}

void TestViews::heatmapZoomsWithKeysAndWheel() {
    ui::HeatmapView view;
    view.resize(600, 500);
    view.setShowNumbers(false);
    view.setData(gradientMap());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.visibleCells(), QRect(0, 0, 40, 40));
    QTest::keyClick(&view, Qt::Key_Plus);
    QCOMPARE(view.visibleCells().size(), QSize(20, 20));
    QTest::keyClick(&view, Qt::Key_Plus);
    QCOMPARE(view.visibleCells().size(), QSize(10, 10));
    // The zoomed drawing shows each cell in its own colour: the pixel at a
    // cell's centre is that cell's colour in the prepared image.
    const QRect vis = view.visibleCells();
    const QImage shot = view.grab().toImage();
    const QImage cells = ui::heatmapCellImage(gradientMap(), view.style().colormap);
    for (const QPoint& cell : {vis.topLeft(), vis.bottomRight(), vis.center()}) {
        const QPoint at = view.cellCenter(cell.y(), cell.x()) * shot.devicePixelRatio();
        QCOMPARE(shot.pixelColor(at), cells.pixelColor(cell));
    }
    QTest::keyClick(&view, Qt::Key_Minus);
    QCOMPARE(view.visibleCells().size(), QSize(20, 20));
    QTest::keyClick(&view, Qt::Key_0);
    QCOMPARE(view.visibleCells(), QRect(0, 0, 40, 40));

    // Ctrl+wheel zooms around the cell under the pointer.
    const QPoint pointer = view.cellCenter(30, 30);
    QWheelEvent in(pointer, view.mapToGlobal(pointer), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &in);
    QCOMPARE(view.visibleCells().size(), QSize(20, 20));
    QVERIFY(view.visibleCells().contains(QPoint(30, 30)));
    QWheelEvent out(pointer, view.mapToGlobal(pointer), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ControlModifier,
                    Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &out);
    QCOMPARE(view.visibleCells(), QRect(0, 0, 40, 40));
}

void TestViews::heatmapPansByDragAndWheel() {
    ui::HeatmapView view;
    view.resize(600, 500);
    view.setData(gradientMap());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setVisibleCells(QRect(10, 10, 10, 10));
    QCOMPARE(view.visibleCells(), QRect(10, 10, 10, 10));
    // Dragging the grid three cells to the left shows three more on the right.
    const QPoint from = view.cellCenter(15, 15);
    const QPoint to = view.cellCenter(15, 12);
    QTest::mousePress(&view, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), view.mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&view, &move);
    QTest::mouseRelease(&view, Qt::LeftButton, {}, to);
    QCOMPARE(view.visibleCells(), QRect(13, 10, 10, 10));
    // The wheel scrolls down by a tenth of the view; the edge stops it.
    const QPoint p = view.cellCenter(15, 15);
    QWheelEvent down(p, view.mapToGlobal(p), QPoint(), QPoint(0, -120 * 50), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &down);
    QCOMPARE(view.visibleCells(), QRect(13, 30, 10, 10));
}

void TestViews::heatmapKeyboardMovesTheSelection() {
    ui::HeatmapView view;
    view.resize(600, 500);
    view.setData(gradientMap());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy rows(&view, &ui::HeatmapView::rowActivated);
    view.setSelectedCell(QPoint(0, 0));
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.selectedCell(), std::optional<QPoint>(QPoint(1, 2)));
    QTest::keyClick(&view, Qt::Key_Left);
    QTest::keyClick(&view, Qt::Key_Left);  // stops at the edge
    QCOMPARE(view.selectedCell(), std::optional<QPoint>(QPoint(0, 2)));
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(rows.count(), 1);
    QCOMPARE(rows.last().at(0).toInt(), 2);
    // Zoomed in, moving past the edge of the view scrolls it.
    view.setVisibleCells(QRect(0, 0, 5, 5));
    for (int i = 0; i < 6; ++i) QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.selectedCell(), std::optional<QPoint>(QPoint(0, 8)));
    QVERIFY(view.visibleCells().contains(QPoint(0, 8)));
    QCOMPARE(view.visibleCells().size(), QSize(5, 5));
    // Zoom to the selection: the selected cell with context around it.
    view.fitToWindow();
    QTest::keyClick(&view, Qt::Key_Z);
    QVERIFY(view.visibleCells().contains(QPoint(0, 8)));
    QVERIFY(view.visibleCells().width() < 40);
}

void TestViews::heatmapFindsATokenAndJumpsToIt() {
    ui::HeatmapView view;
    view.resize(600, 500);
    view.setData(gradientMap());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setVisibleCells(QRect(0, 0, 8, 8));
    QVERIFY(view.findToken(QStringLiteral("NEEDLE")));
    QCOMPARE(view.selectedCell()->y(), 30);
    QVERIFY(view.visibleCells().contains(*view.selectedCell()));
    // Keys too, and the next match after the last one.
    QVERIFY(view.findToken(QStringLiteral("stack")));
    QCOMPARE(view.selectedCell(), std::optional<QPoint>(QPoint(7, 30)));
    QVERIFY(view.visibleCells().contains(QPoint(7, 30)));
    QVERIFY(!view.findToken(QStringLiteral("absent")));
}

void TestViews::fullyMaskedRowsAreRed() {
    ui::HeatmapData d;
    d.rowLabels = d.columnLabels = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    d.values = ap::Matrix::Constant(2, 2, 0.5f);
    d.values.row(1).setZero();
    d.mask = ap::MaskMatrix::Constant(2, 2, false);
    d.mask.row(1).setConstant(true);
    d.fullyMaskedRows = {1};
    d.scaleLabel = QStringLiteral("weight");
    ui::HeatmapStyle style;
    style.numbersWhenTheyFit = false;
    const ui::HeatmapLayout L = ui::layoutHeatmap(d, QSizeF(400, 300), style);
    QImage image(400, 300, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    ui::paintHeatmap(p, d, L, style);
    p.end();
    auto at = [&](int row, double x) {
        return image.pixelColor(
            QPointF(L.cells.left() + x * L.cellWidth, L.cells.top() + (row + 0.5) * L.cellHeight).toPoint());
    };
    // Every sampled point of the masked row, hatch or not, leans red.
    for (double x : {0.3, 0.5, 0.7, 1.3, 1.5}) {
        const QColor c = at(1, x);
        QVERIFY2(c.red() > c.green() + 40 && c.red() > c.blue() + 40, qPrintable(c.name()));
    }
    const QColor other = at(0, 0.5);
    QVERIFY(!(other.red() > other.green() + 40 && other.red() > other.blue() + 40));
}

void TestViews::titleKeepsTheHeadWhenCut() {
    const QFontMetricsF fm(ui::pixelFont(QStringLiteral("DejaVu Sans"), 14, true));
    const QString keep = QStringLiteral("head 3 (of 8 heads)");
    const QString title =
        QStringLiteral("A very long scene title that goes on and on · dot · softmax · T = 1 · ") + keep;
    QCOMPARE(ui::fitTitle(title, keep, fm, fm.horizontalAdvance(title) + 1), title);
    const double width = fm.horizontalAdvance(keep) * 2;
    const QString shown = ui::fitTitle(title, keep, fm, width);
    QVERIFY(shown.endsWith(keep));
    QVERIFY(shown.startsWith(QStringLiteral("A very")));
    QVERIFY(shown.contains(QChar(0x2026)));
    QVERIFY(fm.horizontalAdvance(shown) <= width);
    // Narrower than the kept part: that part alone, elided.
    QVERIFY(fm.horizontalAdvance(ui::fitTitle(title, keep, fm, 40)) <= 40);
}

void TestViews::defaultExportShowsTheWholeTitle() {
    // The longest title of the built-in controls at the export dialog's
    // smallest default size (640 × 480).
    ui::HeatmapData d;
    d.titleKeep = QStringLiteral("head 16 (of 16 heads)");
    d.title = QStringLiteral("Two heads · additive (Bahdanau) · top-k (k = 12) · T = 0.0512 · ") + d.titleKeep;
    d.rowLabels = d.columnLabels = QStringList{QStringLiteral("a"), QStringLiteral("b")};
    d.values = ap::Matrix::Constant(2, 2, 0.5f);
    d.scaleLabel = QStringLiteral("weight");
    const ui::HeatmapStyle style;
    const ui::HeatmapLayout L = ui::layoutHeatmap(d, QSizeF(640, 480), style);
    QVERIFY(QFontMetricsF(L.titleFont).horizontalAdvance(d.title) <= L.title.width());
}

void TestViews::exportDialogRemembersItsChoices() {
    QSettings().remove(QStringLiteral("export"));
    {
        ui::ExportDialog dialog(QSize(700, 500), true);
        QCOMPARE(dialog.imageSize(), QSize(700, 500));
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("exportTarget"));
        QVERIFY(target);
        target->setCurrentIndex(target->findData(int(ui::ExportDialog::Target::HeadGrid)));
        dialog.findChild<QSpinBox*>(QStringLiteral("exportWidth"))->setValue(1234);
        dialog.findChild<QSpinBox*>(QStringLiteral("exportHeight"))->setValue(567);
        dialog.accept();
        ui::ExportDialog::rememberFormat(QStringLiteral("SVG"));
    }
    ui::ExportDialog again(QSize(700, 500), true);
    QCOMPARE(again.target(), ui::ExportDialog::Target::HeadGrid);
    QCOMPARE(again.imageSize(), QSize(1234, 567));
    QCOMPARE(ui::ExportDialog::lastFormat(), QStringLiteral("svg"));
    QSettings().remove(QStringLiteral("export"));
    QCOMPARE(ui::ExportDialog::lastFormat(), QStringLiteral("png"));
}

void TestViews::controlsSetStateEmitsNothing() {
    ui::ControlsPanel panel;
    QList<QSignalSpy*> spies;
    const char* signalNames[] = {SIGNAL(scoringChanged(ap::Scoring)),
                                 SIGNAL(normalizationChanged(ap::Normalization)),
                                 SIGNAL(topKChanged(int)),
                                 SIGNAL(temperatureChanged(float)),
                                 SIGNAL(headsChanged(int)),
                                 SIGNAL(causalChanged(bool)),
                                 SIGNAL(maskEditModeToggled(bool)),
                                 SIGNAL(selfAttentionToggled(bool)),
                                 SIGNAL(kEqualsVToggled(bool)),
                                 SIGNAL(showScoresToggled(bool))};
    for (const char* s : signalNames) spies << new QSignalSpy(&panel, s);

    ui::ControlsState s;
    s.scoring = ap::Scoring::Additive;
    s.normalization = ap::Normalization::TopK;
    s.k = 3;
    s.temperature = 2.5f;
    s.availableHeads = {1, 2, 4};
    s.heads = 4;
    s.causal = true;
    s.maskEditMode = true;
    s.selfAttention = true;
    s.kEqualsV = true;
    s.showScores = true;
    panel.setState(s);

    for (QSignalSpy* spy : spies) {
        QVERIFY2(spy->isEmpty(), spy->signal().constData());
        delete spy;
    }
    const ui::ControlsState shown = panel.state();
    QCOMPARE(shown.scoring, s.scoring);
    QCOMPARE(shown.normalization, s.normalization);
    QCOMPARE(shown.k, 3);
    QCOMPARE(shown.temperature, 2.5f);
    QCOMPARE(shown.heads, 4);
    QCOMPARE(shown.availableHeads, s.availableHeads);
    QVERIFY(shown.causal && shown.maskEditMode && shown.selfAttention && shown.kEqualsV && shown.showScores);
}

void TestViews::controlsCombosEmitOnUserAction() {
    ui::ControlsPanel panel;
    ui::ControlsState s;
    s.availableHeads = {1, 2, 4};
    panel.setState(s);
    auto* scoring = child<QComboBox>(panel, "scoringCombo");
    auto* norm = child<QComboBox>(panel, "normalizationCombo");
    auto* heads = child<QComboBox>(panel, "headsCombo");
    auto* mask = child<QComboBox>(panel, "maskPresetCombo");
    QSignalSpy scoringSpy(&panel, &ui::ControlsPanel::scoringChanged);
    QSignalSpy normSpy(&panel, &ui::ControlsPanel::normalizationChanged);
    QSignalSpy headsSpy(&panel, &ui::ControlsPanel::headsChanged);
    QSignalSpy causalSpy(&panel, &ui::ControlsPanel::causalChanged);

    // scaled dot -> general (Luong) -> ... -> cosine, as arrow keys do it.
    QTest::keyClick(scoring, Qt::Key_Down);
    QCOMPARE(scoringSpy.count(), 1);
    QCOMPARE(scoringSpy.last().at(0).value<ap::Scoring>(), ap::Scoring::General);
    QTest::keyClick(scoring, Qt::Key_End);
    QCOMPARE(scoringSpy.last().at(0).value<ap::Scoring>(), ap::Scoring::Cosine);
    QTest::keyClick(scoring, Qt::Key_Home);
    QCOMPARE(scoringSpy.last().at(0).value<ap::Scoring>(), ap::Scoring::Dot);

    QTest::keyClick(norm, Qt::Key_End);
    QCOMPARE(normSpy.count(), 1);
    QCOMPARE(normSpy.last().at(0).value<ap::Normalization>(), ap::Normalization::Sample);
    QTest::keyClick(norm, Qt::Key_Up);
    QCOMPARE(normSpy.last().at(0).value<ap::Normalization>(), ap::Normalization::Sparsemax);
    QTest::keyClick(norm, Qt::Key_Up);
    QCOMPARE(normSpy.last().at(0).value<ap::Normalization>(), ap::Normalization::TopK);

    QTest::keyClick(heads, Qt::Key_End);
    QCOMPARE(headsSpy.count(), 1);
    QCOMPARE(headsSpy.last().at(0).toInt(), 4);

    QTest::keyClick(mask, Qt::Key_Down);
    QCOMPARE(causalSpy.count(), 1);
    QCOMPARE(causalSpy.last().at(0).toBool(), true);
    QTest::keyClick(mask, Qt::Key_Up);
    QCOMPARE(causalSpy.last().at(0).toBool(), false);
}

// connectToDocument: each action reaches the document; what it refuses
// comes back as one message, and the switches ask for the panel to be
// shown again.
void TestViews::controlsDriveTheDocument() {
    ui::ControlsPanel panel;
    ui::SceneDocument document;
    QStringList messages;
    int resyncs = 0;
    ui::connectToDocument(
        &panel, &document, &panel, [&](const QString& m) { messages << m; }, [&] { ++resyncs; });
    emit panel.scoringChanged(ap::Scoring::Dot);
    QCOMPARE(document.scene().scoring, ap::Scoring::Dot);
    emit panel.normalizationChanged(ap::Normalization::TopK);
    emit panel.topKChanged(1);
    QCOMPARE(document.scene().normalization, ap::Normalization::TopK);
    QCOMPARE(document.scene().topK, 1);
    emit panel.temperatureChanged(2.0f);
    emit panel.causalChanged(true);
    QCOMPARE(document.scene().temperature, 2.0f);
    QVERIFY(document.scene().mask.causal);
    emit panel.samplesChanged(3);
    QCOMPARE(document.scene().samples, 3);
    emit panel.seedChanged(42);
    QCOMPARE(document.scene().seed, std::uint64_t(42));
    emit panel.resampleRequested();
    QVERIFY(document.scene().seed != 42);
    QVERIFY(messages.isEmpty());
    const int d = int(document.scene().queries.cols());
    emit panel.headsChanged(d + 1);  // cannot divide d
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().contains(QStringLiteral("%1 heads").arg(d + 1)), qPrintable(messages.first()));
    QCOMPARE(document.scene().heads, 1);
    emit panel.headsChanged(2);
    QCOMPARE(document.scene().heads, 2);
    emit panel.selfAttentionToggled(true);
    QVERIFY(document.selfAttention());
    QCOMPARE(resyncs, 1);
    emit panel.kEqualsVToggled(true);
    QCOMPARE(resyncs, 2);
    QCOMPARE(messages.size(), 1);
}

void TestViews::controlsSwitchesEmitOnClick() {
    ui::ControlsPanel panel;
    panel.resize(panel.sizeHint());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy maskEdit(&panel, &ui::ControlsPanel::maskEditModeToggled);
    QSignalSpy self(&panel, &ui::ControlsPanel::selfAttentionToggled);
    QSignalSpy kv(&panel, &ui::ControlsPanel::kEqualsVToggled);
    QSignalSpy scores(&panel, &ui::ControlsPanel::showScoresToggled);

    QTest::mouseClick(child<QPushButton>(panel, "maskEditButton"), Qt::LeftButton);
    QCOMPARE(maskEdit.count(), 1);
    QCOMPARE(maskEdit.last().at(0).toBool(), true);

    // Check boxes take clicks on their indicator and text, at the left end.
    auto clickCheck = [&panel](const char* name) {
        auto* box = child<QCheckBox>(panel, name);
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
    };
    clickCheck("kEqualsVCheck");
    QCOMPARE(kv.count(), 1);
    QCOMPARE(kv.last().at(0).toBool(), true);

    clickCheck("showScoresCheck");
    QCOMPARE(scores.count(), 1);
    QCOMPARE(scores.last().at(0).toBool(), true);

    clickCheck("selfAttentionCheck");
    QCOMPARE(self.count(), 1);
    QCOMPARE(self.last().at(0).toBool(), true);
    // Q = K = V implies K = V: that switch has nothing left to do.
    QVERIFY(!child<QCheckBox>(panel, "kEqualsVCheck")->isEnabled());
    clickCheck("selfAttentionCheck");
    QCOMPARE(self.last().at(0).toBool(), false);
    QVERIFY(child<QCheckBox>(panel, "kEqualsVCheck")->isEnabled());
}

void TestViews::controlsTemperatureLogMapping() {
    using P = ui::TemperatureField;
    QCOMPARE(P::temperatureForSlider(0), 0.05);
    QCOMPARE(P::temperatureForSlider(P::kSliderSteps), 20.0);
    QCOMPARE(P::temperatureForSlider(P::kSliderSteps / 2), 1.0);
    // Logarithmic: a quarter of the way is the geometric mean of 0.05 and 1.
    QVERIFY(std::abs(P::temperatureForSlider(P::kSliderSteps / 4) - std::sqrt(0.05)) < 0.003);
    QCOMPARE(P::sliderForTemperature(1.0), P::kSliderSteps / 2);
    QCOMPARE(P::sliderForTemperature(0.001), 0);
    QCOMPARE(P::sliderForTemperature(500.0), P::kSliderSteps);
    // Slider temperatures are rounded to three digits: back on the slider
    // they land within one step of where they came from.
    for (int pos = 0; pos <= P::kSliderSteps; ++pos)
        QVERIFY(std::abs(P::sliderForTemperature(P::temperatureForSlider(pos)) - pos) <= 1);
}

void TestViews::controlsEchoedTemperatureKeepsTheSlider() {
    // While dragging, the document sends each temperature back through
    // setState; the slider must not jump under the mouse.
    ui::ControlsPanel panel;
    auto* slider = child<QSlider>(panel, "temperatureSlider");
    QSignalSpy spy(&panel, &ui::ControlsPanel::temperatureChanged);
    for (int pos = 100; pos < 200; ++pos) {
        slider->setValue(pos);
        ui::ControlsState s = panel.state();
        s.temperature = spy.isEmpty() ? s.temperature : spy.last().at(0).toFloat();
        panel.setState(s);
        QCOMPARE(slider->value(), pos);
    }
}

void TestViews::controlsSliderAndSpinStayInSync() {
    ui::ControlsPanel panel;
    auto* slider = child<QSlider>(panel, "temperatureSlider");
    auto* spin = child<QDoubleSpinBox>(panel, "temperatureSpin");
    QSignalSpy spy(&panel, &ui::ControlsPanel::temperatureChanged);
    QCOMPARE(slider->value(), ui::TemperatureField::kSliderSteps / 2);

    QTest::keyClick(slider, Qt::Key_Home);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toFloat(), 0.05f);
    QCOMPARE(spin->value(), 0.05);

    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toFloat(), 20.f);
    QCOMPARE(spin->value(), 20.0);

    // Dragging emits on every step that changes the number.
    slider->setSliderDown(true);
    for (int pos = 600; pos >= 500; pos -= 50) slider->setValue(pos);
    slider->setSliderDown(false);
    QCOMPARE(spy.count(), 5);
    QCOMPARE(spy.last().at(0).toFloat(), 1.f);
    QCOMPARE(spin->value(), 1.0);

    // Typing into the box moves the slider without the slider emitting too.
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("2.5"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(spy.count(), 6);
    QCOMPARE(spy.last().at(0).toFloat(), 2.5f);
    QCOMPARE(slider->value(), ui::TemperatureField::sliderForTemperature(2.5));
    QVERIFY(slider->value() > ui::TemperatureField::kSliderSteps / 2);

    // A temperature beyond the slider's reach rests the slider at its end.
    ui::ControlsState s;
    s.temperature = 100.f;
    panel.setState(s);
    QCOMPARE(spin->value(), 100.0);
    QCOMPARE(slider->value(), ui::TemperatureField::kSliderSteps);
    QCOMPARE(spy.count(), 6);
}

void TestViews::controlsHeadsListExactlyTheDivisors() {
    QCOMPARE(ui::commonDivisors(12, 8), (std::vector<int>{1, 2, 4}));
    QCOMPARE(ui::commonDivisors(12, 18), (std::vector<int>{1, 2, 3, 6}));
    QCOMPARE(ui::commonDivisors(7, 5), (std::vector<int>{1}));
    // No more heads than the engine's limit.
    QCOMPARE(ui::commonDivisors(64, 64), (std::vector<int>{1, 2, 4, 8, 16}));

    ui::ControlsPanel panel;
    auto* heads = child<QComboBox>(panel, "headsCombo");
    QSignalSpy spy(&panel, &ui::ControlsPanel::headsChanged);
    ui::ControlsState s;
    s.availableHeads = ui::commonDivisors(12, 18);
    s.heads = 3;
    panel.setState(s);
    QCOMPARE(comboTexts(heads), (QStringList{"1", "2", "3", "6"}));
    QCOMPARE(heads->currentText(), QStringLiteral("3"));
    panel.setAvailableHeads({1, 3});
    QCOMPARE(comboTexts(heads), (QStringList{"1", "3"}));
    QCOMPARE(heads->currentText(), QStringLiteral("3"));
    QVERIFY(spy.isEmpty());
}

void TestViews::controlsTopKSpinOnlyForTopK() {
    ui::ControlsPanel panel;
    auto* k = child<QSpinBox>(panel, "topKSpin");
    auto* norm = child<QComboBox>(panel, "normalizationCombo");
    ui::ControlsState s;
    s.normalization = ap::Normalization::Softmax;
    panel.setState(s);
    QVERIFY(!k->isEnabled());
    s.normalization = ap::Normalization::TopK;
    panel.setState(s);
    QVERIFY(k->isEnabled());
    QTest::keyClick(norm, Qt::Key_Down);  // top-k -> sparsemax
    QVERIFY(!k->isEnabled());
    QTest::keyClick(norm, Qt::Key_Up);
    QVERIFY(k->isEnabled());

    QSignalSpy spy(&panel, &ui::ControlsPanel::topKChanged);
    QTest::keyClick(k, Qt::Key_Up);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), s.k + 1);
}

void TestViews::controlsEveryControlHasAFormulaTooltip() {
    ui::ControlsPanel panel;
    auto* scoring = child<QComboBox>(panel, "scoringCombo");
    const QStringList names = comboTexts(scoring);
    QCOMPARE(names, (QStringList{"dot", "scaled dot", "general (Luong)", "additive (Bahdanau)", "cosine"}));
    QCOMPARE(scoring->itemData(1, Qt::ToolTipRole).toString().left(19), QStringLiteral("score = q·k / √dₕ ("));
    QVERIFY(scoring->itemData(3, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("score = vᵀ tanh(W_q q + W_k k) (Bahdanau et al. 2015)")));
    auto* norm = child<QComboBox>(panel, "normalizationCombo");
    QCOMPARE(comboTexts(norm), (QStringList{"softmax", "hard", "top-k", "sparsemax", "sample"}));
    QCOMPARE(norm->itemData(0, Qt::ToolTipRole).toString(), QStringLiteral("wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T)"));
    QVERIFY(norm->itemData(3, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("argmin_{p∈Δ} ‖p − s/T‖² (Martins & Astudillo 2016)")));
    // The closed combo names the formula in use.
    QCOMPARE(scoring->toolTip(), scoring->itemData(scoring->currentIndex(), Qt::ToolTipRole).toString());
    for (QWidget* w : panel.findChildren<QWidget*>()) {
        if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSlider*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
            qobject_cast<QAbstractButton*>(w))
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
    }
}

void TestViews::outputModelIsAValidModel() {
    ui::OutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ap::Matrix out(3, 2);
    out << 1, 2, 0, 0, 5.5f, -6;
    model.setOutput(out, {"I", "am", "a"}, {1});
    out(0, 0) = 7;  // same shape: updated in place
    model.setOutput(out, {"I", "am", "a"}, {});
    model.setOutput(ap::Matrix::Zero(1, 4), {"x"}, {0});  // new shape: reset
    model.setOutput(ap::Matrix(), {}, {});
    QCOMPARE(model.rowCount(), 0);
}

void TestViews::outputMarksFullyMaskedRows() {
    ui::OutputView view;
    ap::Matrix out(3, 2);
    out << 1, 2, 0, 0, 5.5f, -6;
    view.setOutput(out, {"I", "am", "a"}, {1});
    const ui::OutputModel* m = view.model();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->columnCount(), 2);
    QCOMPARE(m->headerData(0, Qt::Vertical).toString(), QStringLiteral("I"));
    QCOMPARE(m->data(m->index(2, 1)).toString(), QStringLiteral("-6"));
    QCOMPARE(m->data(m->index(2, 0), Qt::ToolTipRole).toString(), QStringLiteral("5.5"));
    QVERIFY(!m->headerData(0, Qt::Vertical, Qt::ForegroundRole).isValid());
    QCOMPARE(m->headerData(1, Qt::Vertical, Qt::ForegroundRole).value<QBrush>().color(), QColor(0xb0, 0x00, 0x20));
    QCOMPARE(m->headerData(1, Qt::Vertical, Qt::ToolTipRole).toString(),
             QStringLiteral("all keys masked: weights and context are 0"));
    QVERIFY(!(m->flags(m->index(0, 0)) & Qt::ItemIsEditable));
}

void TestViews::headGridClickSelectsThatHead() {
    const Fixture f = twoHeads();
    ui::HeadGridView grid;
    grid.resize(480, 240);
    grid.setResult(f.scene, f.result, ui::HeatmapQuantity::Weights);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QCOMPARE(int(grid.tiles().size()), 3);
    QCOMPARE(grid.tiles()[0].caption, QStringLiteral("head 0"));
    QCOMPARE(grid.tiles()[1].caption, QStringLiteral("head 1"));
    QCOMPARE(grid.tiles()[2].caption, QStringLiteral("mean"));
    QVERIFY(!grid.tileRect(1).intersects(grid.tileRect(0)));

    QSignalSpy spy(&grid, &ui::HeadGridView::headSelected);
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(1).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).value<ui::HeadChoice>().head, 1);
    QCOMPARE(grid.selected().head, 1);
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(2).center());
    QVERIFY(spy.last().at(0).value<ui::HeadChoice>().isMean());

    // Scores share one range so that the one colour scale reads every tile.
    grid.setResult(f.scene, f.result, ui::HeatmapQuantity::Scores);
    for (const ui::HeadTile& t : grid.tiles()) {
        QCOMPARE(t.data.minValue, grid.tiles()[0].data.minValue);
        QCOMPARE(t.data.maxValue, grid.tiles()[0].data.maxValue);
    }
    QCOMPARE(grid.tiles()[0].data.maxValue, 4.0);  // masked -3 is left out
}

void TestViews::headGridSamplesLargeHeads() {
    // 600 x 500 cells become 256 x 256 evenly spread samples; the mask and
    // the values go with their cells.
    ap::Scene scene;
    scene.queries = ap::Matrix::Zero(600, 2);
    scene.keys = ap::Matrix::Zero(500, 2);
    ap::AttentionResult result;
    result.mask = ap::MaskMatrix::Constant(600, 500, false);
    result.mask.col(499).setConstant(true);
    ap::HeadResult head;
    head.weights.resize(600, 500);
    for (int i = 0; i < 600; ++i)
        for (int j = 0; j < 500; ++j) head.weights(i, j) = float(i * 1000 + j);
    head.scores = head.weights;
    result.heads = {head};
    result.weightsMean = head.weights;
    const auto tiles = ui::headTilesFromResult(scene, result, ui::HeatmapQuantity::Weights);
    QCOMPARE(int(tiles.size()), 1);
    const ui::HeatmapData& d = tiles[0].data;
    QCOMPARE(d.rows(), ui::kMaxTileCells);
    QCOMPARE(d.columns(), ui::kMaxTileCells);
    QVERIFY(tiles[0].sampled());
    QCOMPARE(tiles[0].sourceRows, 600);
    const int i = 100, j = 200;
    const int si = i * 600 / ui::kMaxTileCells, sj = j * 500 / ui::kMaxTileCells;
    QCOMPARE(d.values(i, j), float(si * 1000 + sj));
    QCOMPARE(d.rowLabels[i], QStringLiteral("q%1").arg(si));
    QCOMPARE(d.columnLabels[j], QStringLiteral("k%1").arg(sj));
    QVERIFY(d.isMasked(3, ui::kMaxTileCells - 1) == (499 == (ui::kMaxTileCells - 1) * 500 / ui::kMaxTileCells));
    QVERIFY(!d.isMasked(3, 0));
    // Small heads are not sampled.
    const auto small = ui::headTilesFromResult(scene, result, ui::HeatmapQuantity::Weights, 1000);
    QCOMPARE(small[0].data.rows(), 600);
    QVERIFY(!small[0].sampled());
}

void TestViews::headGridExportIsTheScreenDrawing() {
    const Fixture f = twoHeads();
    ui::HeadGridView grid;
    grid.resize(400, 220);
    grid.setResult(f.scene, f.result, ui::HeatmapQuantity::Weights);
    grid.setSelected(ui::HeadChoice{7});  // not in the grid: no frame on screen
    const QImage screen = grid.grab().toImage().convertToFormat(QImage::Format_RGB32);
    // At any device pixel ratio (QT_SCALE_FACTOR=2) the export drawn at that
    // ratio is the screen's drawing, pixel for pixel.
    QImage exported(grid.size() * screen.devicePixelRatio(), QImage::Format_RGB32);
    exported.setDevicePixelRatio(screen.devicePixelRatio());
    {
        QPainter p(&exported);
        grid.paintGrid(p, QSizeF(grid.size()));
    }
    QCOMPARE(exported, screen);
    // And the selection frame is what the screen adds.
    grid.setSelected(ui::HeadChoice{0});
    QVERIFY(grid.grab().toImage().convertToFormat(QImage::Format_RGB32) != exported);
}

void TestViews::barChartHoldsTheRow() {
    ui::BarChartView chart;
    chart.resize(500, 260);
    chart.setRow(QStringLiteral("I"), {"Je", "suis", "étudiant"}, {0.7f, 0.f, 0.3f}, {false, true, false}, true);
    QCOMPARE(chart.barKeys(), (QVector<double>{0, 2}));
    const QVector<double> values = chart.barValues();
    QCOMPARE(values.size(), 2);
    QCOMPARE(values[0], double(0.7f));
    QCOMPARE(values[1], double(0.3f));
    QCOMPARE(chart.maskedKeys(), (QVector<int>{1}));
    const QMap<double, QString> ticks = chart.tickLabels();
    QCOMPARE(ticks.keys(), (QList<double>{0, 1, 2}));
    QCOMPARE(ticks.values(), (QList<QString>{"Je", "suis", "étudiant"}));
    QCOMPARE(chart.title(), QStringLiteral("weights of ‘I’ over the keys"));
    QCOMPARE(chart.valueRange().first, 0.0);
    QVERIFY(chart.valueRange().second >= 1.0);

    // A new row replaces the old one completely.
    chart.setRow(QStringLiteral("am"), {"Je", "suis", "étudiant"}, {0.1f, 0.2f, 0.7f}, {false, false, false}, true);
    QCOMPARE(chart.barKeys(), (QVector<double>{0, 1, 2}));
    QVERIFY(chart.maskedKeys().isEmpty());
    chart.clear();
    QVERIFY(chart.barValues().isEmpty());
    QVERIFY(chart.tickLabels().isEmpty());
}

void TestViews::barChartScoresAxisFitsNegativeValues() {
    ui::BarChartView chart;
    chart.resize(500, 260);
    chart.setRow(QStringLiteral("I"), {"a", "b"}, {-2.f, 5.f}, {false, false}, false);
    QVERIFY(chart.title().startsWith(QStringLiteral("raw scores")));
    QVERIFY(chart.valueRange().first < -2.0);
    QVERIFY(chart.valueRange().second > 5.0);
    QCOMPARE(chart.barValues(), (QVector<double>{-2, 5}));
}

void TestViews::barChartValueLabelsFitUnderTheTitle() {
    // A short chart with a legend: the 10 % headroom above a weight of 1
    // is less than a label's height here.
    ui::BarChartView chart;
    chart.resize(320, 170);
    chart.setRow(QStringLiteral("I"), {"Je", "suis", "étudiant"}, {1.f, 0.f, 0.25f}, {false, false, false}, true);
    chart.setReference({0.9f, 0.05f, 0.05f}, QStringLiteral("sampled"), QStringLiteral("softmax"));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(50);  // the queued replot lays the plot out
    const QRectF title = chart.titleRect(), legend = chart.legendRect(), area = chart.plotAreaRect();
    QVERIFY(!title.isEmpty());
    QVERIFY(!legend.isEmpty());
    const QVector<QRectF> labels = chart.valueLabelRects();
    QCOMPARE(labels.size(), 3);
    for (const QRectF& r : labels) {
        const QString where = QStringLiteral("label (%1, %2, %3 × %4) in area (%5, %6, %7 × %8)")
                                  .arg(r.x())
                                  .arg(r.y())
                                  .arg(r.width())
                                  .arg(r.height())
                                  .arg(area.x())
                                  .arg(area.y())
                                  .arg(area.width())
                                  .arg(area.height());
        QVERIFY2(area.contains(r), qPrintable(where));
        QVERIFY2(!r.intersects(title), qPrintable(where));
        QVERIFY2(!r.intersects(legend), qPrintable(where));
        QVERIFY2(QRectF(chart.rect()).contains(r), qPrintable(where));
    }
    // Weights keep one axis from 0 whatever the row.
    QCOMPARE(chart.valueRange().first, 0.0);

    // Negative scores hang their labels below the bars: inside the area too.
    chart.setRow(QStringLiteral("I"), {"a", "b"}, {-2.f, 5.f}, {false, false}, false);
    QTest::qWait(50);
    for (const QRectF& r : chart.valueLabelRects()) QVERIFY(chart.plotAreaRect().contains(r));
}

void TestViews::emptyHeatmapDrawsNoColorBar() {
    ui::HeatmapView view;
    view.resize(400, 300);
    view.setData(gradientMap());
    QVERIFY(!view.heatmapLayout().colorBar.isEmpty());
    // No rows and no columns, e.g. an aligner with no pair to show: nothing
    // to key, so neither the colour bar nor the masked key is drawn.
    ui::HeatmapData empty;
    empty.scaleLabel = QStringLiteral("weight");
    view.setData(empty);
    QVERIFY(view.heatmapLayout().colorBar.isEmpty());
    const QImage image = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QRgb paper = view.palette().color(QPalette::Base).rgb();
    int inked = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) inked += image.pixel(x, y) != paper;
    QCOMPARE(inked, 0);
}

void TestViews::heatmapClickEmitsTheCell() {
    const Fixture f = twoHeads();
    ui::HeatmapView view;
    view.resize(420, 300);
    view.setData(ui::heatmapFromResult(f.scene, f.result, ui::HeadChoice{0}, ui::HeatmapQuantity::Weights));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &ui::HeatmapView::cellClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.cellCenter(1, 2));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 1);
    QCOMPARE(spy.last().at(1).toInt(), 2);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.cellCenter(0, 1));
    QCOMPARE(spy.last().at(0).toInt(), 0);
    QCOMPARE(spy.last().at(1).toInt(), 1);

    view.setMaskEditMode(true);
    QCOMPARE(view.cursor().shape(), Qt::PointingHandCursor);
    view.setMaskEditMode(false);
    QCOMPARE(view.cursor().shape(), Qt::ArrowCursor);
}

void TestViews::heatmapToolTipGivesEveryPart() {
    const Fixture f = twoHeads();
    ui::HeatmapView view;
    view.resize(420, 300);
    view.setData(ui::heatmapFromResult(f.scene, f.result, ui::HeadChoice{1}, ui::HeatmapQuantity::Weights));
    view.setTooltipScores(f.result.heads[1].scores);

    const QString masked = view.toolTipForCell(0, 2);
    QVERIFY2(masked.contains(QStringLiteral("score: -3")), qPrintable(masked));
    QVERIFY2(masked.contains(QStringLiteral("weight: 0")), qPrintable(masked));
    QVERIFY2(masked.contains(QStringLiteral("masked")) && !masked.contains(QStringLiteral("not masked")),
             qPrintable(masked));
    const QString open = view.toolTipForCell(0, 1);
    QVERIFY2(open.contains(QStringLiteral("score: 2<")) && open.contains(QStringLiteral("weight: 0.75<")),
             qPrintable(open));
    QVERIFY2(open.contains(QStringLiteral("not masked")), qPrintable(open));
    QVERIFY(open.contains(QStringLiteral("<b>I</b> → <b>suis</b>")));

    // Showing scores, the weight comes from the tooltip weights.
    view.setData(ui::heatmapFromResult(f.scene, f.result, ui::HeadChoice{1}, ui::HeatmapQuantity::Scores));
    view.setTooltipWeights(f.result.heads[1].weights);
    const QString scores = view.toolTipForCell(1, 1);
    QVERIFY2(scores.contains(QStringLiteral("score: 0.25<")) && scores.contains(QStringLiteral("weight: 0.3<")),
             qPrintable(scores));
    QCOMPARE(scores.count(QStringLiteral("score:")), 1);

    // No float noise: the float next to 0.26 reads "0.26".
    ui::HeatmapData noisy = ui::heatmapFromResult(f.scene, f.result, ui::HeadChoice{1}, ui::HeatmapQuantity::Weights);
    noisy.values(1, 1) = std::nextafter(0.26f, 1.0f);
    view.setData(noisy);
    view.setTooltipScores(ap::Matrix());
    QVERIFY2(view.toolTipForCell(1, 1).contains(QStringLiteral("weight: 0.26<")),
             qPrintable(view.toolTipForCell(1, 1)));

    view.setMaskEditMode(true);
    QVERIFY(view.toolTipForCell(0, 2).contains(QStringLiteral("click to unmask")));
    QVERIFY(view.toolTipForCell(0, 1).contains(QStringLiteral("click to mask")));
    QVERIFY(view.toolTipForCell(5, 0).isEmpty());
}

QTEST_MAIN(TestViews)
#include "test_views.moc"

void TestViews::heatmapScrollBarsFollowAndMoveTheView() {
    ui::HeatmapView view;
    view.resize(600, 500);
    view.setData(gradientMap());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* h = view.findChild<QScrollBar*>(QStringLiteral("heatmapHorizontalBar"));
    auto* v = view.findChild<QScrollBar*>(QStringLiteral("heatmapVerticalBar"));
    QVERIFY(h && v);
    QVERIFY(!h->isVisible() && !v->isVisible());  // the whole map: nothing to scroll
    QTest::keyClick(&view, Qt::Key_Plus);
    QCOMPARE(view.visibleCells().size(), QSize(20, 20));
    QVERIFY(h->isVisible() && v->isVisible());
    QCOMPARE(h->maximum(), 20);
    QCOMPARE(h->pageStep(), 20);
    QCOMPARE(h->value(), view.visibleCells().x());
    // The bars stay clear of the cells.
    const QRect cells = view.visibleCells();
    const QPoint lastCell = view.cellCenter(cells.bottom(), cells.right());
    QVERIFY(lastCell.x() < v->geometry().left());
    QVERIFY(lastCell.y() < h->geometry().top());
    // Moving a bar moves the view; panning moves the bar.
    h->setValue(20);
    QCOMPARE(view.visibleCells().x(), 20);
    v->setValue(3);
    QCOMPARE(view.visibleCells().y(), 3);
    view.panBy(-5, 2);
    QCOMPARE(h->value(), 15);
    QCOMPARE(v->value(), 5);
    QTest::keyClick(&view, Qt::Key_0);
    QVERIFY(!h->isVisible() && !v->isVisible());
}

void TestViews::barChartFollowsTheVisibleKeys() {
    ui::BarChartView chart;
    chart.resize(500, 260);
    QStringList keys;
    for (int j = 0; j < 2048; ++j) keys << QStringLiteral("k%1").arg(j);
    std::vector<float> values(2048, 1.0f / 2048);
    chart.setRow(QStringLiteral("q"), keys, values, std::vector<bool>(2048, false), true);
    QCOMPARE(chart.keyRange(), qMakePair(0, 2048));
    // At 2,048 keys only some are labelled; zoomed to 16 every one is.
    QVERIFY(chart.tickLabels().size() < 2048 / 4);
    chart.setKeyRange(1000, 16);
    QCOMPARE(chart.keyRange(), qMakePair(1000, 16));
    QVERIFY(chart.keyAxisRange().first > 999 && chart.keyAxisRange().first < 1000);
    QVERIFY(chart.keyAxisRange().second > 1015 && chart.keyAxisRange().second < 1016);
    const QMap<double, QString> ticks = chart.tickLabels();
    QCOMPARE(ticks.size(), 16);
    QCOMPARE(ticks.firstKey(), 1000.0);
    QCOMPARE(ticks.value(1015.0), QStringLiteral("k1015"));
    // A new row of the same keys keeps the range; the whole range resets it.
    chart.setRow(QStringLiteral("q2"), keys, values, std::vector<bool>(2048, false), true);
    QCOMPARE(chart.keyRange(), qMakePair(1000, 16));
    chart.setKeyRange(0, 2048);
    QCOMPARE(chart.keyRange(), qMakePair(0, 2048));
    // A row with fewer keys drops a range it no longer has.
    chart.setKeyRange(1000, 16);
    chart.setRow(QStringLiteral("q"), keys.mid(0, 8), std::vector<float>(8, 0.125f), std::vector<bool>(8, false), true);
    QCOMPARE(chart.keyRange(), qMakePair(0, 8));
}

void TestViews::headGridThumbnailsGiveLabelsRoomToCells() {
    auto tilesOf = [](int n) {
        std::vector<ui::HeadTile> tiles(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            tiles[std::size_t(i)].caption = QStringLiteral("head %1").arg(i);
            tiles[std::size_t(i)].data = gradientMap();
        }
        return tiles;
    };
    // 16 heads and the mean in a dock-sized grid: no token labels, the
    // cells fill each thumbnail.
    const ui::HeatmapStyle style;
    const std::vector<ui::HeadTile> many = tilesOf(17);
    const ui::HeadGridLayout small = ui::layoutHeadGrid(many, QSizeF(260, 600), style);
    QVERIFY(!small.tileLabels);
    for (std::size_t i = 0; i < many.size(); ++i) {
        QVERIFY(small.heatmaps[i].cells.width() >= small.heatmapRects[i].width() - 20);
        QVERIFY(small.heatmaps[i].cells.height() >= small.heatmapRects[i].height() - 20);
    }
    // Two heads in a large grid keep their labels.
    const std::vector<ui::HeadTile> two = tilesOf(2);
    const ui::HeadGridLayout large = ui::layoutHeadGrid(two, QSizeF(1000, 900), style);
    QVERIFY(large.tileLabels);
    QVERIFY(large.heatmaps[0].cells.left() > 10);
    // The drawing follows the layout: a thumbnail's top-left pixel is a cell.
    QImage image(260, 600, QImage::Format_RGB32);
    QPainter p(&image);
    ui::paintHeadGrid(p, many, small, style);
    p.end();
    const QPointF corner = small.heatmapRects[0].topLeft() + small.heatmaps[0].cells.topLeft() + QPointF(1, 1);
    const QImage cells = ui::heatmapCellImage(many[0].data, style.colormap);
    QCOMPARE(image.pixelColor(corner.toPoint()), cells.pixelColor(0, 0));
}
