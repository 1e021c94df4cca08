#include "translation/corpus.h"
#include "translation/grammar.h"
#include "widgets/training/generate_corpus_dialog.h"

#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Starts a 50-pair corpus of the default grammar into the dialog's file.
void generateSmallCorpus(ui::GenerateCorpusDialog& dialog) {
    ap::GrammarOptions o;
    o.pairs = 50;
    dialog.setOptions(o);
    dialog.generate();
}

}  // namespace

class TestGenerateCorpusDialog : public QObject {
    Q_OBJECT
private slots:
    void writesTheSameFileAsTheEngine();
    void missingFolderIsMade();
    void badFolderGivesAMessageAndNoFile();
};

void TestGenerateCorpusDialog::writesTheSameFileAsTheEngine() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("generated.tsv"));
    ui::GenerateCorpusDialog dialog(nullptr, path);
    ap::GrammarOptions o;
    o.grammar = ap::GrammarKind::DeEn;
    o.pairs = 700;
    o.seed = 11;
    dialog.setOptions(o);
    QCOMPARE(dialog.outputFile(), path);
    QVERIFY(dialog.options().grammar == ap::GrammarKind::DeEn);
    QSignalSpy spy(&dialog, &ui::GenerateCorpusDialog::generated);
    dialog.show();
    auto* button = dialog.findChild<QPushButton*>();
    QVERIFY(button);
    dialog.generate();
    QVERIFY(dialog.isRunning() || spy.count() == 1);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000);
    QCOMPARE(spy.first().first().toString(), path);
    QVERIFY(!dialog.isRunning());
    QVERIFY(dialog.lastError().isEmpty());
    QCOMPARE(dialog.findChild<QProgressBar*>()->value(), 100);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    const std::string expected = ap::corpusToTsv(ap::generateCorpus(o), o);
    QCOMPARE(written.toStdString(), expected);
    const ap::CorpusReadResult back = ap::readCorpusFile(path.toStdString());
    QVERIFY2(back.ok, back.error.c_str());
    QCOMPARE(int(back.value.pairs.size()), 700);
}

// A missing folder (~/Documents on a fresh account) is made.
void TestGenerateCorpusDialog::missingFolderIsMade() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("Documents/corpora/out.tsv"));
    ui::GenerateCorpusDialog dialog(nullptr, path);
    QSignalSpy spy(&dialog, &ui::GenerateCorpusDialog::generated);
    generateSmallCorpus(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000);
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    QVERIFY(QFile::exists(path));
    QCOMPARE(dialog.findChild<QProgressBar*>()->value(), 100);
}

// A folder that cannot be made (a file stands where it would go): the
// message names the file, nothing is written and the bar is not full.
void TestGenerateCorpusDialog::badFolderGivesAMessageAndNoFile() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("afile")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = dir.filePath(QStringLiteral("afile/folder/out.tsv"));
    ui::GenerateCorpusDialog dialog(nullptr, path);
    QSignalSpy spy(&dialog, &ui::GenerateCorpusDialog::generated);
    generateSmallCorpus(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 20000);
    QCOMPARE(spy.count(), 0);
    QVERIFY(dialog.lastError().contains(path));
    QVERIFY(!QFile::exists(path));
    QVERIFY2(dialog.findChild<QProgressBar*>()->value() < 100,
             qPrintable(QString::number(dialog.findChild<QProgressBar*>()->value())));
    bool shown = false;
    for (QLabel* label : dialog.findChildren<QLabel*>()) shown |= label->text() == dialog.lastError();
    QVERIFY(shown);
}

QTEST_MAIN(TestGenerateCorpusDialog)
#include "test_generate_corpus_dialog.moc"
