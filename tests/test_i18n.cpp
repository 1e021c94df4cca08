// The interface language and Chinese text in pictures: the translators
// load, the picture words translate, and CJK labels are drawn with real
// glyphs (no empty boxes) in PNG, SVG and PDF.
#include "attention/attention.h"
#include "i18n/language.h"
#include "io/scene_io.h"
#include "render/chart_text.h"
#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"
#include "render/image_export.h"
#include "widgets/training/training_panel.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/language_menu.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QFile>
#include <QGlyphRun>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRawFont>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

#include <cmath>

namespace {

struct Computed {
    ap::Scene scene;
    ap::AttentionResult result;
};

Computed computeScene(const QString& name) {
    const QString path = QStringLiteral(AP_RESOURCES_DIR "/scenes/") + name;
    const ap::SceneReadResult read = ap::readSceneFile(QFile::encodeName(path).toStdString());
    if (!read.ok) qFatal("%s", read.error.c_str());
    Computed c{read.value, {}};
    const ap::Status s = ap::computeAttention(c.scene, ap::AttentionOptions{}, c.result);
    if (!s.ok) qFatal("%s", s.message.c_str());
    return c;
}

// Dark pixels (the labels are black on white) inside `area`.
int inkPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = std::max(0, area.top()); y <= std::min(image.height() - 1, area.bottom()); ++y)
        for (int x = std::max(0, area.left()); x <= std::min(image.width() - 1, area.right()); ++x)
            if (qGray(image.pixel(x, y)) < 128) ++n;
    return n;
}

}  // namespace

class TestI18n : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        ui::installTranslators(ui::localeFor(ui::Language::English));
    }
    void cleanupTestCase() { ui::installTranslators(ui::localeFor(ui::Language::English)); }

    void chineseTranslationLoadsFromTheResource() {
        QVERIFY(ui::installTranslators(ui::localeFor(ui::Language::SimplifiedChinese)));
        QVERIFY2(ui::loadedTranslationFile().contains(QLatin1String("attention-playground_zh_CN.qm")),
                 qPrintable(ui::loadedTranslationFile()));
        QCOMPARE(QCoreApplication::translate("ui::Heatmap", "weight"), QStringLiteral("权重"));
        QCOMPARE(QLocale().language(), QLocale::Chinese);
    }

    // The translation window's lesson joins its Chinese sentences without
    // the space English puts after a full stop.
    void chineseLessonSentencesRunTogether() {
        QVERIFY(ui::installTranslators(ui::localeFor(ui::Language::SimplifiedChinese)));
        ui::TrainingPanel panel;
        const QString lesson = panel.lessonText();
        QVERIFY2(lesson.startsWith(QStringLiteral("注意力不等于对齐")), qPrintable(lesson));
        QVERIFY2(lesson.contains(QStringLiteral("包括留出句对")), qPrintable(lesson));
        QVERIFY2(!lesson.contains(QStringLiteral("。 ")), qPrintable(lesson));
    }

    void englishNeedsNoTranslation() {
        QVERIFY(!ui::installTranslators(ui::localeFor(ui::Language::English)));
        QCOMPARE(QCoreApplication::translate("ui::Heatmap", "weight"), QStringLiteral("weight"));
        // A language without a translation falls back to the source text.
        QVERIFY(!ui::installTranslators(QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(QCoreApplication::translate("ui::Heatmap", "weight"), QStringLiteral("weight"));
    }

    void pluralsFollowTheCount() {
        QCOMPARE(QCoreApplication::translate("ui::Heatmap", "mean of %n heads", nullptr, 4),
                 QStringLiteral("mean of 4 heads"));
        ui::installTranslators(ui::localeFor(ui::Language::SimplifiedChinese));
        const QString zh = QCoreApplication::translate("ui::Heatmap", "mean of %n heads", nullptr, 4);
        QVERIFY2(zh.contains(QLatin1Char('4')) && !zh.contains(QLatin1String("heads")), qPrintable(zh));
    }

    void pictureTitleIsTranslated() {
        Computed c = computeScene(QStringLiteral("multi-head.json"));
        c.scene.title.clear();  // only the words the program adds
        const QString en = ui::heatmapTitle(c.scene, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        QVERIFY2(en.contains(QLatin1String("heads")), qPrintable(en));
        ui::installTranslators(ui::localeFor(ui::Language::SimplifiedChinese));
        const QString zh = ui::heatmapTitle(c.scene, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        QVERIFY2(zh.contains(QStringLiteral("个头的平均")), qPrintable(zh));
        QVERIFY2(!zh.contains(QLatin1String("heads")), qPrintable(zh));
    }

    // Every character of the CJK labels resolves, through Qt's font
    // fallback, to a real glyph (index 0 is the empty box) of a font that
    // has it.
    void cjkLabelsHaveGlyphs() {
        const ui::HeatmapStyle style;
        const QFont font = ui::pixelFont(style.fontFamily, 16);
        for (const QString& text :
             {QStringLiteral("打"), QStringLiteral("电脑"), QStringLiteral("游戏"), QStringLiteral("权重")}) {
            QTextLayout layout(text, font);
            layout.beginLayout();
            layout.createLine();
            layout.endLayout();
            const QList<QGlyphRun> runs = layout.glyphRuns();
            QVERIFY(!runs.isEmpty());
            for (const QGlyphRun& run : runs) {
                for (quint32 g : run.glyphIndexes())
                    QVERIFY2(g != 0, qPrintable(text + QStringLiteral(" drawn as an empty box in ") +
                                                run.rawFont().familyName()));
                for (const QChar ch : text)
                    QVERIFY2(run.rawFont().supportsCharacter(ch),
                             qPrintable(run.rawFont().familyName() + QStringLiteral(" lacks ") + ch));
            }
        }
    }

    // The PNG of the Chinese scene: the key labels (打 电脑 游戏), drawn
    // above the columns, leave ink in their strip and differ from the empty
    // boxes a missing font would draw. The references are painted with the
    // scene's own layout, since emptier labels would narrow the label strips
    // and move the cells into the measured area.
    void cjkPngHasInkInTheLabels() {
        const Computed c = computeScene(QStringLiteral("play-computer-game.json"));
        ui::HeatmapData data = ui::heatmapFromResult(c.scene, c.result, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        QVERIFY(data.columnLabels.contains(QStringLiteral("电脑")));
        ui::HeatmapStyle style;
        const QSize size(640, 480);
        const ui::HeatmapLayout L = ui::layoutHeatmap(data, QSizeF(size), style);
        QVERIFY(!L.rotateColumnLabels);
        const double stripTop = L.title.isEmpty() ? 0.0 : L.title.bottom() + 1;
        const QRect labels =
            QRectF(L.cells.left(), stripTop, L.cells.width(), L.cells.top() - 1 - stripTop).toAlignedRect();
        QVERIFY(labels.height() > 4);

        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("cjk.png"));
        QCOMPARE(ui::exportHeatmap(data, style, size, png), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        const int cjkInk = inkPixels(image, labels);

        const auto paintWithLayout = [&](const ui::HeatmapData& d) {
            QImage out(size, QImage::Format_ARGB32_Premultiplied);
            out.fill(Qt::white);
            QPainter p(&out);
            ui::paintHeatmap(p, d, L, style);
            return out;
        };
        ui::HeatmapData boxes = data;
        for (QString& s : boxes.columnLabels) s = QString(s.size(), QChar(0xE000));  // private use: no font has it
        const QImage boxImage = paintWithLayout(boxes);
        ui::HeatmapData blank = data;
        for (QString& s : blank.columnLabels) s.clear();
        const int blankInk = inkPixels(paintWithLayout(blank), labels);

        QVERIFY2(cjkInk > blankInk + 40, qPrintable(QStringLiteral("ink %1 vs blank %2").arg(cjkInk).arg(blankInk)));
        const QImage labelsDrawn = image.convertToFormat(QImage::Format_RGB32).copy(labels);
        const QImage boxesDrawn = boxImage.convertToFormat(QImage::Format_RGB32).copy(labels);
        QVERIFY2(labelsDrawn != boxesDrawn, "the labels look like empty boxes");
    }

    void cjkSvgKeepsTheText() {
        const Computed c = computeScene(QStringLiteral("play-computer-game.json"));
        const ui::HeatmapData data =
            ui::heatmapFromResult(c.scene, c.result, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("cjk.svg"));
        QCOMPARE(ui::exportHeatmap(data, ui::HeatmapStyle{}, QSize(640, 480), svg), QString());
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("电脑")));
        QVERIFY(text.contains(QStringLiteral("游戏")));
    }

    // The PDF embeds a font that has the Chinese glyphs (pdffonts lists it
    // with "emb yes"), so it reads the same on a machine without the font.
    void cjkPdfEmbedsTheFont() {
        const QString pdffonts = QStandardPaths::findExecutable(QStringLiteral("pdffonts"));
        if (pdffonts.isEmpty()) QSKIP("pdffonts (poppler-utils) is not installed");
        const Computed c = computeScene(QStringLiteral("play-computer-game.json"));
        const ui::HeatmapData data =
            ui::heatmapFromResult(c.scene, c.result, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("cjk.pdf"));
        QCOMPARE(ui::exportHeatmap(data, ui::HeatmapStyle{}, QSize(640, 480), pdf), QString());
        QProcess p;
        p.start(pdffonts, {pdf});
        QVERIFY(p.waitForFinished(30000));
        const QString listing = QString::fromUtf8(p.readAllStandardOutput());
        bool cjkEmbedded = false;
        for (const QString& line : listing.split(QLatin1Char('\n'))) {
            if (!line.contains(QLatin1String("WenQuanYi"), Qt::CaseInsensitive) &&
                !line.contains(QLatin1String("WQY"), Qt::CaseInsensitive) &&
                !line.contains(QLatin1String("CJK"), Qt::CaseInsensitive))
                continue;
            const QStringList cols = line.simplified().split(QLatin1Char(' '));
            // name type encoding emb sub uni object-id: "emb" is the 4th from the end.
            cjkEmbedded = cols.size() >= 7 && cols.at(cols.size() - 5) == QLatin1String("yes");
            if (cjkEmbedded) break;
        }
        QVERIFY2(cjkEmbedded, qPrintable(listing));
    }

    // Texts set once from a lookup follow a switch at once, in both
    // directions; a text that never came from a lookup is left alone.
    void switchingRetranslatesShownTexts() {
        QWidget window;
        auto* label = new QLabel(QCoreApplication::translate("ui::Heatmap", "mean score"), &window);
        auto* combo = new QComboBox(&window);
        combo->addItem(QCoreApplication::translate("ui::Heatmap", "softmax"));
        combo->addItem(QCoreApplication::translate("ui::Heatmap", "hard"));
        combo->setItemData(1, QCoreApplication::translate("ui::Heatmap", "raw scores"), Qt::ToolTipRole);
        auto* button = new QPushButton(QCoreApplication::translate("ui::Heatmap", "masked"), &window);
        auto* own = new QLabel(QStringLiteral("a token"), &window);
        QAction* action = window.addAction(QCoreApplication::translate("ui::Heatmap", "weight"));
        auto* view = new ui::HeatmapView(&window);
        const char* emptySource = "Each test sample's attention over the steps appears here as the model trains "
                                  "(Train, Ctrl+Return).";
        view->setEmptyText(QCoreApplication::translate("ui::TimestepWindow", emptySource));

        ui::applyLanguage(ui::Language::SimplifiedChinese);
        QCOMPARE(label->text(), QStringLiteral("平均分数"));
        QCOMPARE(combo->itemText(1), QStringLiteral("硬注意力"));
        QCOMPARE(combo->itemData(1, Qt::ToolTipRole).toString(), QStringLiteral("原始分数"));
        QCOMPARE(button->text(), QStringLiteral("已屏蔽"));
        QCOMPARE(action->text(), QStringLiteral("权重"));
        QCOMPARE(own->text(), QStringLiteral("a token"));
        QVERIFY2(view->emptyText().contains(QStringLiteral("训练")), qPrintable(view->emptyText()));

        ui::applyLanguage(ui::Language::English);
        QCOMPARE(label->text(), QStringLiteral("mean score"));
        QCOMPARE(combo->itemText(1), QStringLiteral("hard"));
        QCOMPARE(button->text(), QStringLiteral("masked"));
        QCOMPARE(action->text(), QStringLiteral("weight"));
        QCOMPARE(view->emptyText(), QString::fromUtf8(emptySource));
    }

    // An empty view says what will appear in it; once there is data the
    // text is gone and the picture is the same as without it.
    void emptyViewSaysWhatWillAppear() {
        ui::HeatmapView blank, said;
        blank.resize(400, 300);
        said.resize(400, 300);
        said.setEmptyText(QStringLiteral("The attention appears here after training."));
        QVERIFY(blank.grab().toImage() != said.grab().toImage());

        const Computed c = computeScene(QStringLiteral("play-computer-game.json"));
        const ui::HeatmapData data =
            ui::heatmapFromResult(c.scene, c.result, ui::HeadChoice{}, ui::HeatmapQuantity::Weights);
        blank.setData(data);
        said.setData(data);
        QCOMPARE(said.grab().toImage(), blank.grab().toImage());
        said.setData({});
        blank.setData({});
        QVERIFY(blank.grab().toImage() != said.grab().toImage());
    }

    // A dark palette: the view draws on the palette's base with its text
    // colour, exports stay black on white, and the colour map is the same.
    void darkPaletteInTheViewNotInExports() {
        const Computed c = computeScene(QStringLiteral("play-computer-game.json"));
        ui::HeatmapView view;
        view.resize(520, 400);
        view.setData(ui::heatmapFromResult(c.scene, c.result, ui::HeadChoice{}, ui::HeatmapQuantity::Weights));
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 34));
        dark.setColor(QPalette::Text, QColor(235, 235, 235));
        view.setPalette(dark);
        const QImage onScreen = view.grab().toImage();
        QCOMPARE(QColor(onScreen.pixel(1, 1)), QColor(30, 30, 34));
        const QImage exported = ui::renderHeatmapImage(view.data(), view.style(), QSize(520, 400));
        QCOMPARE(QColor(exported.pixel(1, 1)), QColor(Qt::white));
        // The centre of the first cell has the same colour in both.
        const ui::HeatmapLayout L = ui::layoutHeatmap(view.data(), QSizeF(520, 400), view.style());
        const QPointF cell(L.cells.left() + 3, L.cells.top() + 3);
        QCOMPARE(onScreen.pixel((cell * onScreen.devicePixelRatio()).toPoint()), exported.pixel(cell.toPoint()));
    }

    // Numbers on cells are black or white by the cell's luminance: every
    // colour of every map keeps a WCAG contrast of at least 4.5 : 1.
    void cellTextKeepsItsContrast() {
        auto luminance = [](QColor c) {
            auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
        };
        for (ui::Colormap::Kind kind :
             {ui::Colormap::Kind::Viridis, ui::Colormap::Kind::Magma, ui::Colormap::Kind::Diverging}) {
            const ui::Colormap map(kind);
            for (int i = 0; i <= 100; ++i) {
                const QRgb cell = map.rgbAt(i / 100.0);
                const double a = luminance(QColor(cell)), b = luminance(ui::readableTextColor(cell));
                const double ratio = (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
                QVERIFY2(ratio >= 4.5,
                         qPrintable(QStringLiteral("%1 at %2: %3").arg(ui::Colormap::name(kind)).arg(i).arg(ratio)));
            }
        }
    }

    void languageMenuSwitchesAndRemembers() {
        ui::LanguageMenu menu;
        QCOMPARE(menu.title(), QStringLiteral("&Language"));
        QVERIFY(menu.actionFor(ui::Language::System)->isChecked());
        menu.actionFor(ui::Language::SimplifiedChinese)->trigger();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(menu.title(), QStringLiteral("语言(&L)"));
        QCOMPARE(QSettings().value(QLatin1String(ui::kLanguageSettingsKey)).toString(), QStringLiteral("zh_CN"));
        QCOMPARE(ui::storedLanguage(), ui::Language::SimplifiedChinese);
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("注意力实验场"));
        menu.actionFor(ui::Language::English)->trigger();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(menu.title(), QStringLiteral("&Language"));
        QCOMPARE(ui::storedLanguage(), ui::Language::English);
    }
};

QTEST_MAIN(TestI18n)
#include "test_i18n.moc"
