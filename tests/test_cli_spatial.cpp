// `spatial` run as a process: the JSON keys of its last line, the arrays
// --save-data writes (read back from the .npz and compared with the
// engine's digits for the same seed), and bad options.
#include "experiments/digit_data.h"
#include "core/random.h"

#include "app_process.h"

#include <QtTest>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstring>
#include <map>

namespace {

struct NpyEntry {
    QByteArray header;  // the .npy header's dictionary
    QByteArray data;
};

quint32 le(const QByteArray& b, qsizetype at, int bytes) {
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | quint8(b[at + i]);
    return v;
}

// The stored entries of a zip archive, by name (what numpy.savez writes
// and numpy.load reads).
std::map<QByteArray, NpyEntry> readNpz(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray zip = f.readAll();
    std::map<QByteArray, NpyEntry> entries;
    qsizetype at = 0;
    while (at + 30 <= zip.size() && le(zip, at, 4) == 0x04034b50) {
        const quint32 size = le(zip, at + 18, 4);
        const quint32 nameLength = le(zip, at + 26, 2), extra = le(zip, at + 28, 2);
        const QByteArray name = zip.mid(at + 30, nameLength);
        const QByteArray npy = zip.mid(at + 30 + nameLength + extra, size);
        if (le(zip, at + 8, 2) != 0 || !npy.startsWith("\x93NUMPY")) return {};
        const quint32 headerLength = le(npy, 8, 2);
        entries[name] = {npy.mid(10, headerLength), npy.mid(10 + headerLength)};
        at += 30 + nameLength + extra + size;
    }
    return entries;
}

QJsonObject lastLineJson(const QByteArray& out) {
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}

}  // namespace

class TestCliSpatial : public QObject {
    Q_OBJECT
private slots:
    void printsJsonAndSavesTheData();
    void badOptions_data();
    void badOptions();
    void unwritableDataFile();

private:
    QTemporaryDir dir_;
};

void TestCliSpatial::printsJsonAndSavesTheData() {
    const QString npz = dir_.filePath(QStringLiteral("digits.npz"));
    const Run r = runApp({QStringLiteral("spatial"), QStringLiteral("--distortion"), QStringLiteral("rotate"),
                          QStringLiteral("--samples"), QStringLiteral("300"), QStringLiteral("--test-samples"),
                          QStringLiteral("40"), QStringLiteral("--epochs"), QStringLiteral("1"),
                          QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--save-data"), npz});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("epoch 1/1"));
    const QJsonObject o = lastLineJson(r.out);
    for (const char* key : {"accuracy", "baseline_accuracy", "box_iou", "angle_correlation", "seconds"})
        QVERIFY2(o.contains(QLatin1String(key)) && o[QLatin1String(key)].isDouble(), key);
    QVERIFY(o[QStringLiteral("accuracy")].toDouble() >= 0.0 && o[QStringLiteral("accuracy")].toDouble() <= 1.0);
    QVERIFY(o[QStringLiteral("box_iou")].toDouble() > 0.0 && o[QStringLiteral("box_iou")].toDouble() <= 1.0);

    // The file holds exactly the engine's digits for that seed: the
    // training set is drawn first, then the test set.
    ap::Random random(5);
    const ap::DigitSet train = ap::makeDigits(300, ap::Distortion::Rotate, random);
    const ap::DigitSet test = ap::makeDigits(40, ap::Distortion::Rotate, random);
    const auto entries = readNpz(npz);
    QCOMPARE(int(entries.size()), 6);
    const struct {
        const char* name;
        const char* descr;
        const char* shape;
        qsizetype bytes;
    } expected[] = {{"train_images.npy", "'|u1'", "(300, 40, 40)", 300 * 1600},
                    {"train_labels.npy", "'<i8'", "(300,)", 300 * 8},
                    {"test_images.npy", "'|u1'", "(40, 40, 40)", 40 * 1600},
                    {"test_labels.npy", "'<i8'", "(40,)", 40 * 8},
                    {"test_angles.npy", "'<f8'", "(40,)", 40 * 8},
                    {"test_boxes.npy", "'<f4'", "(40, 4)", 40 * 16}};
    for (const auto& e : expected) {
        const auto it = entries.find(QByteArray(e.name));
        QVERIFY2(it != entries.end(), e.name);
        QVERIFY2(it->second.header.contains(QByteArray("'descr': ") + e.descr), it->second.header.constData());
        QVERIFY2(it->second.header.contains(QByteArray("'shape': ") + e.shape), it->second.header.constData());
        QCOMPARE(it->second.data.size(), e.bytes);
    }
    QCOMPARE(entries.at("train_images.npy").data,
             QByteArray(reinterpret_cast<const char*>(train.images.data()), qsizetype(train.images.size())));
    QCOMPARE(entries.at("test_images.npy").data,
             QByteArray(reinterpret_cast<const char*>(test.images.data()), qsizetype(test.images.size())));
    const QByteArray labels = entries.at("test_labels.npy").data;
    const QByteArray angles = entries.at("test_angles.npy").data;
    const QByteArray boxes = entries.at("test_boxes.npy").data;
    for (int n = 0; n < 40; ++n) {
        qint64 label;
        double angle;
        float box[4];
        std::memcpy(&label, labels.constData() + 8 * n, 8);
        std::memcpy(&angle, angles.constData() + 8 * n, 8);
        std::memcpy(box, boxes.constData() + 16 * n, 16);
        QCOMPARE(label, qint64(test.labels[std::size_t(n)]));
        QCOMPARE(angle, test.angles[std::size_t(n)]);
        for (int k = 0; k < 4; ++k) QCOMPARE(box[k], test.boxes[std::size_t(n)][std::size_t(k)]);
    }
}

void TestCliSpatial::badOptions_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString cmd = QStringLiteral("spatial");
    QTest::newRow("distortion") << QStringList{cmd, QStringLiteral("--distortion"), QStringLiteral("shear")}
                                << QStringLiteral("--distortion must be rotate, translate, scale, clutter or all");
    QTest::newRow("samples") << QStringList{cmd, QStringLiteral("--samples"), QStringLiteral("0")}
                             << QStringLiteral("--samples must be a whole number from 1 to 1000000");
    QTest::newRow("test samples") << QStringList{cmd, QStringLiteral("--test-samples"), QStringLiteral("ten")}
                                  << QStringLiteral("--test-samples must be a whole number");
    QTest::newRow("epochs") << QStringList{cmd, QStringLiteral("--epochs"), QStringLiteral("-1")}
                            << QStringLiteral("--epochs must be a whole number from 1 to 1000");
    QTest::newRow("seed") << QStringList{cmd, QStringLiteral("--seed"), QStringLiteral("x")}
                          << QStringLiteral("--seed must be a whole number");
    QTest::newRow("unknown") << QStringList{cmd, QStringLiteral("--shear")} << QStringLiteral("shear");
    QTest::newRow("argument") << QStringList{cmd, QStringLiteral("extra")} << QStringLiteral("unexpected argument");
    QTest::newRow("twice") << QStringList{cmd, QStringLiteral("--epochs"), QStringLiteral("1"),
                                          QStringLiteral("--epochs"), QStringLiteral("2")}
                           << QStringLiteral("--epochs is given 2 times; give it once");
    QTest::newRow("save-data empty") << QStringList{cmd, QStringLiteral("--save-data"), QString()}
                                     << QStringLiteral("--save-data needs a file name");
}

void TestCliSpatial::badOptions() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = runApp(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.err.startsWith("attention-playground spatial: "));
}

void TestCliSpatial::unwritableDataFile() {
    const QString npz = dir_.filePath(QStringLiteral("missing/digits.npz"));
    const Run r = runApp({QStringLiteral("spatial"), QStringLiteral("--samples"), QStringLiteral("64"),
                          QStringLiteral("--test-samples"), QStringLiteral("8"), QStringLiteral("--epochs"),
                          QStringLiteral("1"), QStringLiteral("--save-data"), npz});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(npz), r.err.constData());
    QVERIFY(!r.out.contains("{"));
    QVERIFY(!QFileInfo::exists(npz));
}

QTEST_MAIN(TestCliSpatial)
#include "test_cli_spatial.moc"
