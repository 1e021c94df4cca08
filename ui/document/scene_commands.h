// The undo commands of SceneDocument. Each stores only what its edit
// touches: a cell edit two floats, a structural edit the parts of the scene
// it replaces (before and after), never the whole scene unless it all
// changed.
#pragma once

#include "document/scene_document.h"

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace ui {

// Parts of a scene (and the document's mode) to write; unset parts are left
// alone. A command keeps two: what it writes on redo and on undo.
struct ScenePatch {
    std::optional<std::string> title;
    std::optional<std::vector<std::string>> queryTokens;
    std::optional<std::vector<std::string>> keyTokens;
    std::optional<ap::Matrix> queries;
    std::optional<ap::Matrix> keys;
    std::optional<std::optional<ap::Matrix>> values;
    std::optional<int> heads;
    std::optional<ap::Scoring> scoring;
    std::optional<std::vector<ap::HeadParams>> headParams;
    std::optional<ap::Normalization> normalization;
    std::optional<float> temperature;
    std::optional<int> topK;
    std::optional<int> samples;
    std::optional<std::uint64_t> seed;
    std::optional<ap::MaskSpec> mask;
    std::optional<ap::Projections> projections;
    std::optional<SceneDocument::Mode> mode;

    // Copies `from` into the parts this patch sets.
    void assignTo(ap::Scene& scene, SceneDocument::Mode& mode) const;
    // Exchanges the parts this patch sets with the scene's (no copies), so a
    // candidate can be validated in place and swapped back.
    void swapWith(ap::Scene& scene, SceneDocument::Mode& mode);
    // The current values of the parts `shape` sets: the undo side of a patch.
    static ScenePatch capture(const ScenePatch& shape, const ap::Scene& scene, SceneDocument::Mode mode);
};

// Command ids for QUndoCommand::mergeWith.
enum CommandId { kCellCommandId = 1, kHeadCellCommandId, kTemperatureCommandId };

class PatchCommand : public QUndoCommand {
public:
    PatchCommand(SceneDocument* doc, ScenePatch before, ScenePatch after, ChangeKind kind, RowChange rows,
                 const QString& text, int mergeId);
    void redo() override;
    void undo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    SceneDocument* doc_;
    ScenePatch before_;
    ScenePatch after_;
    ChangeKind kind_;
    RowChange rows_;
    int mergeId_;
};

class CellCommand : public QUndoCommand {
public:
    // `mirror`: self-attention, where the cell is also K's.
    CellCommand(SceneDocument* doc, MatrixRole role, int row, int col, float before, float after, bool mirror,
                bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override { return kCellCommandId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    SceneDocument* doc_;
    MatrixRole role_;
    int row_;
    int col_;
    float before_;
    float after_;
    bool mirror_;
    bool mergeable_;
};

class HeadParamCellCommand : public QUndoCommand {
public:
    HeadParamCellCommand(SceneDocument* doc, int head, HeadParamField field, int row, int col, float before,
                         float after, bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override { return kHeadCellCommandId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    SceneDocument* doc_;
    int head_;
    HeadParamField field_;
    int row_;
    int col_;
    float before_;
    float after_;
    bool mergeable_;
    // Set on the first redo: the head's parameters (or the whole list) were
    // the defaults, left out of the file; undo leaves them out again.
    bool listWasEmpty_ = false;
    bool fieldWasEmpty_ = false;
};

}  // namespace ui
