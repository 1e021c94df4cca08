// The attention commands (inspect, heads, rollout, export of an attention
// file) on hostile and huge inputs, run as a process: bounded memory under
// `ulimit -v`, refusals before allocating, one line ending, full standard
// output, file names that are not UTF-8, and interrupted writes.
#include "app_process.h"
#include "attention_test_files.h"

#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

#include <dirent.h>
#include <unistd.h>

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// Runs the program through /bin/sh so the test can set `ulimit -v` (KiB)
// and pass file names as raw bytes: "$1"... are the arguments. A program
// built with AddressSanitizer reserves terabytes of address space for its
// shadow memory and cannot start under `ulimit -v`: there the limit is
// left out, so the sanitizer stage still checks what the command does and
// the Release stage checks that it stays within the limit.
Run runShell(QString script, const QStringList& args) {
    if (kAddressSanitizer) script.remove(QRegularExpression(QStringLiteral("ulimit -v [0-9]+; ")));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("APP"), QStringLiteral(AP_APP_EXECUTABLE));
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("2"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c"), script, QStringLiteral("sh")} + args);
    if (!p.waitForFinished(300000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

std::string bytesOf(const QString& path) { return QFile::encodeName(path).toStdString(); }

// 1 / n in every cell of an n x n float16 head, repeated `slices` times.
std::string uniformHalf(int n, int slices) {
    std::string data;
    const float v = 1.0f / float(n);
    // float16 of v for n = 4: 0.25 = 0x3400; for other n the nearest half.
    int exponent = 0;
    const float m = std::frexp(v, &exponent);  // v = m * 2^exponent, m in [0.5, 1)
    const std::uint16_t half =
        std::uint16_t(((exponent - 1 + 15) << 10) | (int(std::lround((m * 2 - 1) * 1024)) & 0x3FF));
    for (long long i = 0; i < (long long)n * n * slices; ++i) {
        data += char(half & 0xFF);
        data += char(half >> 8);
    }
    return data;
}

QString writeNpy(const QTemporaryDir& dir, const char* name, const std::vector<long long>& shape, int n, int slices) {
    const QString path = dir.filePath(QLatin1String(name));
    testfiles::writeFile(bytesOf(path), testfiles::npyHeader("<f2", shape) + uniformHalf(n, slices));
    return path;
}

int leftoverTemporaries(const QString& dir) {
    return int(
        QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System).filter(QRegularExpression("^\\.")).size());
}

}  // namespace

class TestCliAttention : public QObject {
    Q_OBJECT
private slots:
    void headsOfAHugeHeadStayWithinAMemoryLimit();
    void csvOfAHugeHeadStreams();
    void picturesAndRolloutsTooLargeAreRefusedBeforeAllocating();
    void inspectOfAZipBombReadsOnlyItsHeader();
    void rolloutCsvHasOneLineEnding();
    void exportRolloutThroughALayer();
    void fullStandardOutputSaysSo_data();
    void fullStandardOutputSaysSo();
    void emptyOutputNameAndRepeatedOptions();
    void fileNamesThatAreNotUtf8();
    void helpAndDocsListEveryOption();
    void corpusAndModelCommandsKeepFileNameBytes();
    void interruptedWriteLeavesNoTemporaryFile_data();
    void interruptedWriteLeavesNoTemporaryFile();
};

void TestCliAttention::headsOfAHugeHeadStayWithinAMemoryLimit() {
    QTemporaryDir dir;
    // 20,000² float16 (800 MB, sparse): one float matrix of it is 1.6 GB,
    // more than the whole process may take here.
    const QString file = dir.filePath(QStringLiteral("huge.npy"));
    QVERIFY(
        testfiles::writeSparse(bytesOf(file), testfiles::npyHeader("<f2", {1, 1, 20000, 20000}), 20000ull * 20000 * 2));
    const Run r = runShell(QStringLiteral("ulimit -v 1600000; exec \"$APP\" heads \"$1\""), {file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("\"max_weight\": 0"), r.out.constData());
    QVERIFY(r.err.isEmpty());
}

void TestCliAttention::csvOfAHugeHeadStreams() {
    QTemporaryDir dir;
    // 6,000² float16: the CSV text (72 MB) held as a QString with its
    // matrix was over 600 MB; streamed, the program stays near its baseline.
    const QString file = dir.filePath(QStringLiteral("big.npy"));
    QVERIFY(testfiles::writeSparse(bytesOf(file), testfiles::npyHeader("<f2", {1, 1, 6000, 6000}), 6000ull * 6000 * 2));
    const QString csv = dir.filePath(QStringLiteral("head.csv"));
    const Run r =
        runShell(QStringLiteral("ulimit -v 700000; exec \"$APP\" export \"$1\" --head 0 -o \"$2\""), {file, csv});
    QCOMPARE(r.exitCode, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(text.count("\r\n"), 6001);
    QVERIFY(text.startsWith(",k0,k1,k2,"));
    QVERIFY(text.endsWith("\r\nq5999" + QByteArray(",0").repeated(6000) + "\r\n"));
}

void TestCliAttention::picturesAndRolloutsTooLargeAreRefusedBeforeAllocating() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("big.npy"));
    QVERIFY(testfiles::writeSparse(bytesOf(file), testfiles::npyHeader("<f2", {1, 1, 8193, 8193}), 8193ull * 8193 * 2));
    const Run image = runApp({QStringLiteral("export"), file, QStringLiteral("-o"), dir.filePath("x.png")});
    QCOMPARE(image.exitCode, 2);
    QVERIFY2(image.err.contains("8193 x 8193 is too large for a picture"), image.err.constData());
    QVERIFY(!QFile::exists(dir.filePath("x.png")));
    const Run rollout = runApp({QStringLiteral("rollout"), file});
    QCOMPARE(rollout.exitCode, 2);
    QVERIFY2(rollout.err.contains("8193 x 8193 is too large for rollout"), rollout.err.constData());
    QVERIFY(rollout.out.isEmpty());
}

void TestCliAttention::inspectOfAZipBombReadsOnlyItsHeader() {
    QTemporaryDir dir;
    // 1 GiB inflated, about 1 MB on disk; inspect runs in 600 MB of address space.
    const QString file = dir.filePath(QStringLiteral("bomb.npz"));
    const std::string header = testfiles::npyHeader("<f2", {1, 1, 16384, 32768});
    QVERIFY(testfiles::writeFile(bytesOf(file),
                                 testfiles::zipArchive(
                                     {testfiles::deflatedMember("attentions.npy", header, 16384ull * 32768 * 2)})));
    const Run r = runShell(QStringLiteral("ulimit -v 600000; exec \"$APP\" inspect \"$1\""), {file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("1 layers x 1 heads x 16384 queries x 32768 keys, float16"), r.out.constData());
}

void TestCliAttention::rolloutCsvHasOneLineEnding() {
    QTemporaryDir dir;
    const QString file = writeNpy(dir, "a.npy", {2, 1, 4, 4}, 4, 2);
    const QString csv = dir.filePath(QStringLiteral("r.csv"));
    QCOMPARE(runApp({QStringLiteral("rollout"), file, QStringLiteral("-o"), csv}).exitCode, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(text.count("\r\n"), 5);
    QCOMPARE(text.count('\n'), 5);
    QVERIFY(text.endsWith("\r\n"));
    QVERIFY(text.startsWith(",k0,k1,k2,k3\r\nq0,"));
}

void TestCliAttention::exportRolloutThroughALayer() {
    QTemporaryDir dir;
    // Layer 0 uniform, layer 1 all on the first key: rollout through
    // layer 0 and through both differ.
    const QString file = dir.filePath(QStringLiteral("two.npy"));
    std::string data = uniformHalf(4, 1);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) data += j == 0 ? std::string("\x00\x3C", 2) : std::string("\x00\x00", 2);
    QVERIFY(testfiles::writeFile(bytesOf(file), testfiles::npyHeader("<f2", {2, 1, 4, 4}) + data));
    const auto csv = [&](const QStringList& args, const char* name) {
        const QString out = dir.filePath(QLatin1String(name));
        const Run r = runApp(args + QStringList{QStringLiteral("-o"), out});
        QFile f(out);
        return r.exitCode == 0 && f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("failed: " + r.err);
    };
    const QByteArray exported0 = csv({"export", file, "--layer", "0", "--head", "rollout"}, "e0.csv");
    const QByteArray rollout0 = csv({"rollout", file, "--layer", "0"}, "r0.csv");
    const QByteArray exportedAll = csv({"export", file, "--head", "rollout"}, "e.csv");
    const QByteArray rolloutAll = csv({"rollout", file}, "r.csv");
    QCOMPARE(exported0, rollout0);
    QCOMPARE(exportedAll, rolloutAll);
    QVERIFY(exported0 != exportedAll);
    const Run help = runApp({QStringLiteral("rollout"), QStringLiteral("--help")});
    QVERIFY(help.out.contains("R = Â_L···Â_1"));
}

void TestCliAttention::fullStandardOutputSaysSo_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("heads") << QStringList{QStringLiteral("heads")};
    QTest::newRow("inspect") << QStringList{QStringLiteral("inspect")};
    QTest::newRow("rollout") << QStringList{QStringLiteral("rollout")};
    QTest::newRow("help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("rollout --help") << QStringList{QStringLiteral("rollout"), QStringLiteral("--help")};
}

void TestCliAttention::fullStandardOutputSaysSo() {
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    if (!args.contains(QStringLiteral("--help"))) args << writeNpy(dir, "a.npy", {4, 4}, 4, 1);
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(AP_APP_EXECUTABLE), args);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(QString::fromLocal8Bit(p.readAllStandardError()).trimmed(),
             QStringLiteral("standard output: No space left on device"));
}

void TestCliAttention::emptyOutputNameAndRepeatedOptions() {
    QTemporaryDir dir;
    const QString file = writeNpy(dir, "a.npy", {4, 4}, 4, 1);
    for (const char* command : {"rollout", "export"}) {
        const Run r = runApp({QLatin1String(command), file, QStringLiteral("-o"), QString()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("-o: the file name is empty"), r.err.constData());
    }
    const Run twice = runApp({QStringLiteral("rollout"), file, QStringLiteral("--residual"), QStringLiteral("0.2"),
                              QStringLiteral("--residual"), QStringLiteral("0.3")});
    QCOMPARE(twice.exitCode, 2);
    QCOMPARE(QString::fromLocal8Bit(twice.err).trimmed(),
             QStringLiteral("attention-playground rollout: --residual is given 2 times; give it once"));
    const Run shortAndLong = runApp({QStringLiteral("rollout"), file, QStringLiteral("-o"), dir.filePath("a.json"),
                                     QStringLiteral("--output"), dir.filePath("b.json")});
    QCOMPARE(shortAndLong.exitCode, 2);
    QVERIFY(shortAndLong.err.contains("--output is given 2 times"));
}

void TestCliAttention::fileNamesThatAreNotUtf8() {
    QTemporaryDir dir;
    const QString plain = writeNpy(dir, "a.npy", {4, 4}, 4, 1);
    const std::string folder = bytesOf(dir.path());
    const std::string odd = folder + "/\xFF"
                                     "in.npy";
    QVERIFY(testfiles::writeFile(odd, testfiles::npyHeader("<f2", {4, 4}) + uniformHalf(4, 1)));
    // The names are made by printf in the shell: exact bytes, never a QString.
    const QString in = QStringLiteral("\"$(printf '%s/\\377in.npy' \"$1\")\"");
    for (const char* command : {"heads", "inspect", "rollout"}) {
        const Run r = runShell(QStringLiteral("exec \"$APP\" %1 %2").arg(QLatin1String(command), in), {dir.path()});
        QVERIFY2(r.exitCode == 0, (QByteArray(command) + ": " + r.err).constData());
    }
    const Run written =
        runShell(QStringLiteral("exec \"$APP\" rollout %1 -o \"$(printf '%s/\\377out.csv' \"$1\")\"").arg(in),
                 {dir.path()});
    QCOMPARE(written.exitCode, 0);
    QVERIFY(::access((folder + "/\xFF"
                               "out.csv")
                         .c_str(),
                     F_OK) == 0);
    const Run exported =
        runShell(QStringLiteral("exec \"$APP\" export %1 -o \"$(printf '%s/\\377e.csv' \"$1\")\"").arg(in),
                 {dir.path()});
    QCOMPARE(exported.exitCode, 0);
    QVERIFY(::access((folder + "/\xFF"
                               "e.csv")
                         .c_str(),
                     F_OK) == 0);
    // A missing one is named with its own bytes.
    const Run missing =
        runShell(QStringLiteral("exec \"$APP\" heads \"$(printf '%s/\\377no.npy' \"$1\")\""), {dir.path()});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("/\xFFno.npy: cannot open"));
    Q_UNUSED(plain);
    // QTemporaryDir cannot remove names it cannot decode.
    for (const char* name : {"in.npy", "out.csv", "e.csv"}) ::unlink((folder + "/\xFF" + name).c_str());
}

void TestCliAttention::helpAndDocsListEveryOption() {
    const Run general = runApp({QStringLiteral("--help")});
    QCOMPARE(general.exitCode, 0);
    const QStringList lines = QString::fromUtf8(general.out).split(QLatin1Char('\n'));
    QFile docsFile(QStringLiteral(AP_RESOURCES_DIR "/../docs/command-line.md"));
    QVERIFY(docsFile.open(QIODevice::ReadOnly));
    const QString docs = QString::fromUtf8(docsFile.readAll());
    const QRegularExpression optionLine(QStringLiteral("^\\s+(?:-\\w, )?--([a-z][a-z-]*)"));
    for (const char* command : {"compute", "export", "bench", "train", "translate", "inspect", "heads", "rollout",
                                "timestep", "channel", "spatial", "attend", "align", "generate-corpus", "explain"}) {
        const QString name = QLatin1String(command);
        // The command's synopsis in the general help: its first line and
        // the more deeply indented lines after it.
        QString synopsis;
        for (int i = 0; i < lines.size(); ++i) {
            if (!lines[i].startsWith(QStringLiteral("  ") + name + QLatin1Char(' ')) &&
                lines[i] != QStringLiteral("  ") + name)
                continue;
            synopsis = lines[i];
            for (int j = i + 1; j < lines.size() && lines[j].startsWith(QStringLiteral("   ")); ++j)
                synopsis += QLatin1Char('\n') + lines[j];
            break;
        }
        QVERIFY2(!synopsis.isEmpty(), command);
        // The command's section in docs/command-line.md.
        const qsizetype start = docs.indexOf(QStringLiteral("\n## ") + name + QLatin1Char('\n'));
        QVERIFY2(start >= 0, command);
        const qsizetype end = docs.indexOf(QStringLiteral("\n## "), start + 1);
        const QString section = docs.mid(start, end < 0 ? -1 : end - start);
        const Run help = runApp({name, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        int options = 0;
        for (const QString& line : QString::fromUtf8(help.out).split(QLatin1Char('\n'))) {
            const QRegularExpressionMatch m = optionLine.match(line);
            if (!m.hasMatch() || m.captured(1) == QLatin1String("help")) continue;
            ++options;
            const QString option = QStringLiteral("--") + m.captured(1);
            const bool shortOnly = option == QLatin1String("--output");  // shown as -o
            QVERIFY2(synopsis.contains(option) || (shortOnly && synopsis.contains(QStringLiteral("-o "))),
                     qPrintable(name + QStringLiteral(": --help of the program omits ") + option));
            QVERIFY2(section.contains(QLatin1Char('`') + option) ||
                         (shortOnly && section.contains(QStringLiteral("`-o"))),
                     qPrintable(name + QStringLiteral(": docs/command-line.md omits ") + option));
        }
        if (QLatin1String(command) != QLatin1String("inspect") && QLatin1String(command) != QLatin1String("heads"))
            QVERIFY2(options > 0, command);
    }
}

void TestCliAttention::corpusAndModelCommandsKeepFileNameBytes() {
    QTemporaryDir dir;
    const std::string folder = bytesOf(dir.path());
    // generate-corpus -o, align CORPUS -o, train CORPUS --save-model and
    // translate --model, every name with byte 0xFF.
    const Run r =
        runShell(QStringLiteral(
                     "cd \"$1\" && "
                     "\"$APP\" generate-corpus --grammar fr-en --pairs 40 --seed 1 -o \"$(printf 'c\\377.tsv')\" && "
                     "\"$APP\" align \"$(printf 'c\\377.tsv')\" -o \"$(printf 'l\\377.txt')\" && "
                     "\"$APP\" train \"$(printf 'c\\377.tsv')\" --epochs 1 --hidden 4 --embedding 4 "
                     "--save-model \"$(printf 'm\\377.apmodel')\" && "
                     "exec \"$APP\" translate --model \"$(printf 'm\\377.apmodel')\" \"le chat\""),
                 {dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char* name : {"c\xFF.tsv", "l\xFF.txt", "m\xFF.apmodel"}) {
        QVERIFY2(::access((folder + "/" + name).c_str(), F_OK) == 0, name);
        ::unlink((folder + "/" + name).c_str());
    }
    // --guide without a guided-alignment weight is refused, naming both.
    const Run guide = runApp({QStringLiteral("train"), QStringLiteral(AP_TEST_DATA_DIR "/cli/tiny.tsv"),
                              QStringLiteral("--guide"), QStringLiteral("ibm2")});
    QCOMPARE(guide.exitCode, 2);
    QVERIFY(guide.err.contains("--guide") && guide.err.contains("--guided-alignment"));
}

void TestCliAttention::interruptedWriteLeavesNoTemporaryFile_data() {
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestCliAttention::interruptedWriteLeavesNoTemporaryFile() {
    QFETCH(int, signal);
    QTemporaryDir dir;
    // A scene whose result text is about 80 MB.
    const int n = 1200;
    QString scene =
        QStringLiteral("{\"format\": \"attention-playground.scene\", \"version\": 1, \"queries\": {\"matrix\": [");
    for (int i = 0; i < n; ++i) scene += QStringLiteral("%1[%2, %3]").arg(i ? "," : "").arg(i % 7).arg(i % 5);
    scene += QStringLiteral("]}, \"keys\": {\"matrix\": [");
    for (int i = 0; i < n; ++i) scene += QStringLiteral("%1[%2, %3]").arg(i ? "," : "").arg(i % 3).arg(i % 11);
    scene += QStringLiteral("]}, \"heads\": 2, \"scoring\": {\"kind\": \"dot\"}}");
    const QString scenePath = dir.filePath(QStringLiteral("big.json"));
    QFile f(scenePath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(scene.toUtf8());
    f.close();
    const QString outDir = dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(outDir));
    const QString target = QDir(outDir).filePath(QStringLiteral("r.json"));
    // A fast disk writes the file in tens of milliseconds, so the process is
    // stopped (SIGSTOP) as soon as its temporary file shows, and the signal
    // is sent to it stopped: it arrives mid-write. Where the write ended
    // before the stop, the attempt is made again.
    bool interrupted = false;
    for (int attempt = 0; attempt < 5 && !interrupted; ++attempt) {
        QProcess p;
        p.start(QStringLiteral(AP_APP_EXECUTABLE),
                {QStringLiteral("compute"), scenePath, QStringLiteral("-o"), target});
        QVERIFY(p.waitForStarted());
        const pid_t pid = pid_t(p.processId());
        QElapsedTimer waited;
        waited.start();
        while (leftoverTemporaries(outDir) == 0 && !QFile::exists(target) && waited.elapsed() < 60000)
            QThread::usleep(200);
        ::kill(pid, SIGSTOP);
        if (leftoverTemporaries(outDir) != 1) {
            ::kill(pid, SIGCONT);
            QVERIFY(p.waitForFinished(30000));
            QFile::remove(target);
            continue;
        }
        ::kill(pid, signal);
        ::kill(pid, SIGCONT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // ended by the signal, as before
        QCOMPARE(leftoverTemporaries(outDir), 0);
        QVERIFY(!QFile::exists(target));
        interrupted = true;
    }
    QVERIFY2(interrupted, "the write always ended before the process could be stopped");
}

QTEST_GUILESS_MAIN(TestCliAttention)
#include "test_cli_attention.moc"
