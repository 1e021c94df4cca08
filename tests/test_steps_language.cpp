// The Steps panel's formulas follow the interface language: in Chinese no
// English prose is left (only the maths, numbers and the scene's tokens), in
// English they are the engine's text exactly. The scenes below reach every
// sentence the engine writes: each scoring and normalization kind, each mask
// reason alone and together, fully masked rows, several heads, projections.
#include "attention/explain.h"
#include "i18n/language.h"
#include "widgets/common/language_menu.h"
#include "widgets/explain/step_view.h"

#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <cmath>
#include <functional>

namespace {

struct Case {
    const char* name;
    ap::Scene scene;
    int maxEntries = 64;
};

ap::Matrix filled(int rows, int cols, float phase) {
    ap::Matrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) m(r, c) = std::sin(1.3f * float(r) + 0.7f * float(c) + phase);
    return m;
}

ap::Scene scene(int lq, int lk, int d, ap::Scoring scoring, ap::Normalization normalization) {
    ap::Scene s;
    s.queries = filled(lq, d, 0.1f);
    s.keys = filled(lk, d, 0.9f);
    s.scoring = scoring;
    s.normalization = normalization;
    return s;
}

std::vector<Case> cases() {
    std::vector<Case> out;
    {
        // Labels with quotes, brackets and " = (" in them; vectors cut short.
        ap::Scene s = ap::builtInExample();
        s.keyTokens = {"Je", "su\"is", "x = (1)"};
        s.mask.causal = true;
        out.push_back({"softmax, causal, short vectors", s, 2});
    }
    {
        ap::Scene s = scene(3, 3, 4, ap::Scoring::Dot, ap::Normalization::Hard);
        s.heads = 2;
        s.mask.causal = true;
        s.mask.keyPadding = {false, true, false};
        s.mask.cells = {{0, 1}, {0, 2}, {2, 1}};
        out.push_back({"hard, two heads, every mask reason", s});
    }
    {
        ap::Scene s = scene(3, 3, 2, ap::Scoring::General, ap::Normalization::TopK);
        s.topK = 2;
        s.mask.cells = {{1, 0}, {1, 1}, {1, 2}};  // row 1 fully masked
        out.push_back({"general, top-k, a fully masked row", s});
    }
    {
        ap::Scene s = scene(2, 3, 2, ap::Scoring::ScaledDot, ap::Normalization::TopK);
        s.topK = 5;
        s.mask.keyPadding = {false, false, true};
        out.push_back({"top-k keeping every key", s});
    }
    {
        ap::Scene s = scene(3, 4, 3, ap::Scoring::Additive, ap::Normalization::Sparsemax);
        s.temperature = 0.5f;
        out.push_back({"additive, sparsemax", s});
    }
    {
        ap::Scene s = scene(3, 3, 2, ap::Scoring::Cosine, ap::Normalization::Sample);
        s.queries.row(1).setZero();  // no direction
        s.samples = 50;
        s.seed = 7;
        out.push_back({"cosine, sample", s});
    }
    {
        ap::Scene s = scene(3, 3, 3, ap::Scoring::ScaledDot, ap::Normalization::Softmax);
        s.heads = 2;
        s.projections.Wq = filled(3, 4, 0.2f);
        s.projections.Wk = filled(3, 4, 0.4f);
        s.projections.Wv = filled(3, 4, 0.6f);
        s.projections.Wo = filled(4, 2, 0.8f);
        out.push_back({"projections, two heads, Wo", s});
    }
    {
        ap::Scene s = scene(2, 3, 2, ap::Scoring::Dot, ap::Normalization::Softmax);
        s.projections.Wo = filled(2, 2, 0.3f);
        out.push_back({"one head, Wo", s});
    }
    {
        ap::Scene s = scene(2, 3, 4, ap::Scoring::Dot, ap::Normalization::Softmax);
        s.heads = 2;
        out.push_back({"two heads, no Wo", s});
    }
    {
        // More kept keys and more support than a list shows (16).
        ap::Scene s = scene(2, 20, 2, ap::Scoring::Dot, ap::Normalization::TopK);
        s.topK = 18;
        out.push_back({"long top-k list", s, 4});
        ap::Scene t = scene(2, 20, 2, ap::Scoring::Dot, ap::Normalization::Sparsemax);
        t.temperature = 50.0f;
        out.push_back({"long sparsemax support", t, 4});
    }
    return out;
}

// Every cell of every head of every case, shown in `view`.
void forEveryCell(const std::function<void(const Case&, const ap::Explanation&, ui::StepView&)>& check) {
    for (const Case& c : cases()) {
        const std::string invalid = ap::validate(c.scene).message;
        QVERIFY2(invalid.empty(), invalid.c_str());
        for (int h = 0; h < c.scene.heads; ++h)
            for (int i = 0; i < c.scene.queryCount(); ++i)
                for (int j = 0; j < c.scene.keyCount(); ++j) {
                    ap::ExplainOptions o;
                    o.cell.query = i;
                    o.cell.key = j;
                    o.cell.head = h;
                    o.maxEntries = c.maxEntries;
                    o.maxDraws = 3;
                    ap::Explanation e;
                    const ap::Status st = ap::explainScene(c.scene, o, e);
                    QVERIFY2(st.ok, st.message.c_str());
                    ui::StepView view;
                    view.setExplanation(e, QStringLiteral("cell"));
                    QCOMPARE(view.stepCount(), int(e.steps.size()));
                    check(c, e, view);
                    if (QTest::currentTestFailed()) return;
                }
    }
}

QString tooltip(ui::StepView& view, int step) {
    return view.findChild<QTreeWidget*>(QStringLiteral("stepList"))->topLevelItem(step)->toolTip(1);
}

}  // namespace

class TestStepsLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { ui::applyLanguage(ui::Language::English, false); }

    // The scenes reach every sentence, so that the Chinese check below
    // misses none of them.
    void scenesReachEverySentence() {
        QString all;
        forEveryCell([&](const Case&, const ap::Explanation& e, ui::StepView&) {
            for (const ap::ExplainStep& s : e.steps) all += QString::fromStdString(s.formula) + u'\n';
        });
        const QStringList sentences = {"columns",
                                       "(Xq Wq)[",
                                       "(Xk Wk)[",
                                       "(Xv Wv)[",
                                       "v = all ones",
                                       "has no direction",
                                       "\nnot masked\n",
                                       "not masked (causal",
                                       "comes after query",
                                       "is padding",
                                       "is listed",
                                       "is padding; cells",
                                       "every key of this row",
                                       "max of the unmasked",
                                       "(the argmax)",
                                       "(not the argmax)",
                                       "plain softmax",
                                       "largest unmasked scores",
                                       "k-th largest",
                                       "Σ of the",
                                       "keys with z_l",
                                       "draws of a key",
                                       "how often",
                                       "expected p_j",
                                       "of head",
                                       "heads' context rows side by side] · Wo",
                                       "heads' context rows side by side (no Wo)",
                                       "[the context row] · Wo",
                                       "the context row (no Wo)",
                                       "more)",
                                       "more}"};
        for (const QString& s : sentences) QVERIFY2(all.contains(s), qPrintable(s));
    }

    void englishIsTheEnginesText() {
        ui::applyLanguage(ui::Language::English, false);
        forEveryCell([](const Case& c, const ap::Explanation& e, ui::StepView& view) {
            for (int n = 0; n < view.stepCount(); ++n) {
                const QString engine = QString::fromStdString(e.steps[std::size_t(n)].formula);
                QVERIFY2(view.stepFormula(n) == engine,
                         qPrintable(QString::fromLatin1(c.name) + QStringLiteral(": ") + view.stepFormula(n) +
                                    QStringLiteral(" ≠ ") + engine));
                QCOMPARE(tooltip(view, n), engine);
            }
        });
    }

    void chineseLeavesNoEnglishProse() {
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        QVERIFY(!ui::loadedTranslationFile().isEmpty());
        static const QSet<QString> maths = {"exp", "max", "softmax", "tanh", "argmax", "SplitMix", "inf", "nan"};
        static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
        forEveryCell([](const Case& c, const ap::Explanation&, ui::StepView& view) {
            QSet<QString> allowed = maths;
            for (const auto* tokens : {&c.scene.queryTokens, &c.scene.keyTokens})
                for (const std::string& t : *tokens)
                    for (const auto& m : word.globalMatch(QString::fromStdString(t))) allowed.insert(m.captured());
            const QString copied = view.plainText();
            for (int n = 0; n < view.stepCount(); ++n) {
                const QString shown = view.stepFormula(n);
                for (const auto& m : word.globalMatch(shown))
                    QVERIFY2(allowed.contains(m.captured()),
                             qPrintable(QString::fromLatin1(c.name) + QStringLiteral(": \"") + m.captured() +
                                        QStringLiteral("\" in ") + shown));
                QCOMPARE(tooltip(view, n), shown);
                QVERIFY(copied.contains(shown));
            }
        });
    }

    // Switching the language while a cell is shown switches its formulas.
    void followsALanguageSwitch() {
        ui::applyLanguage(ui::Language::English, false);
        ap::Explanation e;
        QVERIFY(ap::explainScene(ap::builtInExample(), {}, e).ok);
        ui::StepView view;
        view.setExplanation(e, QStringLiteral("cell"));
        int mask = 0;
        while (e.steps[std::size_t(mask)].name != "mask") ++mask;
        QCOMPARE(view.stepFormula(mask), QStringLiteral("not masked"));
        ui::applyLanguage(ui::Language::SimplifiedChinese, false);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(view.stepFormula(mask), QStringLiteral("未屏蔽"));
        QCOMPARE(tooltip(view, mask), QStringLiteral("未屏蔽"));
    }
};

QTEST_MAIN(TestStepsLanguage)
#include "test_steps_language.moc"
