// The main window in Chinese: started under the zh_CN language its menus
// are Chinese; View ▸ Language switches every menu, dock and control at
// once and back; Help lists every shortcut and opens the guide.
#include "widgets/common/language_menu.h"
#include "widgets/help/about_dialog.h"
#include "widgets/help/shortcuts_dialog.h"
#include "widgets/help/user_guide_dialog.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/explain/learning_tools.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/playground/main_window.h"

#include <QAction>
#include <QCoreApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <qcustomplot.h>

#include <algorithm>

namespace {

// Windows rebuild their texts when the posted QEvent::LanguageChange
// arrives.
void deliverLanguageChange() {
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

QStringList menuTitles(const QMainWindow& w) {
    QStringList titles;
    for (QAction* a : w.menuBar()->actions())
        if (a->menu()) titles << a->menu()->title();
    return titles;
}

QMenu* menuWithAction(const QMainWindow& w, const QString& actionText) {
    for (QMenu* m : w.findChildren<QMenu*>())
        for (QAction* a : m->actions())
            if (a->text() == actionText) return m;
    return nullptr;
}

QStringList dockTitles(const QMainWindow& w) {
    QStringList titles;
    for (QDockWidget* d : w.findChildren<QDockWidget*>()) titles << d->windowTitle();
    return titles;
}

}  // namespace

class TestWindowLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() {
        QSettings().clear();
        ui::applyLanguage(ui::Language::English, false);
    }
    void cleanupTestCase() { ui::applyLanguage(ui::Language::English, false); }

    void startsInChineseWhenChosen() {
        QSettings().setValue(QLatin1String(ui::kLanguageSettingsKey), QStringLiteral("zh_CN"));
        ui::applyLanguage(ui::storedLanguage(), false);
        ui::MainWindow w;
        const QStringList titles = menuTitles(w);
        QVERIFY2(titles.contains(QStringLiteral("文件(&F)")), qPrintable(titles.join(u' ')));
        QVERIFY(titles.contains(QStringLiteral("编辑(&E)")));
        QVERIFY(titles.contains(QStringLiteral("视图(&V)")));
        QVERIFY(titles.contains(QStringLiteral("帮助(&H)")));
        QVERIFY2(!titles.join(u' ').contains(QLatin1String("&File")), qPrintable(titles.join(u' ')));
        QVERIFY(dockTitles(w).contains(QStringLiteral("注意力")));
    }

    void languageMenuSwitchesAtOnce() {
        ui::MainWindow w;
        w.show();
        QVERIFY(menuTitles(w).contains(QStringLiteral("&File")));
        auto* languages = w.findChild<ui::LanguageMenu*>();
        QVERIFY(languages);
        QVERIFY(menuWithAction(w, languages->menuAction()->text()));  // reachable from View

        languages->actionFor(ui::Language::SimplifiedChinese)->trigger();
        deliverLanguageChange();
        QVERIFY(menuTitles(w).contains(QStringLiteral("文件(&F)")));
        QVERIFY(menuTitles(w).contains(QStringLiteral("帮助(&H)")));
        QCOMPARE(languages->title(), QStringLiteral("语言(&L)"));
        QVERIFY(dockTitles(w).contains(QStringLiteral("注意力")));
        auto* scoring = w.findChild<QComboBox*>(QStringLiteral("scoringCombo"));
        QVERIFY(scoring);
        QVERIFY2(scoring->itemText(1) == QStringLiteral("缩放点积"), qPrintable(scoring->itemText(1)));
        QVERIFY(menuWithAction(w, QStringLiteral("撤销(&U)")) || menuWithAction(w, QStringLiteral("撤销")));

        languages->actionFor(ui::Language::English)->trigger();
        deliverLanguageChange();
        QVERIFY(menuTitles(w).contains(QStringLiteral("&File")));
        QCOMPARE(scoring->itemText(1), QStringLiteral("scaled dot"));
        QCOMPARE(ui::storedLanguage(), ui::Language::English);
    }

    // The lesson open when the language changes is shown again in the new
    // language: its text, its task and the lesson chooser.
    void lessonFollowsTheLanguage() {
        ui::MainWindow w;
        auto* lessons = w.findChild<ui::LessonsPanel*>();
        QVERIFY(lessons);
        QVERIFY(lessons->startLesson(0));
        QVERIFY2(lessons->shownText().contains(QLatin1String("attention")), qPrintable(lessons->shownText().left(80)));
        const QString englishTask = lessons->taskText();
        QVERIFY(englishTask.startsWith(QLatin1String("Try this")));
        auto* languages = w.findChild<ui::LanguageMenu*>();
        languages->actionFor(ui::Language::SimplifiedChinese)->trigger();
        deliverLanguageChange();
        QVERIFY2(lessons->shownText().contains(QStringLiteral("注意力")), qPrintable(lessons->shownText().left(80)));
        QVERIFY2(lessons->taskText() != englishTask && !lessons->taskText().startsWith(QLatin1String("Try this")),
                 qPrintable(lessons->taskText()));
        auto* chooser = lessons->findChild<QComboBox*>(QStringLiteral("lessonCombo"));
        QVERIFY(chooser);
        QVERIFY2(!chooser->itemText(1).startsWith(QLatin1String("1. The four")), qPrintable(chooser->itemText(1)));
        languages->actionFor(ui::Language::English)->trigger();
        deliverLanguageChange();
        QCOMPARE(lessons->taskText(), englishTask);
        QVERIFY(chooser->itemText(1).startsWith(QLatin1String("1. The four")));
    }

    // The Steps panel's header names the explained cell in the language of
    // the moment, without a new click.
    void stepHeaderFollowsTheLanguage() {
        ui::MainWindow w;
        auto* header = w.findChild<QLabel*>(QStringLiteral("stepHeader"));
        QVERIFY(header);
        QTRY_VERIFY(header->text().contains(QLatin1String("score")));
        auto* languages = w.findChild<ui::LanguageMenu*>();
        languages->actionFor(ui::Language::SimplifiedChinese)->trigger();
        deliverLanguageChange();
        QTRY_VERIFY2(header->text().contains(QStringLiteral("分数")), qPrintable(header->text()));
        languages->actionFor(ui::Language::English)->trigger();
        deliverLanguageChange();
        QTRY_VERIFY(header->text().contains(QLatin1String("score")));
    }

    void shortcutsListEveryActionShortcut() {
        ui::MainWindow w;
        const QList<ui::ShortcutEntry> entries = ui::collectShortcuts(&w);
        // Each editor and table has its own Add, Copy, ... actions with the
        // same keys; the dialog lists such a command once.
        QSet<QString> distinct;
        for (QAction* a : w.findChildren<QAction*>()) {
            if (a->shortcut().isEmpty() || a->text().isEmpty()) continue;
            distinct.insert(QString(a->text()).remove(QLatin1Char('&')) + QLatin1Char('\n') + a->shortcut().toString());
            const bool listed = std::any_of(entries.begin(), entries.end(),
                                            [a](const ui::ShortcutEntry& e) { return e.keys == a->shortcut(); });
            QVERIFY2(listed, qPrintable(a->text() + QStringLiteral(" is missing")));
        }
        const int withShortcut = int(distinct.size());
        QVERIFY(withShortcut >= 8);
        ui::ShortcutsDialog dialog(&w);
        QVERIFY2(dialog.table()->rowCount() >= withShortcut,
                 qPrintable(
                     QStringLiteral("%1 rows for %2 commands").arg(dialog.table()->rowCount()).arg(withShortcut)));
        bool hasSave = false;
        for (int r = 0; r < dialog.table()->rowCount(); ++r)
            hasSave |= dialog.table()->item(r, 1)->text() ==
                       QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText);
        QVERIFY(hasSave);
    }

    void helpMenuOffersGuideShortcutsAndAbout() {
        ui::MainWindow w;
        QVERIFY(menuWithAction(w, QStringLiteral("&User Guide")));
        QVERIFY(menuWithAction(w, QStringLiteral("&Keyboard Shortcuts")));
        const QString about = ui::aboutText();
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        QVERIFY(about.contains(QLatin1String("Eigen")) && about.contains(QLatin1String("3.4")));
        QVERIFY(about.contains(QLatin1String("2.1")));  // QCustomPlot
        QVERIFY(about.contains(QLatin1String("Release")) || about.contains(QLatin1String("Debug")) ||
                about.contains(QLatin1String("RelWithDebInfo")));
    }

    void userGuideFollowsTheLanguage() {
        ui::UserGuideDialog dialog;
        QVERIFY(dialog.browser()->toPlainText().contains(QLatin1String("User Guide")));
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        deliverLanguageChange();
        QVERIFY(dialog.browser()->toPlainText().contains(QStringLiteral("用户指南")));
        QVERIFY(dialog.browser()->toPlainText().contains(QStringLiteral("热力图")));
    }

    void controlsExplainThemselves() {
        ui::MainWindow w;
        auto* scoring = w.findChild<QComboBox*>(QStringLiteral("scoringCombo"));
        QVERIFY(scoring);
        QVERIFY(scoring->whatsThis().contains(QLatin1String("Scoring")));
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        deliverLanguageChange();
        QVERIFY2(scoring->whatsThis().contains(QStringLiteral("打分")), qPrintable(scoring->whatsThis()));
    }

    // Under Chinese the built-in examples (File ▸ 示例) and lesson scenes
    // carry Chinese titles; lesson texts render their markup.
    void examplesAndLessonsInChinese() {
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        ui::MainWindow w;
        QVERIFY2(menuWithAction(w, QStringLiteral("因果自注意力")), "no Chinese example title in the menus");
        QVERIFY(menuWithAction(w, QStringLiteral("两个头：同一个词与前一个词")));
        auto* lessons = w.findChild<ui::LessonsPanel*>();
        QVERIFY(lessons->startLesson(5));
        QCoreApplication::processEvents();
        const QString text = lessons->shownText();
        QVERIFY2(!text.contains(QLatin1String("**")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("试一试")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("“<pad>”键")), qPrintable(text));
        ui::applyLanguage(ui::Language::English, false);
        deliverLanguageChange();
        QVERIFY(menuWithAction(w, QStringLiteral("Causal self-attention")));
        QVERIFY(lessons->startLesson(5));
        QVERIFY2(lessons->shownText().contains(QStringLiteral("pad both \"<pad>\" keys and turn on the causal mask")),
                 qPrintable(lessons->shownText()));
    }

    // From Chinese back to English at runtime: the Steps dock's title, the
    // Steps list's header and the bar chart's axis title are English again.
    void chineseBackToEnglish() {
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        ui::MainWindow w;
        w.show();
        QDockWidget* steps = w.learningTools()->stepsDock();
        QCOMPARE(steps->windowTitle(), QStringLiteral("步骤"));
        auto* plot = w.barChartView()->findChild<QCustomPlot*>();
        QVERIFY(plot);
        QCOMPARE(plot->xAxis->label(), QStringLiteral("键"));
        auto* languages = w.findChild<ui::LanguageMenu*>();
        languages->actionFor(ui::Language::English)->trigger();
        deliverLanguageChange();
        QCOMPARE(steps->windowTitle(), QStringLiteral("Steps"));
        auto* list = w.findChild<QTreeWidget*>(QStringLiteral("stepList"));
        QCOMPARE(list->headerItem()->text(0), QStringLiteral("Step"));
        QCOMPARE(plot->xAxis->label(), QStringLiteral("keys"));
        languages->actionFor(ui::Language::SimplifiedChinese)->trigger();
        deliverLanguageChange();
        QCOMPARE(plot->xAxis->label(), QStringLiteral("键"));
        QCOMPARE(steps->windowTitle(), QStringLiteral("步骤"));
    }

    // Resample, Ctrl+F and the zoom keys are listed; the translation
    // window's Ctrl+L names its window; the tables' Add / Up / Down say
    // where they apply.
    void shortcutsNameWhatAndWhere() {
        ui::MainWindow w;
        w.trainingPanel();  // the translation window exists, as after Ctrl+T
        ui::ShortcutsDialog dialog(&w);
        QStringList rows;
        for (int r = 0; r < dialog.table()->rowCount(); ++r)
            rows << dialog.table()->item(r, 0)->text() + QStringLiteral(" = ") + dialog.table()->item(r, 1)->text();
        const auto has = [&](const QString& command, const QKeySequence& keys) {
            return rows.contains(command + QStringLiteral(" = ") + keys.toString(QKeySequence::NativeText));
        };
        const QString all = rows.join(QLatin1Char('\n'));
        QVERIFY2(has(QStringLiteral("Resample"), QKeySequence(QStringLiteral("Ctrl+Shift+R"))), qPrintable(all));
        QVERIFY2(has(QStringLiteral("Heatmap: find a token"), QKeySequence::Find), qPrintable(all));
        QVERIFY2(has(QStringLiteral("Heatmap: zoom in"), QKeySequence(Qt::Key_Plus)), qPrintable(all));
        QVERIFY2(has(QStringLiteral("Translation: Load pairs…"), QKeySequence(QStringLiteral("Ctrl+L"))),
                 qPrintable(all));
        QVERIFY2(has(QStringLiteral("Add (in the table with the focus)"), QKeySequence(Qt::Key_Insert)),
                 qPrintable(all));
        QVERIFY2(has(QStringLiteral("Up (in the table with the focus)"), QKeySequence(QStringLiteral("Ctrl+Up"))),
                 qPrintable(all));
        for (const QString& row : rows)
            QVERIFY2(!row.startsWith(QLatin1String("Add =")) && !row.startsWith(QLatin1String("Up =")),
                     qPrintable(row));
    }
};

QTEST_MAIN(TestWindowLanguage)
#include "test_window_language.moc"
