// `explain` and `compute` run as separate processes on the same scene files:
// the score, weight and context that explain prints are the numbers compute
// writes, for every scoring kind, normalization and head. Also sample scenes
// on the command line, and explain's bad input.
#include "io/scene_io.h"

#include "app_process.h"
#include "random_inputs.h"

#include <QtTest>

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

QJsonObject lastLineJson(const QByteArray& out) {
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

// The float a JSON number was written from (both commands write floats in
// their shortest round-trip form).
float f(const QJsonValue& v) { return float(v.toDouble()); }

}  // namespace

class TestCliExplain : public QObject {
    Q_OBJECT
private slots:
    void explainAgreesWithCompute();
    void explainPrintsStepsThenJson();
    void sampleScenesOnTheCommandLine();
    void badArguments();

private:
    QTemporaryDir dir_;
};

void TestCliExplain::explainAgreesWithCompute() {
    const ap::Scoring scorings[] = {ap::Scoring::Dot, ap::Scoring::ScaledDot, ap::Scoring::General,
                                    ap::Scoring::Additive, ap::Scoring::Cosine};
    const ap::Normalization norms[] = {ap::Normalization::Softmax, ap::Normalization::Hard, ap::Normalization::TopK,
                                       ap::Normalization::Sparsemax, ap::Normalization::Sample};
    int compared = 0;
    for (int variant = 0; variant < 2; ++variant)
        for (ap::Scoring sc : scorings)
            for (ap::Normalization nm : norms) {
                ap::Scene s;
                s.queries = randomMatrix(4, 4, 1 + unsigned(variant));
                s.keys = randomMatrix(5, 4, 2 + unsigned(variant));
                s.values = randomMatrix(5, 4, 3);
                s.heads = 2;
                s.scoring = sc;
                s.normalization = nm;
                s.temperature = 0.7f;
                s.samples = 10;
                s.seed = 42;
                if (variant == 1) {
                    s.mask.causal = true;
                    s.mask.keyPadding = {false, false, true, false, false};
                    s.projections.Wo = randomMatrix(4, 3, 9);
                }
                const QString path =
                    dir_.filePath(QStringLiteral("scene-%1-%2-%3.json").arg(variant).arg(int(sc)).arg(int(nm)));
                QVERIFY(ap::writeFileAtomically(path.toStdString(), ap::sceneToJson(s)).ok);
                const Run compute = runApp({QStringLiteral("compute"), path});
                QCOMPARE(compute.exitCode, 0);
                const QJsonObject result = QJsonDocument::fromJson(compute.out).object();
                const QJsonArray heads = result.value(QStringLiteral("heads")).toArray();
                QCOMPARE(heads.size(), 2);
                for (int h = 0; h < 2; ++h)
                    for (int i : {3})
                        for (int j : {variant == 0 ? 0 : 2, 4}) {
                            const Run ex = runApp({QStringLiteral("explain"), path, QStringLiteral("--query"),
                                                   QString::number(i), QStringLiteral("--key"), QString::number(j),
                                                   QStringLiteral("--head"), QString::number(h)});
                            QCOMPARE(ex.exitCode, 0);
                            const QJsonObject e = lastLineJson(ex.out);
                            const QJsonObject head = heads[h].toObject();
                            const QString where = QStringLiteral("%1 %2 variant %3 head %4 cell %5,%6")
                                                      .arg(ap::toString(sc), ap::toString(nm))
                                                      .arg(variant)
                                                      .arg(h)
                                                      .arg(i)
                                                      .arg(j);
                            QVERIFY2(f(e[QStringLiteral("score")]) ==
                                         f(head[QStringLiteral("scores")].toArray()[i].toArray()[j]),
                                     qPrintable(where));
                            QVERIFY2(f(e[QStringLiteral("weight")]) ==
                                         f(head[QStringLiteral("weights")].toArray()[i].toArray()[j]),
                                     qPrintable(where));
                            const QJsonArray ctx = e[QStringLiteral("context")].toArray();
                            const QJsonArray want = head[QStringLiteral("context")].toArray()[i].toArray();
                            QCOMPARE(ctx.size(), want.size());
                            for (int c = 0; c < ctx.size(); ++c) QVERIFY2(f(ctx[c]) == f(want[c]), qPrintable(where));
                            QVERIFY(!e[QStringLiteral("steps")].toArray().isEmpty());
                            ++compared;
                        }
            }
    QCOMPARE(compared, 2 * 5 * 5 * 2 * 2);
}

void TestCliExplain::explainPrintsStepsThenJson() {
    const QString path = QStringLiteral(AP_RESOURCES_DIR "/scenes/je-suis-etudiant.json");
    const Run ex = runApp({QStringLiteral("explain"), path, QStringLiteral("--query"), QStringLiteral("2"),
                           QStringLiteral("--key"), QStringLiteral("2")});
    QCOMPARE(ex.exitCode, 0);
    const QString text = QString::fromUtf8(ex.out);
    QVERIFY(text.startsWith(QStringLiteral("1. Query vector\n")));
    QVERIFY(text.contains(QStringLiteral("Score (scaled dot)")));
    QVERIFY(text.contains(QStringLiteral("e_l = exp((s_l − m) / T)")));
    const QJsonObject e = lastLineJson(ex.out);
    for (const char* key : {"score", "weight", "context", "steps"}) QVERIFY2(e.contains(QLatin1String(key)), key);
    const QJsonArray steps = e[QStringLiteral("steps")].toArray();
    for (const QJsonValue& st : steps) {
        const QJsonObject o = st.toObject();
        QVERIFY(o.contains(QStringLiteral("name")) && o.contains(QStringLiteral("formula")) &&
                o.contains(QStringLiteral("value")));
    }
    QCOMPARE(steps[2].toObject()[QStringLiteral("name")].toString(), QStringLiteral("products"));
    // "a" · "étudiant": (0, 1.2, 1.4, 0.2) · (0, 0.4, 2, 0.6) = 3.4, / √4 = 1.7.
    // The sum is accumulated in float, as the engine computes it.
    QVERIFY(std::abs(steps[3].toObject()[QStringLiteral("value")].toDouble() - 3.4) < 1e-5);
    QCOMPARE(f(e[QStringLiteral("score")]), 1.7f);
}

void TestCliExplain::sampleScenesOnTheCommandLine() {
    const QString path = dir_.filePath(QStringLiteral("sample.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "attention-playground.scene", "version": 1,
      "queries": {"matrix": [[1, 0], [0, 1]]}, "keys": {"matrix": [[1, 0], [0, 1], [1, 1]]},
      "normalization": {"kind": "sample", "samples": 1, "seed": 3}})");
    file.close();
    const Run a = runApp({QStringLiteral("compute"), path});
    const Run b = runApp({QStringLiteral("compute"), path});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);  // same seed, same weights
    const QJsonArray w = QJsonDocument::fromJson(a.out)
                             .object()[QStringLiteral("heads")]
                             .toArray()[0]
                             .toObject()[QStringLiteral("weights")]
                             .toArray();
    for (const QJsonValue& row : w) {  // N = 1: one-hot
        double sum = 0;
        for (const QJsonValue& x : row.toArray()) {
            QVERIFY(x.toDouble() == 0.0 || x.toDouble() == 1.0);
            sum += x.toDouble();
        }
        QCOMPARE(sum, 1.0);
    }
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "attention-playground.scene", "version": 1,
      "queries": {"matrix": [[1, 0]]}, "keys": {"matrix": [[1, 0]]},
      "normalization": {"kind": "sample", "samples": 0}})");
    file.close();
    const Run bad = runApp({QStringLiteral("compute"), path});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("normalization.samples: must be a whole number >= 1"), bad.err.constData());
}

void TestCliExplain::badArguments() {
    const QString path = QStringLiteral(AP_RESOURCES_DIR "/scenes/je-suis-etudiant.json");
    Run r = runApp({QStringLiteral("explain"), path, QStringLiteral("--query"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--query and --key are required"));
    r = runApp({QStringLiteral("explain"), path, QStringLiteral("--query"), QStringLiteral("0"),
                QStringLiteral("--key"), QStringLiteral("3")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--key must be a whole number from 0 to 2"), r.err.constData());
    r = runApp({QStringLiteral("explain"), path, QStringLiteral("--query"), QStringLiteral("0"),
                QStringLiteral("--key"), QStringLiteral("0"), QStringLiteral("--head"), QStringLiteral("1")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    r = runApp({QStringLiteral("explain"), dir_.filePath(QStringLiteral("missing.json")), QStringLiteral("--query"),
                QStringLiteral("0"), QStringLiteral("--key"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);
}

QTEST_MAIN(TestCliExplain)
#include "test_cli_explain.moc"
