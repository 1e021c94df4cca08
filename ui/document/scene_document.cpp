#include "document/scene_document.h"

#include "document/scene_commands.h"
#include "document/scene_draft.h"
#include "document/scene_edits.h"
#include "document/scene_file.h"
#include "io/scene_io.h"

#include <QDir>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace ui {

using draft::Draft;
using edits::Side;

RowChange RowChange::inverse() const {
    RowChange r = *this;
    switch (op) {
    case Op::Insert: r.op = Op::Remove; break;
    case Op::Remove: r.op = Op::Insert; break;
    case Op::Move: std::swap(r.row, r.to); break;
    case Op::Reset:
    case Op::Rename: break;
    }
    return r;
}

namespace {

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

SceneDocument::Mode detectMode(const ap::Scene& s) {
    if (s.values) return SceneDocument::Mode::Separate;
    const bool same = s.keys.rows() == s.queries.rows() && s.keys.cols() == s.queries.cols() && s.keys == s.queries &&
                      s.keyTokens == s.queryTokens;
    return same ? SceneDocument::Mode::SelfAttention : SceneDocument::Mode::KEqualsV;
}

}  // namespace

SceneDocument::SceneDocument(QObject* parent) : QObject(parent), undoStack_(new QUndoStack(this)) {
    scene_ = ap::builtInExample();
    mode_ = detectMode(scene_);
    connect(undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

SceneDocument::~SceneDocument() {
    // Commands call back into the document; drop them while it is whole.
    undoStack_->clear();
}

std::shared_ptr<const ap::Scene> SceneDocument::snapshot() const {
    if (!snapshot_) snapshot_ = std::make_shared<const ap::Scene>(scene_);
    return snapshot_;
}

bool SceneDocument::isModified() const { return !undoStack_->isClean(); }

const ap::Matrix& SceneDocument::matrix(MatrixRole role) const {
    switch (role) {
    case MatrixRole::Q: return scene_.queries;
    case MatrixRole::K: return scene_.keys;
    case MatrixRole::V: return scene_.values ? *scene_.values : scene_.keys;
    }
    return scene_.queries;
}

ap::Matrix& SceneDocument::storage(MatrixRole role) {
    switch (role) {
    case MatrixRole::Q: return scene_.queries;
    case MatrixRole::K: return scene_.keys;
    case MatrixRole::V: return *scene_.values;
    }
    return scene_.queries;
}

bool SceneDocument::isReadOnly(MatrixRole role) const {
    switch (role) {
    case MatrixRole::Q: return false;
    case MatrixRole::K: return selfAttention();
    case MatrixRole::V: return !scene_.values.has_value();
    }
    return true;
}

bool SceneDocument::tokenEditable(MatrixRole role) const { return !isReadOnly(role); }

QString SceneDocument::tokenLabel(MatrixRole role, int row) const {
    return fromStd(role == MatrixRole::Q ? scene_.queryLabel(row) : scene_.keyLabel(row));
}

bool SceneDocument::isKeyPadded(int key) const {
    const auto& p = scene_.mask.keyPadding;
    return key >= 0 && std::size_t(key) < p.size() && p[std::size_t(key)];
}

bool SceneDocument::isCellMasked(int query, int key) const {
    const auto& c = scene_.mask.cells;
    return std::find(c.begin(), c.end(), std::pair{query, key}) != c.end();
}

int SceneDocument::headWidth() const { return edits::modelWidth(scene_) / scene_.heads; }

QString SceneDocument::roleName(MatrixRole role) {
    switch (role) {
    case MatrixRole::Q: return QStringLiteral("Q");
    case MatrixRole::K: return QStringLiteral("K");
    case MatrixRole::V: return QStringLiteral("V");
    }
    return {};
}

// --- Changes and commands ------------------------------------------------

void SceneDocument::beginChange(ChangeKind kind, const RowChange& rows) { emit sceneAboutToChange(kind, rows); }

void SceneDocument::endChange(ChangeKind kind) {
    snapshot_.reset();
    emit sceneChanged(kind);
}

void SceneDocument::applyPatch(const ScenePatch& patch, ChangeKind kind, const RowChange& rows) {
    const Mode before = mode_;
    beginChange(kind, rows);
    patch.assignTo(scene_, mode_);
    endChange(kind);
    if (mode_ != before) emit modesChanged(selfAttention(), kEqualsV());
}

void SceneDocument::writeCell(MatrixRole role, int row, int col, float value, bool mirror) {
    beginChange(ChangeKind::Values);
    storage(role)(row, col) = value;
    if (mirror) scene_.keys(row, col) = value;
    endChange(ChangeKind::Values);
}

bool SceneDocument::pushPatch(ScenePatch after, ChangeKind kind, const RowChange& rows, const QString& text,
                              QString* error, int mergeId) {
    ScenePatch before = ScenePatch::capture(after, scene_, mode_);
    // Parts whose validity depends on others; temperature, k, title and the
    // like are checked by their setters.
    if (kind == ChangeKind::Structure || after.headParams || after.mask || after.scoring) {
        // Check the candidate in place: swapping parts in and out copies
        // nothing, and no signal is emitted for a scene that never shows.
        after.swapWith(scene_, mode_);
        const ap::Status valid = ap::validate(scene_);
        after.swapWith(scene_, mode_);
        if (!valid.ok) {
            if (error) *error = tr("%1 is not possible: %2").arg(text, fromStd(valid.message));
            return false;
        }
    }
    undoStack_->push(new PatchCommand(this, std::move(before), std::move(after), kind, rows, text, mergeId));
    return true;
}

// --- Files ---------------------------------------------------------------

void SceneDocument::newScene() { resetScene(ap::builtInExample()); }

void SceneDocument::resetScene(ap::Scene scene, const QString& filePath) {
    const Mode before = mode_;
    undoStack_->clear();
    beginChange(ChangeKind::Whole);
    scene_ = std::move(scene);
    mode_ = detectMode(scene_);
    endChange(ChangeKind::Whole);
    setFilePath(filePath);
    if (mode_ != before) emit modesChanged(selfAttention(), kEqualsV());
}

bool SceneDocument::load(const QString& path, QString* error) {
    ap::SceneReadResult read = readSceneFile(path);
    if (!read.ok) {
        if (error) *error = fromStd(read.error);
        return false;
    }
    resetScene(std::move(read.value), path);
    return true;
}

bool SceneDocument::save(const QString& path, QString* error) {
    const QString problem = writeSceneFile(path, scene_);
    if (!problem.isEmpty()) {
        if (error) *error = problem;
        return false;
    }
    setFilePath(path);
    undoStack_->setClean();
    return true;
}

void SceneDocument::setFilePath(const QString& path) {
    if (path == filePath_) return;
    filePath_ = path;
    emit filePathChanged(path);
}

}  // namespace ui
