// The editable document (SceneDocument), its table models and the matrix
// editor: every edit is one undo step, undo restores exactly, tokens keep
// the mask consistent, files round-trip, and the models stay correct under
// QAbstractItemModelTester through all of it.
#include "widgets/playground/head_params_editor.h"
#include "document/head_params_model.h"
#include "widgets/playground/key_padding_header.h"
#include "widgets/playground/matrix_editor.h"
#include "document/matrix_model.h"
#include "document/scene_document.h"
#include "core/random.h"
#include "document/scene_edits.h"
#include "io/scene_io.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

#include <cmath>
#include <memory>
#include <numbers>

using namespace ui;

Q_DECLARE_METATYPE(ui::ChangeKind)

namespace {

QString json(const ap::Scene& s) { return QString::fromStdString(ap::sceneToJson(s)); }

using Cells = std::vector<std::pair<int, int>>;

// Four keys, two of them padded, and three masked cells: enough to see every
// index shift of a token edit.
ap::Scene maskedScene() {
    ap::Scene s = ap::builtInExample();
    s.keyTokens = {"Je", "suis", "étudiant", "<pad>"};
    s.keys.conservativeResize(4, Eigen::NoChange);
    s.keys.row(3).setZero();
    s.values = s.keys;
    s.mask.keyPadding = {false, true, false, true};
    s.mask.cells = {{0, 1}, {2, 3}, {1, 0}};
    return s;
}

void sendWheel(QWidget* target, QPoint pos, int angle, Qt::KeyboardModifiers modifiers) {
    QWheelEvent event(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

void sendMouse(QWidget* target, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers) {
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, pos, target->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(target, &event);
}

}  // namespace

class TestDocument : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ui::ChangeKind>(); }

    void modelsStayCorrectThroughEdits() {
        SceneDocument doc;
        doc.resetScene(maskedScene());
        MatrixModel q(&doc, MatrixRole::Q), k(&doc, MatrixRole::K), v(&doc, MatrixRole::V);
        for (MatrixModel* m : {&q, &k, &v})
            new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, m);
        const auto check = [&] {
            const ap::Scene& s = doc.scene();
            QCOMPARE(q.rowCount(), s.queryCount());
            QCOMPARE(q.columnCount(), int(s.queries.cols()));
            QCOMPARE(k.rowCount(), s.keyCount());
            QCOMPARE(v.rowCount(), s.keyCount());
            QCOMPARE(v.columnCount(), int(s.values ? s.values->cols() : s.keys.cols()));
            QCOMPARE(q.headerData(0, Qt::Vertical).toString(), QString::fromStdString(s.queryLabel(0)));
            QCOMPARE(k.headerData(s.keyCount() - 1, Qt::Vertical).toString(),
                     QString::fromStdString(s.keyLabel(s.keyCount() - 1)));
        };

        QSignalSpy moved(&k, &QAbstractItemModel::rowsMoved);
        QSignalSpy inserted(&v, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&k, &QAbstractItemModel::modelReset);
        QVERIFY(doc.setCell(MatrixRole::Q, 1, 2, 3.5f));
        QVERIFY(doc.insertToken(MatrixRole::Q, 0, QStringLiteral("BOS")));
        QVERIFY(doc.insertToken(MatrixRole::K, 4));
        QCOMPARE(inserted.count(), 1);  // V's rows are the keys' rows
        QVERIFY(doc.insertToken(MatrixRole::V, 1, QStringLiteral("x")));
        QVERIFY(doc.removeToken(MatrixRole::K, 0));
        QVERIFY(doc.moveToken(MatrixRole::K, 0, 3));
        QVERIFY(doc.moveToken(MatrixRole::K, 3, 1));
        QCOMPARE(moved.count(), 2);
        QVERIFY(doc.moveToken(MatrixRole::Q, 4, 0));
        QVERIFY(doc.renameToken(MatrixRole::Q, 0, QStringLiteral("first")));
        QCOMPARE(q.headerData(0, Qt::Vertical).toString(), QStringLiteral("first"));
        QCOMPARE(reset.count(), 0);  // none of the token edits reset K's view
        check();
        QVERIFY(doc.setWidth(MatrixRole::Q, 6));
        QVERIFY(doc.setWidth(MatrixRole::V, 2));
        QVERIFY(doc.fillRandom(MatrixRole::K, 3));
        QVERIFY(doc.pasteBlock(MatrixRole::K, 4, 0, QStringLiteral("1\n2\n3")));  // grows by 2
        check();
        QVERIFY(doc.setSelfAttention(true));
        QVERIFY(doc.insertToken(MatrixRole::Q, 2));
        check();
        QVERIFY(doc.setKEqualsV(false));
        QVERIFY(doc.setKEqualsV(true));
        check();
        const int steps = doc.undoStack()->count();
        QCOMPARE(steps, 17);
        while (doc.undoStack()->canUndo()) {
            doc.undoStack()->undo();
            check();
        }
        QCOMPARE(json(doc.scene()), json(maskedScene()));
        while (doc.undoStack()->canRedo()) {
            doc.undoStack()->redo();
            check();
        }
        // K = V off ended self-attention, K = V on kept the keys.
        QVERIFY(doc.kEqualsV());
        QVERIFY(!doc.selfAttention());
    }

    void setDataWritesTheSceneAndUndoRestores() {
        SceneDocument doc;
        MatrixModel q(&doc, MatrixRole::Q);
        new QAbstractItemModelTester(&q, QAbstractItemModelTester::FailureReportingMode::QtTest, &q);
        const float before = doc.scene().queries(1, 2);
        QSignalSpy changed(&q, &QAbstractItemModel::dataChanged);
        QVERIFY(q.setData(q.index(1, 2), 0.75));
        QCOMPARE(doc.scene().queries(1, 2), 0.75f);
        QCOMPARE(q.data(q.index(1, 2), Qt::EditRole).toFloat(), 0.75f);
        QCOMPARE(q.data(q.index(1, 2)).toString(), QStringLiteral("0.75"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Edit Q[1][2]"));
        QVERIFY(q.setData(q.index(0, 0), QStringLiteral("-1.5e-1")));
        QCOMPARE(doc.scene().queries(0, 0), -0.15f);
        QVERIFY(!q.setData(q.index(0, 0), QStringLiteral("abc")));
        QVERIFY(!q.setData(q.index(0, 0), QStringLiteral("nan")));
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().queries(1, 2), before);
        QCOMPARE(json(doc.scene()), json(ap::builtInExample()));
    }

    void consecutiveEditsOfOneCellMerge() {
        SceneDocument doc;
        const float before = doc.scene().keys(0, 1);
        QVERIFY(doc.setCell(MatrixRole::K, 0, 1, 1.0f));
        QVERIFY(doc.setCell(MatrixRole::K, 0, 1, 1.5f));
        QVERIFY(doc.setCell(MatrixRole::K, 0, 1, 2.0f));
        QCOMPARE(doc.undoStack()->count(), 1);
        // A typed value is a step of its own, and so is another cell.
        QVERIFY(doc.setCell(MatrixRole::K, 0, 1, 3.0f, SceneDocument::Merge::Never));
        QVERIFY(doc.setCell(MatrixRole::K, 0, 2, 3.0f));
        QCOMPARE(doc.undoStack()->count(), 3);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().keys(0, 1), 2.0f);
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().keys(0, 1), before);

        // A drag that comes back to where it began leaves no step.
        SceneDocument back;
        const float start = back.scene().queries(0, 0);
        QVERIFY(back.setCell(MatrixRole::Q, 0, 0, start + 1.0f));
        QVERIFY(back.setCell(MatrixRole::Q, 0, 0, start));
        QCOMPARE(back.undoStack()->count(), 0);

        // Temperature changes (a slider drag) merge as well.
        QVERIFY(doc.setTemperature(0.5f));
        QVERIFY(doc.setTemperature(0.7f));
        QVERIFY(doc.setTemperature(2.0f));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Change temperature to 2"));
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().temperature, 1.0f);
        QVERIFY(!doc.setTemperature(0.0f));
        QVERIFY(!doc.setTemperature(-1.0f));
    }

    void tokenEditsKeepMaskConsistent() {
        SceneDocument doc;
        doc.resetScene(maskedScene());
        const ap::MaskSpec& m = doc.scene().mask;

        QVERIFY(doc.insertToken(MatrixRole::K, 1, QStringLiteral("new")));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add key token"));
        QCOMPARE(m.keyPadding, (std::vector<bool>{false, false, true, false, true}));
        QCOMPARE(m.cells, (Cells{{0, 2}, {2, 4}, {1, 0}}));
        QCOMPARE(doc.scene().keyTokens, (std::vector<std::string>{"Je", "new", "suis", "étudiant", "<pad>"}));
        QCOMPARE(doc.scene().keys.row(1).norm(), 0.0f);
        QCOMPARE(doc.scene().values->rows(), 5);
        QCOMPARE(doc.scene().values->row(2), maskedScene().values->row(1));

        // Removing a key drops the cells that name it, its padding flag goes with it.
        QVERIFY(doc.removeToken(MatrixRole::K, 2));
        QCOMPARE(m.keyPadding, (std::vector<bool>{false, false, false, true}));
        QCOMPARE(m.cells, (Cells{{2, 3}, {1, 0}}));

        // Moving the first key to the end.
        QVERIFY(doc.moveToken(MatrixRole::K, 0, 3));
        QCOMPARE(doc.scene().keyTokens, (std::vector<std::string>{"new", "étudiant", "<pad>", "Je"}));
        QCOMPARE(m.keyPadding, (std::vector<bool>{false, false, true, false}));
        QCOMPARE(m.cells, (Cells{{2, 2}, {1, 3}}));
        QCOMPARE(doc.scene().keys.row(3), maskedScene().keys.row(0));

        // Query side: rows of cells shift, padding does not.
        QVERIFY(doc.removeToken(MatrixRole::Q, 1));
        QCOMPARE(m.cells, (Cells{{1, 2}}));
        QVERIFY(doc.insertToken(MatrixRole::Q, 0));
        QCOMPARE(m.cells, (Cells{{2, 2}}));
        QCOMPARE(doc.scene().queryTokens, (std::vector<std::string>{"q3", "I", "a", "student"}));
        QCOMPARE(m.keyPadding, (std::vector<bool>{false, false, true, false}));
        QVERIFY(ap::validate(doc.scene()).message.empty());

        while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
        QCOMPARE(json(doc.scene()), json(maskedScene()));

        // The last token stays.
        SceneDocument one;
        ap::Scene s = ap::builtInExample();
        s.queries.conservativeResize(1, Eigen::NoChange);
        s.queryTokens = {"I"};
        one.resetScene(s);
        QVERIFY(!one.removeToken(MatrixRole::Q, 0));
    }

    void randomFillIsReproducible() {
        SceneDocument doc;
        QVERIFY(doc.fillRandom(MatrixRole::Q, 7));
        const ap::Matrix first = doc.scene().queries;
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().queries, ap::builtInExample().queries);
        QVERIFY(doc.fillRandom(MatrixRole::Q, 7));
        QCOMPARE(doc.scene().queries, first);
        QVERIFY(doc.fillRandom(MatrixRole::Q, 8));
        QVERIFY(doc.scene().queries != first);

        // The documented transform: the engine's normal draws, row by row.
        ap::Random random(7);
        const float a = float(random.normal());
        const float b = float(random.normal());
        QCOMPARE(first(0, 0), a);
        QCOMPARE(first(0, 1), b);
        // Roughly standard normal over many draws.
        const ap::Matrix big = edits::randomNormal(100, 100, 1);
        QVERIFY(std::abs(big.mean()) < 0.05f);
        const float var = (big.array() - big.mean()).square().mean();
        QVERIFY(var > 0.9f && var < 1.1f);
    }

    void pasteWritesABlockOrNothing() {
        SceneDocument doc;
        const ap::Matrix before = doc.scene().queries;
        QString error;
        QVERIFY(doc.pasteBlock(MatrixRole::Q, 1, 1, QStringLiteral("1\t2\n3\t4\n"), &error));
        const ap::Matrix& q = doc.scene().queries;
        QCOMPARE(q(1, 1), 1.0f);
        QCOMPARE(q(1, 2), 2.0f);
        QCOMPARE(q(2, 1), 3.0f);
        QCOMPARE(q(2, 2), 4.0f);
        QCOMPARE(q(0, 0), before(0, 0));
        QCOMPARE(q(1, 0), before(1, 0));
        QCOMPARE(q(3, 3), before(3, 3));
        QCOMPARE(doc.undoStack()->count(), 1);

        const QString unchanged = json(doc.scene());
        QVERIFY(!doc.pasteBlock(MatrixRole::Q, 0, 0, QStringLiteral("1\tx"), &error));
        QVERIFY2(error.contains(QStringLiteral("“x”")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("column 2")));
        QCOMPARE(json(doc.scene()), unchanged);
        QCOMPARE(doc.undoStack()->count(), 1);
        // Too wide for the matrix from column 3.
        QVERIFY(!doc.pasteBlock(MatrixRole::Q, 0, 3, QStringLiteral("1\t2"), &error));
        QCOMPARE(json(doc.scene()), unchanged);

        // A taller block adds tokens; empty cells keep their value.
        QVERIFY(doc.pasteBlock(MatrixRole::Q, 3, 0, QStringLiteral("5\t\t6\r\n7\t8\t9\r\n0\t0\t0")));
        QCOMPARE(doc.scene().queryCount(), 6);
        QCOMPARE(doc.scene().queryTokens.size(), std::size_t(6));
        QCOMPARE(doc.scene().queries(3, 0), 5.0f);
        QCOMPARE(doc.scene().queries(3, 1), before(3, 1));
        QCOMPARE(doc.scene().queries(4, 2), 9.0f);
        QCOMPARE(doc.scene().queries(4, 3), 0.0f);
        QVERIFY(ap::validate(doc.scene()).message.empty());
        doc.undoStack()->undo();
        QCOMPARE(json(doc.scene()), unchanged);
        // V is K here: nothing can be pasted into it.
        QVERIFY(!doc.pasteBlock(MatrixRole::V, 0, 0, QStringLiteral("1"), &error));
    }

    void saveAndLoadRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SceneDocument doc;
        QVERIFY(doc.renameToken(MatrixRole::K, 0, QStringLiteral("Jeu")));
        QVERIFY(doc.setCell(MatrixRole::Q, 0, 0, 0.1f));
        QVERIFY(doc.setScoring(ap::Scoring::Additive));
        QVERIFY(doc.setHeadParamCell(0, HeadParamField::V, 1, 0, -0.25f));
        QVERIFY(doc.setKeyPadding(2, true));
        QVERIFY(doc.toggleMaskCell(0, 1));
        QVERIFY(doc.setTitle(QStringLiteral("Round trip")));
        QVERIFY(doc.isModified());
        const QString path = dir.filePath(QStringLiteral("scene.json"));
        QSignalSpy pathChanged(&doc, &SceneDocument::filePathChanged);
        QString error;
        QVERIFY2(doc.save(path, &error), qPrintable(error));
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.filePath(), path);
        QCOMPARE(pathChanged.count(), 1);

        SceneDocument other;
        QVERIFY2(other.load(path, &error), qPrintable(error));
        QCOMPARE(json(other.scene()), json(doc.scene()));
        QCOMPARE(other.scene().headParams.at(0).v(1), -0.25f);
        QCOMPARE(other.filePath(), path);
        QVERIFY(!other.isModified());
        QVERIFY(other.kEqualsV());
        QVERIFY(!other.selfAttention());

        // Self-attention is not in the file; it is recognised on load.
        QVERIFY(doc.setSelfAttention(true));
        const QString selfPath = dir.filePath(QStringLiteral("self.json"));
        QVERIFY(doc.save(selfPath, &error));
        QVERIFY(other.load(selfPath, &error));
        QVERIFY(other.selfAttention());
        QVERIFY(other.isReadOnly(MatrixRole::K));

        QVERIFY(!doc.save(dir.filePath(QStringLiteral("missing/dir/x.json")), &error));
        QVERIFY(error.contains(QStringLiteral("x.json")));
        QCOMPARE(doc.filePath(), selfPath);
    }

    void badFileKeepsTheScene() {
        QTemporaryDir dir;
        SceneDocument doc;
        QVERIFY(doc.setCell(MatrixRole::Q, 0, 0, 9.0f));
        const QString before = json(doc.scene());
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ \"format\": \"attention-playground.scene\", \"version\": 1, \"queries\": ");
        file.close();
        QSignalSpy changed(&doc, &SceneDocument::sceneChanged);
        QString error;
        QVERIFY(!doc.load(path, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.json")), qPrintable(error));
        QVERIFY(!doc.load(dir.filePath(QStringLiteral("absent.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("absent.json")), qPrintable(error));
        QCOMPARE(json(doc.scene()), before);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(doc.filePath().isEmpty());
        QVERIFY(doc.isModified());
    }

    void modifiedFollowsTheCleanState() {
        QTemporaryDir dir;
        SceneDocument doc;
        QVERIFY(!doc.isModified());
        QSignalSpy modified(&doc, &SceneDocument::modifiedChanged);
        QVERIFY(doc.setCausal(true));
        QVERIFY(doc.isModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.last().at(0).toBool(), true);
        doc.undoStack()->undo();
        QVERIFY(!doc.isModified());
        QCOMPARE(modified.last().at(0).toBool(), false);
        doc.undoStack()->redo();
        QVERIFY(doc.isModified());
        QVERIFY(doc.save(dir.filePath(QStringLiteral("a.json"))));
        QVERIFY(!doc.isModified());
        doc.undoStack()->undo();
        QVERIFY(doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(!doc.isModified());
        doc.newScene();
        QVERIFY(!doc.isModified());
        QVERIFY(doc.filePath().isEmpty());
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void thousandEditsUndoToTheStart() {
        SceneDocument doc;
        const QString start = json(doc.scene());
        const int rows = doc.scene().queryCount(), cols = int(doc.scene().queries.cols());
        for (int i = 0; i < 1000; ++i)
            QVERIFY(doc.setCell(MatrixRole::Q, i % rows, (i / rows) % cols, float(i) * 0.5f + 0.25f));
        QCOMPARE(doc.undoStack()->count(), 1000);
        QCOMPARE(doc.scene().queries(999 % rows, (999 / rows) % cols), 999 * 0.5f + 0.25f);
        while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
        QCOMPARE(json(doc.scene()), start);
    }

    void selfAttentionAndKEqualsV() {
        SceneDocument doc;
        MatrixModel k(&doc, MatrixRole::K), v(&doc, MatrixRole::V);
        new QAbstractItemModelTester(&k, QAbstractItemModelTester::FailureReportingMode::QtTest, &k);
        new QAbstractItemModelTester(&v, QAbstractItemModelTester::FailureReportingMode::QtTest, &v);
        QVERIFY(doc.kEqualsV());
        QVERIFY(!doc.selfAttention());
        QVERIFY(v.isReadOnly());
        QVERIFY(!(v.flags(v.index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(!v.setData(v.index(0, 0), 1.0));
        QCOMPARE(v.data(v.index(2, 1)).toString(), k.data(k.index(2, 1)).toString());

        QSignalSpy modes(&doc, &SceneDocument::modesChanged);
        QVERIFY(doc.setKeyPadding(2, true));
        QVERIFY(doc.setSelfAttention(true));
        QCOMPARE(modes.count(), 1);
        const ap::Scene& s = doc.scene();
        QCOMPARE(s.keys, s.queries);
        QCOMPARE(s.keyTokens, s.queryTokens);
        QVERIFY(!s.values);
        QCOMPARE(s.mask.keyPadding, (std::vector<bool>{false, false, true, false}));
        QVERIFY(k.isReadOnly());
        QCOMPARE(k.rowCount(), 4);
        // Editing Q edits K.
        QVERIFY(doc.setCell(MatrixRole::Q, 3, 1, -2.0f));
        QCOMPARE(s.keys(3, 1), -2.0f);
        QVERIFY(!doc.setCell(MatrixRole::K, 0, 0, 1.0f));
        QVERIFY(doc.insertToken(MatrixRole::Q, 1, QStringLiteral("x")));
        QCOMPARE(s.keys, s.queries);
        QCOMPARE(s.keyTokens, s.queryTokens);
        QCOMPARE(s.mask.keyPadding, (std::vector<bool>{false, false, false, true, false}));
        QVERIFY(doc.setWidth(MatrixRole::Q, 2));
        QCOMPARE(s.keys.cols(), 2);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        // Turning it on was one step.
        doc.undoStack()->undo();
        QCOMPARE(json(s), [] {
            SceneDocument fresh;
            fresh.setKeyPadding(2, true);
            return json(fresh.scene());
        }());
        QVERIFY(!doc.selfAttention());
        QCOMPARE(modes.count(), 2);

        // K = V off gives V its own copy of K.
        QVERIFY(doc.setKEqualsV(false));
        QVERIFY(s.values);
        QCOMPARE(*s.values, s.keys);
        QVERIFY(!v.isReadOnly());
        QVERIFY(v.setData(v.index(0, 0), 5.0));
        QCOMPARE((*s.values)(0, 0), 5.0f);
        QVERIFY(s.keys(0, 0) != 5.0f);
        QVERIFY(doc.setKEqualsV(true));
        QVERIFY(!s.values);
        QVERIFY(v.isReadOnly());
    }

    void widthAndHeads() {
        SceneDocument doc;
        QVERIFY(doc.setHeads(2));
        QString error;
        QVERIFY(!doc.setHeads(3, &error));
        QVERIFY(error.contains(QStringLiteral("3")));
        QVERIFY(doc.setWidth(MatrixRole::Q, 6));
        QCOMPARE(doc.scene().queries.cols(), 6);
        QCOMPARE(doc.scene().keys.cols(), 6);
        QCOMPARE(doc.scene().queries.col(5).norm(), 0.0f);
        QCOMPARE(doc.scene().heads, 2);
        QVERIFY(doc.setWidth(MatrixRole::K, 5));
        QCOMPARE(doc.scene().queries.cols(), 5);
        QCOMPARE(doc.scene().heads, 1);  // 2 does not divide 5
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Change width d to 5"));
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().heads, 2);
        QCOMPARE(doc.scene().keys.cols(), 6);
        QVERIFY(!doc.setWidth(MatrixRole::V, 3, &error));  // V is K
        QVERIFY(!error.isEmpty());
        QVERIFY(doc.setKEqualsV(false));
        QVERIFY(doc.setWidth(MatrixRole::V, 4));
        QCOMPARE(doc.scene().values->cols(), 4);
        QCOMPARE(doc.scene().heads, 2);
        QVERIFY(ap::validate(doc.scene()).message.empty());
    }

    void headParameters() {
        SceneDocument doc;
        HeadParamsEditor editor(&doc);
        for (HeadParamField f : {HeadParamField::W, HeadParamField::Wq, HeadParamField::Wk, HeadParamField::V})
            new QAbstractItemModelTester(editor.model(f), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                         editor.model(f));
        QVERIFY(!editor.showsParameters());
        QVERIFY(!doc.randomizeHeadParams(1));  // scaled dot has none
        QVERIFY(doc.setScoring(ap::Scoring::General));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Change scoring to general"));
        QVERIFY(editor.showsParameters());
        HeadParamsModel* w = editor.model(HeadParamField::W);
        QCOMPARE(w->rowCount(), 4);
        QCOMPARE(w->data(w->index(1, 1), Qt::EditRole).toFloat(), 1.0f);
        QCOMPARE(w->data(w->index(1, 2), Qt::EditRole).toFloat(), 0.0f);
        QVERIFY(w->setData(w->index(0, 1), 0.5));
        QCOMPARE(doc.scene().headParams.size(), std::size_t(1));
        ap::Matrix expected = ap::Matrix::Identity(4, 4);
        expected(0, 1) = 0.5f;
        QCOMPARE(doc.scene().headParams[0].W, expected);
        QVERIFY(ap::validate(doc.scene()).message.empty());
        doc.undoStack()->undo();
        QVERIFY(doc.scene().headParams.empty());  // defaults are left out again
        QCOMPARE(w->data(w->index(0, 1), Qt::EditRole).toFloat(), 0.0f);

        QVERIFY(doc.setHeads(2));
        QCOMPARE(w->rowCount(), 2);
        editor.setCurrentHead(1);
        QVERIFY(doc.randomizeHeadParams(5, 1));
        const ap::Matrix first = doc.scene().headParams.at(1).W;
        QCOMPARE(doc.scene().headParams.at(0).W.size(), 0);  // head 0 untouched
        QCOMPARE(w->data(w->index(1, 0), Qt::EditRole).toFloat(), first(1, 0));
        doc.undoStack()->undo();
        QVERIFY(doc.randomizeHeadParams(5, 1));
        QCOMPARE(doc.scene().headParams.at(1).W, first);
        QVERIFY(doc.randomizeHeadParams(6, 1));
        QVERIFY(doc.scene().headParams.at(1).W != first);
        editor.resetToIdentity();
        QVERIFY(doc.scene().headParams.empty());

        QVERIFY(doc.setScoring(ap::Scoring::Additive));
        HeadParamsModel* v = editor.model(HeadParamField::V);
        QCOMPARE(v->rowCount(), 2);
        QCOMPARE(v->columnCount(), 1);
        QCOMPARE(v->data(v->index(1, 0), Qt::EditRole).toFloat(), 1.0f);
        editor.randomize();
        QCOMPARE(doc.scene().headParams.at(1).Wq.rows(), 2);
        QCOMPARE(doc.scene().headParams.at(1).v.size(), 2);
        QVERIFY(ap::validate(doc.scene()).message.empty());
        // A width change reshapes the parameters instead of dropping them.
        QVERIFY(doc.setWidth(MatrixRole::Q, 6));
        QCOMPARE(doc.scene().headParams.at(1).Wq.cols(), 3);
        QVERIFY(ap::validate(doc.scene()).message.empty());
    }

    void changeKindsAndSnapshot() {
        SceneDocument doc;
        QSignalSpy spy(&doc, &SceneDocument::sceneChanged);
        const auto last = [&] { return spy.last().at(0).value<ui::ChangeKind>(); };
        const auto snap = doc.snapshot();
        QCOMPARE(doc.snapshot(), snap);  // shared until a change
        QVERIFY(doc.setCell(MatrixRole::Q, 0, 0, 4.0f));
        QCOMPARE(last(), ChangeKind::Values);
        const auto after = doc.snapshot();
        QVERIFY(after != snap);
        QCOMPARE(after->queries(0, 0), 4.0f);
        QVERIFY(snap->queries(0, 0) != 4.0f);  // the worker's copy never changes
        QVERIFY(doc.insertToken(MatrixRole::K, 0));
        QCOMPARE(last(), ChangeKind::Structure);
        QVERIFY(doc.setNormalization(ap::Normalization::Sparsemax));
        QCOMPARE(last(), ChangeKind::Settings);
        QVERIFY(doc.toggleMaskCell(1, 0));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Mask cell (am, k3)"));
        QVERIFY(doc.isCellMasked(1, 0));
        QVERIFY(doc.toggleMaskCell(1, 0));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Unmask cell (am, k3)"));
        doc.newScene();
        QCOMPARE(last(), ChangeKind::Whole);
    }

    void editorTypingWheelAndDrag() {
        SceneDocument doc;
        MatrixEditor editor(&doc, MatrixRole::Q);
        editor.resize(600, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTableView* view = editor.view();
        const QModelIndex cell = editor.model()->index(1, 1);
        view->setCurrentIndex(cell);
        view->setFocus();

        QTest::keyClick(view, Qt::Key_2);
        auto* line = view->viewport()->findChild<QLineEdit*>();
        QVERIFY(line);
        QTest::keyClicks(line, QStringLiteral(".5"));
        QTest::keyClick(line, Qt::Key_Return);
        // The delegate commits from a queued call.
        QTRY_COMPARE(doc.scene().queries(1, 1), 2.5f);
        QCOMPARE(doc.undoStack()->count(), 1);

        QWidget* viewport = view->viewport();
        const QPoint centre = view->visualRect(cell).center();
        sendWheel(viewport, centre, 120, Qt::ControlModifier);
        sendWheel(viewport, centre, 120, Qt::ControlModifier);
        QCOMPARE(doc.scene().queries(1, 1), float(2.5 + 0.05 + 0.05));
        QCOMPARE(doc.undoStack()->count(), 2);  // the wheel turns are one step
        sendWheel(viewport, centre, -120, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(std::abs(doc.scene().queries(1, 1) - 2.1f) < 1e-6f);
        // Without Ctrl the wheel scrolls and the value stays.
        sendWheel(viewport, centre, 120, Qt::NoModifier);
        QVERIFY(std::abs(doc.scene().queries(1, 1) - 2.1f) < 1e-6f);
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().queries(1, 1), 2.5f);

        const QModelIndex other = editor.model()->index(2, 0);
        const QPoint start = view->visualRect(other).center();
        const float before = doc.scene().queries(2, 0);
        sendMouse(viewport, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::AltModifier);
        sendMouse(viewport, QEvent::MouseMove, start - QPoint(0, 4), Qt::LeftButton, Qt::AltModifier);
        sendMouse(viewport, QEvent::MouseMove, start - QPoint(0, 8), Qt::LeftButton, Qt::AltModifier);
        sendMouse(viewport, QEvent::MouseButtonRelease, start - QPoint(0, 8), Qt::NoButton, Qt::AltModifier);
        QCOMPARE(doc.scene().queries(2, 0), float(double(before) + 2 * 0.05));
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QCOMPARE(doc.scene().queries(2, 0), before);
    }

    void closingWithAnOpenCellEditor() {
        SceneDocument doc;
        auto* editor = new MatrixEditor(&doc, MatrixRole::Q);
        editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        editor->view()->setCurrentIndex(editor->model()->index(0, 0));
        editor->view()->setFocus();
        QTest::keyClick(editor->view(), Qt::Key_3);
        QVERIFY(editor->view()->viewport()->findChild<QLineEdit*>());
        // The cell editor commits while the window closes (the typed value is
        // kept); that edit must not reach the editor being destroyed, which
        // AddressSanitizer builds (AP_SANITIZE) catch.
        delete editor;
        QCOMPARE(doc.scene().queries(0, 0), 3.0f);
        QCOMPARE(doc.undoStack()->count(), 1);
        // Models that outlive their document show nothing.
        auto* gone = new SceneDocument;
        MatrixModel model(gone, MatrixRole::K);
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
        QCOMPARE(model.rowCount(), 3);
        delete gone;
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.setData(model.index(0, 0), 1.0));
    }

    void editorTokenActionsAndPadding() {
        SceneDocument doc;
        MatrixEditor q(&doc, MatrixRole::Q);
        MatrixEditor k(&doc, MatrixRole::K);
        MatrixEditor v(&doc, MatrixRole::V);
        k.resize(500, 300);
        k.show();
        QVERIFY(QTest::qWaitForWindowExposed(&k));

        q.setCurrentRow(1);
        q.addToken();
        QCOMPARE(doc.scene().queryCount(), 5);
        QCOMPARE(q.currentRow(), 2);
        q.moveUp();
        QCOMPARE(q.currentRow(), 1);
        QCOMPARE(doc.scene().queryTokens.at(1), std::string("q4"));
        q.removeToken();
        QCOMPARE(doc.scene().queryTokens, (std::vector<std::string>{"I", "am", "a", "student"}));
        q.setCurrentRow(1);
        QVERIFY(q.pasteText(QStringLiteral("7\t8")));
        QCOMPARE(doc.scene().queries(1, 0), 7.0f);
        QCOMPARE(doc.scene().queries(1, 1), 8.0f);
        QSignalSpy message(&q, &MatrixEditor::message);
        QVERIFY(!q.pasteText(QStringLiteral("7\tseven")));
        QCOMPARE(message.count(), 1);
        q.widthBox()->setValue(8);
        QCOMPARE(doc.scene().keys.cols(), 8);
        QCOMPARE(k.widthBox()->value(), 8);
        q.seedBox()->setValue(42);
        q.fillRandom();
        QCOMPARE(doc.scene().queries, edits::randomNormal(4, 8, 42));

        // V shows K here: its tools are off.
        QVERIFY(!v.widthBox()->isEnabled());
        QVERIFY(doc.setKEqualsV(false));
        QVERIFY(v.widthBox()->isEnabled());

        // Shortcuts act while the table has the focus.
        QVERIFY(QTest::qWaitForWindowActive(&k));
        k.view()->setFocus();
        k.setCurrentRow(0);
        const int keys = doc.scene().keyCount();
        QTest::keyClick(k.view(), Qt::Key_Insert);
        QCOMPARE(doc.scene().keyCount(), keys + 1);
        QCOMPARE(k.currentRow(), 1);
        QTest::keyClick(k.view(), Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(doc.scene().keyTokens.at(2), std::string("k3"));
        QTest::keyClick(k.view(), Qt::Key_Delete);
        QCOMPARE(doc.scene().keyCount(), keys);
        QCOMPARE(doc.scene().keyTokens, (std::vector<std::string>{"Je", "suis", "étudiant"}));

        // Clipboard: Ctrl+V pastes at the current cell, Ctrl+C copies exact values.
        QGuiApplication::clipboard()->setText(QStringLiteral("0.5\t0.25\n"));
        k.view()->setCurrentIndex(k.model()->index(1, 2));
        QTest::keyClick(k.view(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(doc.scene().keys(1, 2), 0.5f);
        QCOMPARE(doc.scene().keys(1, 3), 0.25f);
        k.view()->selectionModel()->select(QItemSelection(k.model()->index(1, 2), k.model()->index(2, 3)),
                                           QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(k.view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("0.5\t0.25\n%1\t%2\n")
                     .arg(QString::fromStdString(ap::formatFloat(doc.scene().keys(2, 2))),
                          QString::fromStdString(ap::formatFloat(doc.scene().keys(2, 3)))));

        // The padding check box in K's row header.
        auto* header = qobject_cast<KeyPaddingHeader*>(k.view()->verticalHeader());
        QVERIFY(header);
        const QRect box = header->checkBoxRect(1);
        QVERIFY(box.isValid());
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, box.center());
        QVERIFY(doc.isKeyPadded(1));
        QCOMPARE(k.model()->data(k.model()->index(1, 0), Qt::BackgroundRole).value<QBrush>().color(),
                 MatrixModel::paddingTint());
        QVERIFY(!k.model()->data(k.model()->index(0, 0), Qt::BackgroundRole).isValid());
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Pad key “suis”"));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, box.center());
        QVERIFY(!doc.isKeyPadded(1));
        QVERIFY(doc.scene().mask.keyPadding.empty());
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
