// The command line (docs/command-line.md), run as a separate process the way
// scripts and outside tools run it.
#include "app_process.h"

#include <QtTest>

#include <QImage>
#include <QPainter>
#include <QJsonArray>
#include <cmath>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <dirent.h>
#include <unistd.h>

namespace {

QString data(const char* name) { return QStringLiteral(AP_TEST_DATA_DIR "/cli/") + QLatin1String(name); }

int distinctColors(const QImage& image) {
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colors.insert(image.pixel(x, y));
    return int(colors.size());
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void computeWritesTheResult();
    void computeToStandardOutput();
    void exportWritesImages_data();
    void exportWritesImages();
    void exportOneHeadOfTwo();
    void badSceneExitsTwoAndLeavesNoFile_data();
    void badSceneExitsTwoAndLeavesNoFile();
    void badArguments();
    void benchPrintsJsonLast();
    void helpAndVersion();
    void trainPrintsEpochsAndJsonLast();
    void trainRefusesBadInput();
    void computeOmitsMembers();
    void computeRefusesScoresThatOverflow();
    void computeToFullStandardOutput();
    void outputThroughDanglingSymlinkKeepsTheLink();
    void fileNamesThatAreNotUtf8();
    void timestepPrintsEpochsAndJsonLast();
    void channelPrintsJsonLast();
    void experimentsRefuseBadOptions_data();
    void experimentsRefuseBadOptions();
    void trainEvaluatesHeldOutPairs();
    void translateWithASavedModel();
};

void TestCli::computeWritesTheResult() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("result.json"));
    const Run r = runApp({QStringLiteral("compute"), data("two_by_two.json"), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(readAll(out)).object();
    QCOMPARE(o.value("format").toString(), QStringLiteral("attention-playground.result"));
    QCOMPARE(o.value("version").toInt(), 1);
    QCOMPARE(o.value("query_tokens").toArray(), QJsonArray({"a", "b"}));
    QCOMPARE(o.value("key_tokens").toArray(), QJsonArray({"x", "y"}));
    // Q = K = I, dot scores: row a = [1, 0], row b = [0, 1]; cell (b, x) is
    // masked. Row a: softmax([1, 0]) = [e/(e+1), 1/(e+1)] = [0.7310586, 0.2689414].
    // Row b: only y is unmasked, so [0, 1] exactly. V = K = I: context = weights.
    const QJsonArray mask = o.value("mask").toArray();
    QCOMPARE(mask.at(1).toArray().at(0).toBool(), true);
    QCOMPARE(mask.at(0).toArray().at(0).toBool(), false);
    const QJsonObject head = o.value("heads").toArray().at(0).toObject();
    const QJsonArray w = head.value("weights").toArray();
    QVERIFY(qAbs(w.at(0).toArray().at(0).toDouble() - 0.7310586) < 1e-6);
    QVERIFY(qAbs(w.at(0).toArray().at(1).toDouble() - 0.2689414) < 1e-6);
    QCOMPARE(w.at(1).toArray().at(0).toDouble(), 0.0);
    QCOMPARE(w.at(1).toArray().at(1).toDouble(), 1.0);
    // Masked cells keep their raw score.
    QCOMPARE(head.value("scores").toArray().at(1).toArray().at(0).toDouble(), 0.0);
    QCOMPARE(head.value("scores").toArray().at(1).toArray().at(1).toDouble(), 1.0);
    const QJsonArray ctx = head.value("context").toArray();
    QVERIFY(qAbs(ctx.at(0).toArray().at(0).toDouble() - 0.7310586) < 1e-6);
    QCOMPARE(o.value("output").toArray().at(1).toArray().at(1).toDouble(), 1.0);
    QCOMPARE(o.value("weights_mean").toArray().size(), 2);
    QCOMPARE(o.value("fully_masked_rows").toArray().size(), 0);
}

void TestCli::computeToStandardOutput() {
    const Run r = runApp({QStringLiteral("compute"), data("two_by_two.json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value("heads").toArray().size(), 1);
}

void TestCli::exportWritesImages_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("png") << "png" << 640 << 480;
    QTest::newRow("png-wide") << "png" << 1200 << 300;
    QTest::newRow("svg") << "svg" << 500 << 400;
    QTest::newRow("pdf") << "pdf" << 700 << 500;
}

void TestCli::exportWritesImages() {
    QFETCH(QString, suffix);
    QFETCH(int, width);
    QFETCH(int, height);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("map.") + suffix);
    const Run r =
        runApp({QStringLiteral("export"), data("two_heads.json"), QStringLiteral("-o"), out, QStringLiteral("--width"),
                QString::number(width), QStringLiteral("--height"), QString::number(height)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(out));
    QImage image;
    if (suffix == QLatin1String("png")) {
        QVERIFY(image.load(out));
    } else if (suffix == QLatin1String("svg")) {
        QSvgRenderer svg(out);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.defaultSize(), QSize(width, height));
        image = QImage(svg.defaultSize(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter p(&image);
        svg.render(&p);
    } else {
        const QByteArray pdf = readAll(out);
        QVERIFY(pdf.startsWith("%PDF-"));
        // One point per requested pixel: the page is exactly width x height.
        const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto m = box.match(QString::fromLatin1(pdf));
        QVERIFY(m.hasMatch());
        QCOMPARE(qRound(m.captured(1).toDouble()), width);
        QCOMPARE(qRound(m.captured(2).toDouble()), height);
        // Render it back to see that it is not blank.
        QProcess pdftoppm;
        pdftoppm.start(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("72"),
                                                    QStringLiteral("-singlefile"), out, dir.filePath("page")});
        QVERIFY2(pdftoppm.waitForFinished(60000) && pdftoppm.exitCode() == 0, "pdftoppm (poppler-utils) failed");
        QVERIFY(image.load(dir.filePath("page.png")));
    }
    QCOMPARE(image.size(), QSize(width, height));
    // A heatmap with a colour scale has many colours; a blank page has one.
    QVERIFY2(distinctColors(image) > 20, qPrintable(QString::number(distinctColors(image))));
}

void TestCli::exportOneHeadOfTwo() {
    QTemporaryDir dir;
    const QString head1 = dir.filePath(QStringLiteral("h1.png"));
    const QString mean = dir.filePath(QStringLiteral("mean.png"));
    QCOMPARE(runApp({"export", data("two_heads.json"), "-o", head1, "--head", "1"}).exitCode, 0);
    QCOMPARE(runApp({"export", data("two_heads.json"), "-o", mean, "--head", "mean"}).exitCode, 0);
    QImage a(head1), b(mean);
    QCOMPARE(a.size(), QSize(800, 600));
    QVERIFY(a != b);
    const Run bad = runApp({"export", data("two_heads.json"), "-o", dir.filePath("x.png"), "--head", "2"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("--head"));
    QVERIFY(!QFile::exists(dir.filePath("x.png")));
}

void TestCli::badSceneExitsTwoAndLeavesNoFile_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("compute") << "compute"
                             << "json";
    QTest::newRow("export-png") << "export"
                                << "png";
    QTest::newRow("export-pdf") << "export"
                                << "pdf";
}

void TestCli::badSceneExitsTwoAndLeavesNoFile() {
    QFETCH(QString, command);
    QFETCH(QString, suffix);
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh.") + suffix);
    Run r = runApp({command, data("ragged.json"), QStringLiteral("-o"), fresh});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFile::exists(fresh));
    const QString err = QString::fromLocal8Bit(r.err).trimmed();
    QVERIFY2(err.contains(QStringLiteral("ragged.json")) && err.contains(QStringLiteral("queries.matrix[1]")),
             qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 0);  // one message

    // An output file that existed before is left exactly as it was.
    const QString existing = dir.filePath(QStringLiteral("existing.") + suffix);
    {
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    r = runApp({command, data("ragged.json"), QStringLiteral("-o"), existing});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(readAll(existing), QByteArray("precious"));

    // Not JSON at all: the message names the line and column.
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    {
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"format\": \"attention-playground.scene\",\n  \"version\": 1,,\n}");
    }
    r = runApp({command, broken, QStringLiteral("-o"), existing});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("broken.json:3:"), r.err.constData());
    QCOMPARE(readAll(existing), QByteArray("precious"));
    // No temporary files are left behind either.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
}

void TestCli::badArguments() {
    QCOMPARE(runApp({"compute"}).exitCode, 2);
    QCOMPARE(runApp({"export", data("two_by_two.json")}).exitCode, 2);  // no -o
    QCOMPARE(runApp({"export", data("two_by_two.json"), "-o", "/tmp/x.bmp"}).exitCode, 2);
    QCOMPARE(runApp({"export", data("two_by_two.json"), "-o", "/tmp/x.png", "--width", "0"}).exitCode, 2);
    QCOMPARE(runApp({"bench", data("two_by_two.json"), "--repeat", "zero"}).exitCode, 2);
    QCOMPARE(runApp({"compute", data("does-not-exist.json")}).exitCode, 2);
    // Writing into a folder that does not exist fails with status 1.
    const Run r = runApp({"compute", data("two_by_two.json"), "-o", "/nonexistent-dir/r.json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("/nonexistent-dir/r.json"));
}

void TestCli::benchPrintsJsonLast() {
    const Run r = runApp({"bench", data("two_heads.json"), "--repeat", "7"});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(o.value("repeat").toInt(), 7);
    QVERIFY(o.value("median_ms").isDouble());
    QVERIFY(o.value("min_ms").toDouble() <= o.value("median_ms").toDouble());
    QVERIFY(o.value("median_ms").toDouble() <= o.value("max_ms").toDouble());
}

void TestCli::helpAndVersion() {
    Run r = runApp({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("attention-playground "));
    r = runApp({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("compute") && r.out.contains("export") && r.out.contains("bench"));
    // The commands' descriptions stand in one column: after a gap of two or
    // more spaces, or alone on a line.
    const QRegularExpression description(QStringLiteral("(?:^|\\S) {2,}(\\S)"));
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    const qsizetype first = lines.indexOf(QStringLiteral("Commands (no display needed):"));
    QVERIFY(first >= 0);
    int described = 0;
    for (qsizetype i = first + 1; i < lines.size() && !lines[i].isEmpty(); ++i) {
        QRegularExpressionMatchIterator it = description.globalMatch(lines[i]);
        while (it.hasNext()) {
            const qsizetype column = it.next().capturedStart(1);
            if (column < 12) continue;  // a synopsis' own indentation
            QVERIFY2(column == 38, qPrintable(lines[i]));
            ++described;
        }
    }
    QVERIFY(described >= 15);
    r = runApp({"export", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--width"));
}

void TestCli::trainPrintsEpochsAndJsonLast() {
    QTemporaryDir dir;
    const QString attention = dir.filePath(QStringLiteral("attention"));
    const Run r = runApp({"train", data("tiny.tsv"), "--epochs", "4", "--hidden", "8", "--seed", "3", "--scoring",
                          "dot", "--save-attention", attention});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QVERIFY(lines.size() >= 5);  // one line per epoch, then the JSON summary
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    for (const char* key : {"loss", "token_accuracy", "exact_match", "aer", "seconds"})
        QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
    QVERIFY(o.value("aer").toDouble() >= 0.0 && o.value("aer").toDouble() <= 1.0);
    // One scene file per pair, each a valid scene that compute reads.
    const QStringList scenes = QDir(attention).entryList({QStringLiteral("*.json")}, QDir::Files);
    QCOMPARE(scenes.size(), 4);
    QCOMPARE(runApp({"compute", QDir(attention).filePath(scenes.first())}).exitCode, 0);
    // The same seed gives the same run.
    const Run again =
        runApp({"train", data("tiny.tsv"), "--epochs", "4", "--hidden", "8", "--seed", "3", "--scoring", "dot"});
    const QJsonObject o2 = QJsonDocument::fromJson(again.out.trimmed().split('\n').last()).object();
    QCOMPARE(o2.value("loss").toDouble(), o.value("loss").toDouble());
}

void TestCli::trainRefusesBadInput() {
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.tsv"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("le chat\tthe cat\t0-0 1-1\nle chien\tthe dog\t0-5\n");
    }
    Run r = runApp({"train", bad});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("bad.tsv:2"), r.err.constData());
    r = runApp({"train", data("tiny.tsv"), "--scoring", "nonsense"});
    QCOMPARE(r.exitCode, 2);
    r = runApp({"train", data("tiny.tsv"), "--heads", "3", "--hidden", "8"});
    QCOMPARE(r.exitCode, 2);
}

void TestCli::computeOmitsMembers() {
    const Run r = runApp({QStringLiteral("compute"), data("two_heads.json"), QStringLiteral("--omit"),
                          QStringLiteral("scores,weights_mean"), QStringLiteral("--omit"), QStringLiteral("mask")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QVERIFY(!o.contains(QStringLiteral("mask")));
    QVERIFY(!o.contains(QStringLiteral("weights_mean")));
    QVERIFY(o.contains(QStringLiteral("output")));
    const QJsonObject head = o.value(QStringLiteral("heads")).toArray().at(1).toObject();
    QVERIFY(!head.contains(QStringLiteral("scores")));
    QVERIFY(head.contains(QStringLiteral("weights")));
    const Run bad =
        runApp({QStringLiteral("compute"), data("two_heads.json"), QStringLiteral("--omit"), QStringLiteral("score")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("unknown member 'score'"));
    QVERIFY(bad.out.isEmpty());
}

void TestCli::computeRefusesScoresThatOverflow() {
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("huge.json"));
    QFile f(scene);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "attention-playground.scene", "version": 1, "scoring": {"kind": "dot"},
               "queries": {"matrix": [[3e38, 0]]}, "keys": {"matrix": [[3e38, 0], [0, 1]]}})");
    f.close();
    const QString out = dir.filePath(QStringLiteral("r.json"));
    const Run r = runApp({QStringLiteral("compute"), scene, QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(QString::fromLocal8Bit(r.err).trimmed(),
             scene + QStringLiteral(
                         ": heads[0].scores[0][0]: overflows the float range (the scene's numbers are too large)"));
    QVERIFY(!QFile::exists(out));
    const Run toStdout = runApp({QStringLiteral("compute"), scene});
    QCOMPARE(toStdout.exitCode, 2);
    QVERIFY(toStdout.out.isEmpty());
}

void TestCli::computeToFullStandardOutput() {
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(AP_APP_EXECUTABLE), {QStringLiteral("compute"), data("two_by_two.json")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(QString::fromLocal8Bit(p.readAllStandardError()).trimmed(),
             QStringLiteral("standard output: No space left on device"));
}

void TestCli::outputThroughDanglingSymlinkKeepsTheLink() {
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("link.json"));
    QVERIFY(QFile::link(QStringLiteral("target.json"), link));
    const Run r = runApp({QStringLiteral("compute"), data("two_by_two.json"), QStringLiteral("-o"), link});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(readAll(dir.filePath(QStringLiteral("target.json"))).contains("attention-playground.result"));
}

// Bytes 0xFF and 0xFE never occur in UTF-8; the names go through a shell so
// that they reach the program as raw bytes.
void TestCli::fileNamesThatAreNotUtf8() {
    QTemporaryDir dir;
    QProcess sh;
    sh.setWorkingDirectory(dir.path());
    const QString script = QString::fromLatin1(R"sh(
        in=$(printf 'sc\377ne.json'); out=$(printf 'r\376.json')
        cp "$1" "$in" && "$2" compute "$in" -o "$out" && test -f "$out" &&
        "$2" compute "$(printf 'missing\377.json')" 2>&1 >/dev/null | od -An -c | tr -d ' \n')sh");
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral("sh"), data("two_by_two.json"),
                                         QStringLiteral(AP_APP_EXECUTABLE)});
    QVERIFY(sh.waitForFinished(60000));
    QCOMPARE(sh.exitCode(), 0);
    // The message names the file with its own byte 0377.
    QVERIFY2(sh.readAllStandardOutput().startsWith("missing377.json:"), "message does not keep the byte");
    // QDir and QTemporaryDir cannot see or remove names that are not UTF-8,
    // so the folder is read and emptied byte for byte.
    const QByteArray folder = QFile::encodeName(dir.path());
    QList<QByteArray> names;
    if (DIR* d = ::opendir(folder.constData())) {
        while (const dirent* e = ::readdir(d))
            if (qstrcmp(e->d_name, ".") != 0 && qstrcmp(e->d_name, "..") != 0) names.append(e->d_name);
        ::closedir(d);
    }
    for (const QByteArray& name : names) ::unlink((folder + '/' + name).constData());
    std::sort(names.begin(), names.end());
    QCOMPARE(names, QList<QByteArray>({QByteArray("r\376.json"), QByteArray("sc\377ne.json")}));
}

void TestCli::trainEvaluatesHeldOutPairs() {
    QTemporaryDir dir;
    const QString attention = dir.filePath(QStringLiteral("attention"));
    // --holdout: the last line's "eval" holds the held-out figures.
    Run r = runApp({"train", data("tiny.tsv"), "--epochs", "3", "--hidden", "8", "--holdout", "0.25", "--lowercase",
                    "--guided-alignment", "0.5", "--save-attention", attention});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonObject o = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
    QCOMPARE(o.value("pairs").toInt(), 3);
    QCOMPARE(o.value("lowercase").toBool(), true);
    const QJsonObject eval = o.value("eval").toObject();
    for (const char* key : {"exact_match", "token_accuracy", "bleu", "aer"}) {
        QVERIFY2(eval.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(eval.value(QLatin1String(key)).toDouble() >= 0.0 && eval.value(QLatin1String(key)).toDouble() <= 1.0);
    }
    QCOMPARE(eval.value("pairs").toInt(), 1);
    // The held-out pair's attention is saved too.
    QCOMPARE(QDir(attention).entryList({QStringLiteral("eval-*.json")}, QDir::Files).size(), 1);
    QCOMPARE(QDir(attention).entryList({QStringLiteral("pair-*.json")}, QDir::Files).size(), 3);
    // --eval: a separate file; without either there is no "eval".
    r = runApp({"train", data("tiny.tsv"), "--epochs", "2", "--hidden", "8", "--eval", data("tiny.tsv")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    o = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
    QCOMPARE(o.value("eval").toObject().value("pairs").toInt(), 4);
    r = runApp({"train", data("tiny.tsv"), "--epochs", "2", "--hidden", "8"});
    o = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
    QVERIFY(!o.contains("eval"));
    // Bad combinations exit 2 with a message.
    r = runApp({"train", data("tiny.tsv"), "--eval", data("tiny.tsv"), "--holdout", "0.1"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("exclude"));
    r = runApp({"train", data("tiny.tsv"), "--holdout", "2"});
    QCOMPARE(r.exitCode, 2);
    r = runApp({"train", data("tiny.tsv"), "--eval", dir.filePath(QStringLiteral("missing.tsv"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("missing.tsv"));
    r = runApp({"train", data("tiny.tsv"), "--guided-alignment", "1", "--normalization", "sparsemax"});
    QCOMPARE(r.exitCode, 2);
}

void TestCli::translateWithASavedModel() {
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("tiny.apmodel"));
    Run r = runApp({"train", data("tiny.tsv"), "--epochs", "30", "--hidden", "8", "--save-model", model});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo::exists(model));
    QFile f(data("tiny.tsv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray source;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.startsWith('#') && line.contains('\t')) {
            source = line.split('\t').first();
            break;
        }
    r = runApp({"translate", "--model", model, QString::fromUtf8(source)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    const QJsonArray sourceTokens = o.value("source_tokens").toArray();
    const QJsonArray targetTokens = o.value("target_tokens").toArray();
    QCOMPARE(sourceTokens.size(), source.split(' ').size());
    QStringList words;
    for (const QJsonValue& v : targetTokens) words << v.toString();
    QCOMPARE(QString::fromUtf8(lines.first()), words.join(QLatin1Char(' ')));
    const QJsonArray attention = o.value("attention").toArray();
    QCOMPARE(attention.size(), targetTokens.size() + (o.value("finished").toBool() ? 1 : 0));
    for (const QJsonValue& row : attention) {
        QCOMPARE(row.toArray().size(), sourceTokens.size());
        double sum = 0.0;
        for (const QJsonValue& w : row.toArray()) sum += w.toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
    }
    // A missing or damaged model file: exit 2, naming it.
    r = runApp({"translate", "--model", dir.filePath(QStringLiteral("none.apmodel")), "a"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("none.apmodel"));
    const QString bad = dir.filePath(QStringLiteral("bad.apmodel"));
    {
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("attention-playground-seq2seq 1\n{\"options\": 3}\n");
    }
    r = runApp({"translate", "--model", bad, "a"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("bad.apmodel"));
    r = runApp({"translate", "a"});
    QCOMPARE(r.exitCode, 2);
}

void TestCli::timestepPrintsEpochsAndJsonLast() {
    const Run r =
        runApp({QStringLiteral("timestep"), QStringLiteral("--steps"), QStringLiteral("6"),
                QStringLiteral("--informative"), QStringLiteral("4"), QStringLiteral("--units"), QStringLiteral("16"),
                QStringLiteral("--samples"), QStringLiteral("3000"), QStringLiteral("--epochs"), QStringLiteral("2"),
                QStringLiteral("--lr"), QStringLiteral("0.01"), QStringLiteral("--seed"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);  // two epochs, then JSON
    QVERIFY(lines[0].startsWith("epoch 1/2: loss "));
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    for (const char* key : {"accuracy", "attention", "peak_step", "loss", "seconds"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    const QJsonArray attention = o[QStringLiteral("attention")].toArray();
    QCOMPARE(attention.size(), 6);
    double sum = 0.0;
    for (const QJsonValue& a : attention) sum += a.toDouble();
    QVERIFY(std::abs(sum - 1.0) < 1e-5);
    QCOMPARE(o[QStringLiteral("peak_step")].toInt(), 4);
    QVERIFY(attention[4].toDouble() >= 0.4);
    QVERIFY(o[QStringLiteral("accuracy")].toDouble() >= 0.95);
    QVERIFY(o[QStringLiteral("seconds")].toDouble() > 0.0);
    // The same seed gives the same run.
    const Run again =
        runApp({QStringLiteral("timestep"), QStringLiteral("--steps"), QStringLiteral("6"),
                QStringLiteral("--informative"), QStringLiteral("4"), QStringLiteral("--units"), QStringLiteral("16"),
                QStringLiteral("--samples"), QStringLiteral("3000"), QStringLiteral("--epochs"), QStringLiteral("2"),
                QStringLiteral("--lr"), QStringLiteral("0.01"), QStringLiteral("--seed"), QStringLiteral("0")});
    const QJsonObject o2 = QJsonDocument::fromJson(again.out.trimmed().split('\n').last()).object();
    QCOMPARE(o2[QStringLiteral("attention")], o[QStringLiteral("attention")]);
    QCOMPARE(o2[QStringLiteral("loss")], o[QStringLiteral("loss")]);
}

void TestCli::channelPrintsJsonLast() {
    const Run r = runApp({QStringLiteral("channel"), QStringLiteral("--informative"), QStringLiteral("15"),
                          QStringLiteral("--activation"), QStringLiteral("sigmoid")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);  // two epochs, then JSON
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    for (const char* key : {"accuracy", "channel_weights", "peak_channel", "seconds"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o[QStringLiteral("channel_weights")].toArray().size(), 16);
    QCOMPARE(o[QStringLiteral("peak_channel")].toInt(), 15);
    QVERIFY(o[QStringLiteral("accuracy")].toDouble() >= 0.95);
}

void TestCli::experimentsRefuseBadOptions_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("K past the steps") << QStringList{QStringLiteral("timestep"), QStringLiteral("--informative"),
                                                     QStringLiteral("10")}
                                      << QStringLiteral("informative step must be from 0 to 9");
    QTest::newRow("placement") << QStringList{QStringLiteral("timestep"), QStringLiteral("--placement"),
                                              QStringLiteral("sideways")}
                               << QStringLiteral("--placement must be after or before");
    QTest::newRow("lr") << QStringList{QStringLiteral("timestep"), QStringLiteral("--lr"), QStringLiteral("fast")}
                        << QStringLiteral("--lr must be a number");
    QTest::newRow("activation") << QStringList{QStringLiteral("channel"), QStringLiteral("--activation"),
                                               QStringLiteral("relu")}
                                << QStringLiteral("--activation must be hard_sigmoid, hard_swish or sigmoid");
    QTest::newRow("channel K") << QStringList{QStringLiteral("channel"), QStringLiteral("--informative"),
                                              QStringLiteral("16")}
                               << QStringLiteral("informative channel must be from 0 to 15");
    // Every experiment command reads its options through the shared parser:
    // the same messages for a repeated option and a value out of range.
    const auto args = [](std::initializer_list<const char*> list) {
        QStringList a;
        for (const char* s : list) a << QString::fromLatin1(s);
        return a;
    };
    QTest::newRow("timestep twice") << args({"timestep", "--units", "8", "--units", "9"})
                                    << QStringLiteral("--units is given 2 times; give it once");
    QTest::newRow("channel twice") << args({"channel", "--seed", "1", "--seed", "2"})
                                   << QStringLiteral("--seed is given 2 times; give it once");
    QTest::newRow("channels") << args({"channel", "--channels", "0"})
                              << QStringLiteral("--channels must be a whole number from 1 to 4096");
    QTest::newRow("channel samples") << args({"channel", "--samples", "many"})
                                     << QStringLiteral("--samples must be a whole number from 1 to 10000000");
    QTest::newRow("threads") << args({"timestep", "--threads", "0"})
                             << QStringLiteral("--threads must be a whole number from 1 to 64");
    QTest::newRow("seed") << args({"timestep", "--seed", "-1"})
                          << QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615");
    QTest::newRow("lr zero") << args({"timestep", "--lr", "0"})
                             << QStringLiteral("--lr must be a number greater than 0 and at most 10");
    QTest::newRow("argument") << args({"channel", "extra"}) << QStringLiteral("unexpected argument \"extra\"");
    QTest::newRow("attend twice") << args({"attend", "model-dir", "--top", "1", "--top", "2"})
                                  << QStringLiteral("--top is given 2 times; give it once");
}

void TestCli::experimentsRefuseBadOptions() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = runApp(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
    QVERIFY2(r.err.startsWith("attention-playground " + args.first().toLatin1() + ": "), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);  // one message
    QVERIFY(r.out.isEmpty());
}

QTEST_MAIN(TestCli)
#include "test_cli.moc"
