// The align and generate-corpus commands, run as a separate process.
#include "app_process.h"

#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace {

QString corpus(const char* name) { return QStringLiteral(AP_RESOURCES_DIR "/corpora/") + QLatin1String(name); }

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject lastJson(const QByteArray& out) {
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

}  // namespace

class TestCliAlign : public QObject {
    Q_OBJECT
private slots:
    void alignWritesPharaohAndJson();
    void alignToStdoutWithoutGoldPrintsNull();
    void alignBadInputExits2();
    void alignWithTrainCorpusKeepsTheParametersFixed();
    void trainReportsAlignersOnTheHeldOutPairsBothWays();
    void generateCorpusThenAlignIt();
    void generateCorpusBadInputExits2();
};

void TestCliAlign::alignWritesPharaohAndJson() {
    QTemporaryDir dir;
    const QString links = dir.filePath(QStringLiteral("links.txt"));
    const Run r = runApp({QStringLiteral("align"), corpus("fr-en.tsv"), QStringLiteral("-o"), links});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = lastJson(r.out);
    for (const char* key : {"aer", "precision", "recall", "seconds"})
        QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
    QVERIFY(o.value(QStringLiteral("aer")).toDouble() <= 0.054);
    QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("ibm2"));
    QCOMPARE(o.value(QStringLiteral("symmetrize")).toString(), QStringLiteral("gdfa"));
    QCOMPARE(r.out.trimmed().count('\n'), 0);  // only the JSON on stdout
    const QList<QByteArray> lines = readAll(links).split('\n');
    // One line per pair (71 pairs), then the empty string after the final newline.
    QCOMPARE(lines.size(), 72);
    // Je suis étudiant / I am a student: the sure links 0-0, 1-1, 2-3 are found.
    const QList<QByteArray> first = lines.first().split(' ');
    for (const char* l : {"0-0", "1-1", "2-3"}) QVERIFY2(first.contains(QByteArray(l)), l);
    const QRegularExpression pharaoh(QStringLiteral("^(\\d+-\\d+( \\d+-\\d+)*)?$"));
    for (int k = 0; k + 1 < lines.size(); ++k) QVERIFY(pharaoh.match(QString::fromUtf8(lines[k])).hasMatch());
}

void TestCliAlign::alignToStdoutWithoutGoldPrintsNull() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.tsv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("le chat\tthe cat\nle chien\tthe dog\n");
    f.close();
    const Run r = runApp({QStringLiteral("align"), path, QStringLiteral("--model"), QStringLiteral("ibm1"),
                          QStringLiteral("--symmetrize"), QStringLiteral("intersect")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QByteArray("0-0 1-1"));
    QCOMPARE(lines[1], QByteArray("0-0 1-1"));
    const QJsonObject o = lastJson(r.out);
    QVERIFY(o.value(QStringLiteral("aer")).isNull());
    QVERIFY(o.value(QStringLiteral("precision")).isNull());
    QVERIFY(o.value(QStringLiteral("recall")).isNull());
    QVERIFY(o.value(QStringLiteral("seconds")).isDouble());
    QCOMPARE(o.value(QStringLiteral("pairs_with_gold")).toInt(), 0);
}

void TestCliAlign::alignBadInputExits2() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("links.txt"));
    Run r = runApp({QStringLiteral("align"), dir.filePath(QStringLiteral("missing.tsv")), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("missing.tsv"));
    QVERIFY(!QFile::exists(out));
    r = runApp({QStringLiteral("align"), corpus("fr-en.tsv"), QStringLiteral("--model"), QStringLiteral("ibm3")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--model"));
    r = runApp({QStringLiteral("align"), corpus("fr-en.tsv"), QStringLiteral("--iterations"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);
    r = runApp({QStringLiteral("align"), corpus("fr-en.tsv"), QStringLiteral("--symmetrize"), QStringLiteral("grow")});
    QCOMPARE(r.exitCode, 2);
}

// --train-corpus: trained on two pairs, the unseen "chien / dog" aligns
// word to word (an unseen word has EM's uniform start value, which beats
// the floor of trained words that never met it).
void TestCliAlign::alignWithTrainCorpusKeepsTheParametersFixed() {
    QTemporaryDir dir;
    const QString train = dir.filePath(QStringLiteral("train.tsv")), held = dir.filePath(QStringLiteral("held.tsv"));
    QFile t(train), h(held);
    QVERIFY(t.open(QIODevice::WriteOnly) && h.open(QIODevice::WriteOnly));
    t.write("la maison\tthe house\nla fleur\tthe flower\n");
    h.write("la chien\tthe dog\t0-0 1-1\nmaison la\thouse the\t0-0 1-1\n");
    t.close();
    h.close();
    Run r = runApp({QStringLiteral("align"), held, QStringLiteral("--train-corpus"), train, QStringLiteral("--model"),
                    QStringLiteral("ibm1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QByteArray("0-0 1-1"));
    QCOMPARE(lines[1], QByteArray("0-0 1-1"));
    QJsonObject o = lastJson(r.out);
    QCOMPARE(o.value(QStringLiteral("train_corpus")).toString(), train);
    QCOMPARE(o.value(QStringLiteral("train_pairs")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("pairs")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("pairs_with_gold")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("aer")).toDouble(), 0.0);
    // Without it, EM runs on the aligned pairs: no training corpus.
    r = runApp({QStringLiteral("align"), held});
    QCOMPARE(r.exitCode, 0);
    o = lastJson(r.out);
    QVERIFY(o.value(QStringLiteral("train_corpus")).isNull());
    QCOMPARE(o.value(QStringLiteral("train_pairs")).toInt(), 2);
    // A missing training corpus: exit 2, named, nothing written.
    const QString out = dir.filePath(QStringLiteral("links.txt"));
    r = runApp({QStringLiteral("align"), held, QStringLiteral("--train-corpus"),
                dir.filePath(QStringLiteral("missing.tsv")), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("missing.tsv"));
    QVERIFY(!QFile::exists(out));
    r = runApp({QStringLiteral("align"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--train-corpus"));
    r = runApp({QStringLiteral("--help")});
    QVERIFY(r.out.contains("--train-corpus"));
}

namespace {
double alignAer(const QStringList& args) {
    const Run r = runApp(QStringList{QStringLiteral("align")} + args);
    return r.exitCode == 0 ? lastJson(r.out).value(QStringLiteral("aer")).toDouble(-1.0) : -2.0;
}
}  // namespace

// train's "eval" holds each aligner's AER on the held-out pairs both ways,
// the same figures as align on those pairs with and without --train-corpus.
void TestCliAlign::trainReportsAlignersOnTheHeldOutPairsBothWays() {
    const Run r =
        runApp({QStringLiteral("train"), corpus("fr-en.tsv"), QStringLiteral("--eval"), corpus("fr-en-eval.tsv"),
                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("8")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject eval = lastJson(r.out).value(QStringLiteral("eval")).toObject();
    QVERIFY(eval.value(QStringLiteral("aer")).isDouble());  // the attention's, unchanged
    const QJsonObject self = eval.value(QStringLiteral("aligner_aer")).toObject();
    const QJsonObject trainOnly = eval.value(QStringLiteral("aligner_aer_train_only")).toObject();
    for (const char* model : {"ibm1", "ibm2", "fastalign"}) {
        const QString m = QLatin1String(model);
        QCOMPARE(self.value(m).toDouble(-1.0), alignAer({corpus("fr-en-eval.tsv"), QStringLiteral("--model"), m}));
        QCOMPARE(trainOnly.value(m).toDouble(-1.0),
                 alignAer({corpus("fr-en-eval.tsv"), QStringLiteral("--train-corpus"), corpus("fr-en.tsv"),
                           QStringLiteral("--model"), m}));
    }
    // --holdout: the held-out sentences are never trained on, and the
    // training-only figures come with the split.
    const Run h =
        runApp({QStringLiteral("train"), corpus("fr-en.tsv"), QStringLiteral("--holdout"), QStringLiteral("0.2"),
                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--hidden"), QStringLiteral("8")});
    QVERIFY2(h.exitCode == 0, h.err.constData());
    const QJsonObject held = lastJson(h.out).value(QStringLiteral("eval")).toObject();
    QCOMPARE(held.value(QStringLiteral("unseen_sources")).toDouble(), 1.0);
    for (const char* model : {"ibm1", "ibm2", "fastalign"}) {
        const double aer =
            held.value(QStringLiteral("aligner_aer_train_only")).toObject().value(QLatin1String(model)).toDouble(-1.0);
        QVERIFY2(aer >= 0.0 && aer <= 1.0, model);
    }
}

void TestCliAlign::generateCorpusThenAlignIt() {
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.tsv")), b = dir.filePath(QStringLiteral("b.tsv"));
    const QStringList args = {QStringLiteral("generate-corpus"),
                              QStringLiteral("--grammar"),
                              QStringLiteral("zh-en"),
                              QStringLiteral("--pairs"),
                              QStringLiteral("500"),
                              QStringLiteral("--seed"),
                              QStringLiteral("4"),
                              QStringLiteral("-o")};
    Run r = runApp(args + QStringList{a});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lastJson(r.out).value(QStringLiteral("pairs")).toInt(), 500);
    QCOMPARE(runApp(args + QStringList{b}).exitCode, 0);
    QCOMPARE(readAll(a), readAll(b));  // same seed, same bytes
    r = runApp({QStringLiteral("align"), a, QStringLiteral("--model"), QStringLiteral("fastalign")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = lastJson(r.out);
    QCOMPARE(o.value(QStringLiteral("pairs_with_gold")).toInt(), 500);
    QVERIFY(o.value(QStringLiteral("aer")).toDouble() < 0.35);
}

void TestCliAlign::generateCorpusBadInputExits2() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.tsv"));
    QCOMPARE(runApp({QStringLiteral("generate-corpus"), QStringLiteral("--grammar"), QStringLiteral("fr-es"),
                     QStringLiteral("-o"), out})
                 .exitCode,
             2);
    QCOMPARE(runApp({QStringLiteral("generate-corpus"), QStringLiteral("--grammar"), QStringLiteral("fr-en"),
                     QStringLiteral("--pairs"), QStringLiteral("0"), QStringLiteral("-o"), out})
                 .exitCode,
             2);
    QCOMPARE(runApp({QStringLiteral("generate-corpus"), QStringLiteral("--grammar"), QStringLiteral("fr-en")}).exitCode,
             2);
    QVERIFY(!QFile::exists(out));
    const Run r = runApp({QStringLiteral("generate-corpus"), QStringLiteral("--grammar"), QStringLiteral("fr-en"),
                          QStringLiteral("-o"), dir.filePath(QStringLiteral("no/such/dir/x.tsv"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("x.tsv"));
}

QTEST_MAIN(TestCliAlign)
#include "test_cli_align.moc"
