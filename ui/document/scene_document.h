// The open scene as an editable document: the scene, its undo history, the
// file it came from and whether it has unsaved changes. Every edit the
// window offers goes through one method here and becomes one undoable
// command, so undo, the modified flag and the views' updates work the same
// for a typed number, a dragged slider or a mask click. Attention itself is
// never computed here; the worker computes snapshot().
#pragma once

#include "core/scene.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace ui {

struct ScenePatch;

// The three tables of the editor. Rows of K and V are the key tokens.
enum class MatrixRole { Q, K, V };

// What an edit changed, so that views redo only what they must.
enum class ChangeKind {
    Values,     // numbers only, every shape unchanged (cells, random fill, paste, head parameter cells)
    Structure,  // shapes, tokens, heads, self-attention / K = V (which matrix a table shows)
    Settings,   // scoring, normalization, temperature, k, masks, head parameters, title
    Whole,      // a new or opened scene
};

// The rows a Structure change inserts, removes, moves or renames, so that
// table models can keep their selection instead of resetting. op == Reset
// means anything may have changed.
struct RowChange {
    enum class Op { Reset, Insert, Remove, Move, Rename };
    Op op = Op::Reset;
    bool queries = false;  // the query tokens' rows (Q table)
    bool keys = false;     // the key tokens' rows (K and V tables)
    int row = 0;           // first row inserted / removed, the row moved or renamed
    int count = 1;         // rows inserted or removed
    int to = 0;            // Move: the moved row's index afterwards

    RowChange inverse() const;
};

// Per-head scoring parameters an edit addresses (docs/math.md).
enum class HeadParamField { W, Wq, Wk, V };

class SceneDocument : public QObject {
    Q_OBJECT
public:
    // Where V comes from; ScenePatch records it with the parts an edit changes.
    enum class Mode { Separate, KEqualsV, SelfAttention };

    // Starts on ap::builtInExample(), unmodified, without a file.
    explicit SceneDocument(QObject* parent = nullptr);
    ~SceneDocument() override;

    const ap::Scene& scene() const { return scene_; }
    // The scene as an immutable copy for the worker thread. The copy is made
    // on the first call after a change and shared until the next change.
    std::shared_ptr<const ap::Scene> snapshot() const;
    QUndoStack* undoStack() const { return undoStack_; }

    QString filePath() const { return filePath_; }
    bool isModified() const;

    // Not stored in the file; detected on load. Self-attention: one matrix
    // serves as Q, K and V (keys are the queries, values absent). K = V:
    // values absent, V is the keys. kEqualsV() is also true with
    // self-attention, where V = K = Q.
    bool selfAttention() const { return mode_ == Mode::SelfAttention; }
    bool kEqualsV() const { return mode_ != Mode::Separate; }

    // The matrix a role's table shows: V shows the keys when values are
    // absent.
    const ap::Matrix& matrix(MatrixRole role) const;
    // K with self-attention and V without values are views of another matrix
    // and refuse edits of their numbers, width and tokens.
    bool isReadOnly(MatrixRole role) const;
    int rowCount(MatrixRole role) const { return int(matrix(role).rows()); }
    QString tokenLabel(MatrixRole role, int row) const;
    bool isKeyPadded(int key) const;
    bool isCellMasked(int query, int key) const;
    // dh = d / heads, the width each head's Q and K blocks have.
    int headWidth() const;

    // --- Files -----------------------------------------------------------
    // Whole scenes replace the history: they are not undoable.
    void newScene();
    void resetScene(ap::Scene scene, const QString& filePath = {});
    // On failure returns false with a message that names the file, and
    // leaves the document as it was.
    bool load(const QString& path, QString* error = nullptr);
    // Atomic (QSaveFile); on success the document is clean and takes `path`.
    bool save(const QString& path, QString* error = nullptr);

    // --- Edits -------------------------------------------------------------
    // Each pushes one command on the undo stack, or returns false (with a
    // reason in `error` where it has one) and changes nothing. Token and
    // matrix edits of K and V address the key tokens; with self-attention
    // the Q edits change K as well.

    // Consecutive edits of the same cell merge into one undo step when both
    // are mergeable (a wheel turn or a drag); a typed value is its own step.
    enum class Merge { SameCell, Never };
    bool setCell(MatrixRole role, int row, int col, float value, Merge merge = Merge::SameCell);
    // Inserts a row of zeros before `row` (row == rowCount appends). An empty
    // name keeps automatic labels (q0, q1, ...) or picks an unused one.
    bool insertToken(MatrixRole role, int row, const QString& name = {});
    bool removeToken(MatrixRole role, int row);
    // `to` is the token's index afterwards.
    bool moveToken(MatrixRole role, int from, int to);
    bool renameToken(MatrixRole role, int row, const QString& name);
    // Q and K change together (their widths must match); V changes dv. New
    // columns are zeros. Heads fall to the largest count that still divides
    // d and dv; head parameters are reshaped (scene_edits.h fitHeadParams).
    bool setWidth(MatrixRole role, int width, QString* error = nullptr);
    // Every number of the role's matrix from edits::randomNormal(seed).
    bool fillRandom(MatrixRole role, std::uint32_t seed);
    // Tab/newline separated numbers written from (topRow, leftCol). A block
    // taller than the matrix adds rows (tokens with fresh labels); a block
    // wider than the matrix, or any cell that is not a number, is refused
    // with a message. Empty cells leave their value.
    bool pasteBlock(MatrixRole role, int topRow, int leftCol, const QString& text, QString* error = nullptr);

    bool setTitle(const QString& title);
    bool setScoring(ap::Scoring scoring);
    bool setNormalization(ap::Normalization normalization);
    // Consecutive temperature changes merge into one undo step (a slider drag).
    bool setTemperature(float temperature);
    bool setTopK(int k);
    // The sample normalizer's draws per row (1 to ap::limits::kMaxSamples)
    // and its seed; each is one undo step.
    bool setSamples(int samples);
    bool setSeed(std::uint64_t seed);
    // Must divide d and dv; head parameters return to their defaults.
    bool setHeads(int heads, QString* error = nullptr);
    bool setCausal(bool causal);
    bool setKeyPadding(int key, bool padded);
    bool toggleMaskCell(int query, int key);
    bool setMaskCells(std::vector<std::pair<int, int>> cells);

    // Head parameters for the current scoring kind (general or additive).
    // head == -1 addresses every head.
    bool setHeadParams(int head, const ap::HeadParams& params);
    // Edits one number of a head's W, Wq, Wk (row, col) or v (row, col 0) as
    // the scoring reads it (defaults written out first); merges like setCell.
    bool setHeadParamCell(int head, HeadParamField field, int row, int col, float value, Merge merge = Merge::SameCell);
    bool resetHeadParams(int head = -1);
    // general: W; additive: Wq, Wk (da = dh) and v; all normal(0, 1) / sqrt(dh)
    // so that scores stay in the range the defaults give. Head h draws from
    // stream h of the seed (ap::Random(seed, h)), so a head's numbers do not
    // depend on which heads are randomised with it.
    bool randomizeHeadParams(std::uint32_t seed, int head = -1);
    // The parameters of `head` with the defaults written out.
    ap::Matrix headParamMatrix(int head, HeadParamField field) const;
    // The shape of headParamMatrix() (rows, columns) and one of its entries,
    // without writing out a default of dₕ × dₕ (at d = 2,800 each of W, Wq
    // and Wk would be 31 MB, made again on every edit).
    std::pair<int, int> headParamShape(int head, HeadParamField field) const;
    float headParamValue(int head, HeadParamField field, int row, int column) const;

    // Turning self-attention on copies Q to K and drops V; off leaves K = V.
    bool setSelfAttention(bool on, QString* error = nullptr);
    // Off gives V its own matrix, a copy of K (and ends self-attention).
    bool setKEqualsV(bool on, QString* error = nullptr);

    static QString roleName(MatrixRole role);

signals:
    // Emitted before and after every change of the scene, including undo
    // and redo. `rows` says which rows a Structure change touches.
    void sceneAboutToChange(ui::ChangeKind kind, const ui::RowChange& rows);
    void sceneChanged(ui::ChangeKind kind);
    void modesChanged(bool selfAttention, bool kEqualsV);
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    friend class PatchCommand;
    friend class CellCommand;
    friend class HeadParamCellCommand;

    // Called by the commands: apply with the signals around the change.
    void applyPatch(const ScenePatch& patch, ChangeKind kind, const RowChange& rows);
    void writeCell(MatrixRole role, int row, int col, float value, bool mirror);
    ap::Matrix& storage(MatrixRole role);
    void beginChange(ChangeKind kind, const RowChange& rows = {});
    void endChange(ChangeKind kind);

    // Validates `after` against the scene, then pushes it as one command.
    bool pushPatch(ScenePatch after, ChangeKind kind, const RowChange& rows, const QString& text,
                   QString* error = nullptr, int mergeId = -1);
    void setFilePath(const QString& path);
    bool tokenEditable(MatrixRole role) const;

    ap::Scene scene_;
    Mode mode_ = Mode::Separate;
    QUndoStack* undoStack_ = nullptr;
    QString filePath_;
    mutable std::shared_ptr<const ap::Scene> snapshot_;
};

}  // namespace ui
