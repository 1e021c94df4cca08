#include "document/scene_document.h"

#include "document/scene_commands.h"
#include "document/scene_edits.h"
#include "document/scene_file.h"
#include "io/scene_io.h"

#include <QDir>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace ui {

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
    const bool same = s.keys.rows() == s.queries.rows() && s.keys.cols() == s.queries.cols() &&
                      s.keys == s.queries && s.keyTokens == s.queryTokens;
    return same ? SceneDocument::Mode::SelfAttention : SceneDocument::Mode::KEqualsV;
}

// An edit under construction: the parts it touches are copied from the
// scene into the patch on first use, so an edit of the key tokens never
// copies the queries.
class Draft {
public:
    Draft(const ap::Scene& scene, SceneDocument::Mode mode) : s_(scene), mode_(mode) {}

    ScenePatch take() { return std::move(p_); }
    SceneDocument::Mode mode() const { return p_.mode ? *p_.mode : mode_; }

    ap::Matrix& queries() { return part(p_.queries, s_.queries); }
    ap::Matrix& keys() { return part(p_.keys, s_.keys); }
    std::optional<ap::Matrix>& values() { return part(p_.values, s_.values); }
    std::vector<std::string>& queryTokens() { return part(p_.queryTokens, s_.queryTokens); }
    std::vector<std::string>& keyTokens() { return part(p_.keyTokens, s_.keyTokens); }
    ap::MaskSpec& mask() { return part(p_.mask, s_.mask); }
    std::vector<ap::HeadParams>& headParams() { return part(p_.headParams, s_.headParams); }
    ap::Projections& projections() { return part(p_.projections, s_.projections); }
    ScenePatch& patch() { return p_; }

    const ap::Matrix& cqueries() const { return p_.queries ? *p_.queries : s_.queries; }
    const ap::Matrix& ckeys() const { return p_.keys ? *p_.keys : s_.keys; }
    const std::optional<ap::Matrix>& cvalues() const { return p_.values ? *p_.values : s_.values; }
    const ap::Projections& cprojections() const {
        return p_.projections ? *p_.projections : s_.projections;
    }
    const ap::Scene& scene() const { return s_; }

    // Heads, head parameters and Wo made to fit the new d and dv.
    void fitDerived() {
        const ap::Projections& pr = cprojections();
        const ap::Widths widths = ap::derivedWidths(
            cqueries(), ckeys(), cvalues() ? &*cvalues() : nullptr, pr);
        const int d = widths.d, dv = widths.dv;
        const int heads = edits::fittingHeads(s_.heads, d, dv);
        if (heads != s_.heads) {
            p_.heads = heads;
            // Parameters of another head split describe other dimensions.
            if (!s_.headParams.empty()) headParams().clear();
        } else if (!s_.headParams.empty() && d / heads != edits::modelWidth(s_) / s_.heads) {
            headParams() = edits::fitHeadParams(s_.headParams, d / heads);
        }
        if (pr.Wo.size() != 0 && pr.Wo.rows() != dv) edits::resizeRows(projections().Wo, dv);
    }

private:
    template <class T>
    static T& part(std::optional<T>& patchPart, const T& scenePart) {
        if (!patchPart) patchPart = scenePart;
        return *patchPart;
    }

    const ap::Scene& s_;
    SceneDocument::Mode mode_;
    ScenePatch p_;
};

// A token operation on one side: the side's matrix (and V with the keys),
// its labels and the mask entries that refer to its rows.
struct TokenOp {
    std::function<void(ap::Matrix&)> rows;
    std::function<void(std::vector<std::string>&)> labels;
    std::function<void(ap::MaskSpec&, Side)> mask;
};

void applyTokenOp(Draft& d, Side side, const TokenOp& op) {
    const bool self = d.mode() == SceneDocument::Mode::SelfAttention;
    if (side == Side::Queries || self) {
        op.rows(d.queries());
        std::vector<std::string>& labels = d.queryTokens();
        labels = edits::materializedTokens(labels, int(d.scene().queries.rows()), 'q');
        op.labels(labels);
        op.mask(d.mask(), Side::Queries);
    }
    if (self) {
        d.keys() = d.cqueries();
        d.keyTokens() = *d.patch().queryTokens;
        op.mask(d.mask(), Side::Keys);
        return;
    }
    if (side == Side::Keys) {
        op.rows(d.keys());
        if (d.cvalues()) op.rows(*d.values());
        std::vector<std::string>& labels = d.keyTokens();
        labels = edits::materializedTokens(labels, int(d.scene().keys.rows()), 'k');
        op.labels(labels);
        op.mask(d.mask(), Side::Keys);
    }
}

Side sideOf(MatrixRole role) { return role == MatrixRole::Q ? Side::Queries : Side::Keys; }

}  // namespace

SceneDocument::SceneDocument(QObject* parent) : QObject(parent), undoStack_(new QUndoStack(this)) {
    scene_ = ap::builtInExample();
    mode_ = detectMode(scene_);
    connect(undoStack_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
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

void SceneDocument::beginChange(ChangeKind kind, const RowChange& rows) {
    emit sceneAboutToChange(kind, rows);
}

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

bool SceneDocument::pushPatch(ScenePatch after, ChangeKind kind, const RowChange& rows,
                              const QString& text, QString* error, int mergeId) {
    ScenePatch before = ScenePatch::capture(after, scene_, mode_);
    // Parts whose validity depends on others; temperature, k, title and the
    // like are checked by their setters.
    if (kind == ChangeKind::Structure || after.headParams || after.mask || after.scoring) {
        // Check the candidate in place: swapping parts in and out copies
        // nothing, and no signal is emitted for a scene that never shows.
        after.swapWith(scene_, mode_);
        const std::string problem = ap::validate(scene_);
        after.swapWith(scene_, mode_);
        if (!problem.empty()) {
            if (error) *error = tr("%1 is not possible: %2").arg(text, fromStd(problem));
            return false;
        }
    }
    undoStack_->push(new PatchCommand(this, std::move(before), std::move(after), kind, rows, text,
                                      mergeId));
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

// --- Matrix edits ----------------------------------------------------------

bool SceneDocument::setCell(MatrixRole role, int row, int col, float value, Merge merge) {
    if (isReadOnly(role) || !std::isfinite(value)) return false;
    const ap::Matrix& m = matrix(role);
    if (row < 0 || row >= m.rows() || col < 0 || col >= m.cols()) return false;
    const float old = m(row, col);
    if (old == value) return true;
    undoStack_->push(new CellCommand(this, role, row, col, old, value,
                                     selfAttention() && role == MatrixRole::Q,
                                     merge == Merge::SameCell));
    return true;
}

bool SceneDocument::insertToken(MatrixRole role, int row, const QString& name) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (row < 0 || row > rows || rows >= ap::limits::kMaxTokens) return false;
    const Side side = sideOf(role);
    const char prefix = side == Side::Queries ? 'q' : 'k';
    const std::vector<std::string> labels = edits::materializedTokens(
        side == Side::Queries ? scene_.queryTokens : scene_.keyTokens, rows, prefix);
    const std::string label = name.isEmpty() ? edits::uniqueLabel(labels, prefix) : name.toStdString();
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::insertRows(m, row, 1); },
                  [&](auto& l) { l.insert(l.begin() + row, label); },
                  [&](ap::MaskSpec& m, Side s) { edits::insertInMask(m, s, row, 1); }});
    RowChange rc{RowChange::Op::Insert, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Add query token") : tr("Add key token"));
}

bool SceneDocument::removeToken(MatrixRole role, int row) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (row < 0 || row >= rows || rows <= 1) return false;
    const Side side = sideOf(role);
    const QString label = tokenLabel(role, row);
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::removeRow(m, row); },
                  [&](auto& l) { l.erase(l.begin() + row); },
                  [&](ap::MaskSpec& m, Side s) { edits::removeFromMask(m, s, row); }});
    RowChange rc{RowChange::Op::Remove, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Remove query token “%1”").arg(label)
                                           : tr("Remove key token “%1”").arg(label));
}

bool SceneDocument::moveToken(MatrixRole role, int from, int to) {
    if (!tokenEditable(role)) return false;
    const int rows = rowCount(role);
    if (from < 0 || from >= rows || to < 0 || to >= rows || from == to) return false;
    const Side side = sideOf(role);
    const QString label = tokenLabel(role, from);
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[&](ap::Matrix& m) { edits::moveRow(m, from, to); },
                  [&](auto& l) {
                      if (from < to)
                          std::rotate(l.begin() + from, l.begin() + from + 1, l.begin() + to + 1);
                      else
                          std::rotate(l.begin() + to, l.begin() + from, l.begin() + from + 1);
                  },
                  [&](ap::MaskSpec& m, Side s) { edits::moveInMask(m, s, from, to); }});
    RowChange rc{RowChange::Op::Move, side == Side::Queries, side == Side::Keys || selfAttention(), from,
                 1, to};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Move query token “%1”").arg(label)
                                           : tr("Move key token “%1”").arg(label));
}

bool SceneDocument::renameToken(MatrixRole role, int row, const QString& name) {
    if (!tokenEditable(role) || name.isEmpty()) return false;
    if (row < 0 || row >= rowCount(role)) return false;
    const QString old = tokenLabel(role, row);
    if (old == name) return true;
    const Side side = sideOf(role);
    const std::string label = name.toStdString();
    Draft d(scene_, mode_);
    applyTokenOp(d, side,
                 {[](ap::Matrix&) {}, [&](auto& l) { l[std::size_t(row)] = label; },
                  [](ap::MaskSpec&, Side) {}});
    RowChange rc{RowChange::Op::Rename, side == Side::Queries, side == Side::Keys || selfAttention(), row};
    return pushPatch(d.take(), ChangeKind::Structure, rc,
                     side == Side::Queries ? tr("Rename query token “%1” to “%2”").arg(old, name)
                                           : tr("Rename key token “%1” to “%2”").arg(old, name));
}

bool SceneDocument::setWidth(MatrixRole role, int width, QString* error) {
    if (isReadOnly(role)) {
        if (error) *error = tr("%1 shows another matrix here; its width follows that one.").arg(roleName(role));
        return false;
    }
    if (width < 1 || width > ap::limits::kMaxWidth) return false;
    if (width == matrix(role).cols()) return true;
    Draft d(scene_, mode_);
    // An input with an in-projection keeps its projected width: the
    // projection's rows follow the input instead.
    const auto resizeInput = [&](ap::Matrix& input, const ap::Matrix& projection,
                                 ap::Matrix& (*projectionOf)(ap::Projections&)) {
        edits::resizeColumns(input, width);
        if (projection.size() != 0) edits::resizeRows(projectionOf(d.projections()), width);
    };
    static constexpr auto wq = [](ap::Projections& p) -> ap::Matrix& { return p.Wq; };
    static constexpr auto wk = [](ap::Projections& p) -> ap::Matrix& { return p.Wk; };
    static constexpr auto wv = [](ap::Projections& p) -> ap::Matrix& { return p.Wv; };
    const ap::Projections& pr = scene_.projections;
    QString text;
    if (role == MatrixRole::V) {
        resizeInput(*d.values(), pr.Wv, wv);
        text = tr("Change width dv to %1").arg(width);
    } else {
        // Q and K change together unless one has an in-projection: then
        // only the edited input does (its projection keeps d).
        const bool both = selfAttention() || (pr.Wq.size() == 0 && pr.Wk.size() == 0);
        if (role == MatrixRole::Q || both) resizeInput(d.queries(), pr.Wq, wq);
        if (role == MatrixRole::K || both) resizeInput(d.keys(), pr.Wk, wk);
        // Without values V is the keys' input, which Wv reads.
        if (!scene_.values && (role == MatrixRole::K || both) && pr.Wv.size() != 0)
            edits::resizeRows(d.projections().Wv, width);
        text = tr("Change width d to %1").arg(width);
    }
    d.fitDerived();
    return pushPatch(d.take(), ChangeKind::Structure, {}, text, error);
}

bool SceneDocument::fillRandom(MatrixRole role, std::uint32_t seed) {
    if (isReadOnly(role)) return false;
    const ap::Matrix& m = matrix(role);
    ap::Matrix random = edits::randomNormal(int(m.rows()), int(m.cols()), seed);
    Draft d(scene_, mode_);
    ScenePatch& p = d.patch();
    if (role == MatrixRole::Q && selfAttention()) p.keys = random;
    switch (role) {
    case MatrixRole::Q: p.queries = std::move(random); break;
    case MatrixRole::K: p.keys = std::move(random); break;
    case MatrixRole::V: p.values = std::optional<ap::Matrix>(std::move(random)); break;
    }
    return pushPatch(d.take(), ChangeKind::Values, {},
                     tr("Fill %1 with random numbers (seed %2)").arg(roleName(role)).arg(seed));
}

bool SceneDocument::pasteBlock(MatrixRole role, int topRow, int leftCol, const QString& text,
                               QString* error) {
    const auto fail = [&](const QString& message) {
        if (error) *error = message;
        return false;
    };
    if (isReadOnly(role))
        return fail(tr("%1 shows another matrix here and cannot be pasted into.").arg(roleName(role)));
    const ap::Matrix& m = matrix(role);
    if (topRow < 0 || topRow >= m.rows() || leftCol < 0 || leftCol >= m.cols())
        return fail(tr("Choose a cell of %1 to paste into.").arg(roleName(role)));
    edits::Block block;
    if (!edits::parseBlock(text, &block, error)) return false;
    int blockWidth = 0;
    for (const auto& row : block) {
        // Spreadsheets may end rows with empty cells; only numbers count.
        int w = int(row.size());
        while (w > 0 && !row[std::size_t(w - 1)]) --w;
        blockWidth = std::max(blockWidth, w);
    }
    if (leftCol + blockWidth > m.cols())
        return fail(tr("The block is %1 columns wide, but from column %2 only %3 fit in %4. "
                       "Widen %4 first.")
                        .arg(blockWidth).arg(leftCol).arg(m.cols() - leftCol).arg(roleName(role)));
    const int needed = topRow + int(block.size());
    if (needed > ap::limits::kMaxTokens)
        return fail(tr("The block would give %1 more than %2 tokens.").arg(roleName(role)).arg(ap::limits::kMaxTokens));

    Draft d(scene_, mode_);
    const Side side = sideOf(role);
    const int grow = needed - int(m.rows());
    if (grow > 0) {
        const int at = int(m.rows());
        const char prefix = side == Side::Queries ? 'q' : 'k';
        applyTokenOp(d, side,
                     {[&](ap::Matrix& x) { edits::insertRows(x, at, grow); },
                      [&](auto& l) {
                          for (int i = 0; i < grow; ++i) l.push_back(edits::uniqueLabel(l, prefix));
                      },
                      [&](ap::MaskSpec& x, Side s) { edits::insertInMask(x, s, at, grow); }});
    }
    ap::Matrix& target = role == MatrixRole::Q ? d.queries()
                         : role == MatrixRole::K ? d.keys()
                                                 : *d.values();
    for (std::size_t i = 0; i < block.size(); ++i)
        for (std::size_t j = 0; j < block[i].size(); ++j)
            if (block[i][j]) target(topRow + int(i), leftCol + int(j)) = *block[i][j];
    if (role == MatrixRole::Q && selfAttention()) d.keys() = d.cqueries();
    return pushPatch(d.take(), grow > 0 ? ChangeKind::Structure : ChangeKind::Values, {},
                     tr("Paste into %1").arg(roleName(role)), error);
}

// --- Settings ---------------------------------------------------------------

bool SceneDocument::setTitle(const QString& title) {
    const std::string t = title.toStdString();
    if (t == scene_.title) return true;
    ScenePatch p;
    p.title = t;
    return pushPatch(std::move(p), ChangeKind::Settings, {}, tr("Change title"));
}

bool SceneDocument::setScoring(ap::Scoring scoring) {
    if (scoring == scene_.scoring) return true;
    ScenePatch p;
    p.scoring = scoring;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     tr("Change scoring to %1").arg(QString::fromUtf8(ap::toString(scoring))));
}

bool SceneDocument::setNormalization(ap::Normalization normalization) {
    if (normalization == scene_.normalization) return true;
    ScenePatch p;
    p.normalization = normalization;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     tr("Change normalization to %1").arg(QString::fromUtf8(ap::displayName(normalization))));
}

bool SceneDocument::setTemperature(float temperature) {
    if (!std::isfinite(temperature) || temperature <= 0.0f) return false;
    if (temperature == scene_.temperature) return true;
    ScenePatch p;
    p.temperature = temperature;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     tr("Change temperature to %1").arg(double(temperature), 0, 'g', 4), nullptr,
                     kTemperatureCommandId);
}

bool SceneDocument::setTopK(int k) {
    if (k < 1) return false;
    if (k == scene_.topK) return true;
    ScenePatch p;
    p.topK = k;
    return pushPatch(std::move(p), ChangeKind::Settings, {}, tr("Change k to %1").arg(k));
}

bool SceneDocument::setSamples(int samples) {
    if (samples < 1 || samples > ap::limits::kMaxSamples) return false;
    if (samples == scene_.samples) return true;
    ScenePatch p;
    p.samples = samples;
    return pushPatch(std::move(p), ChangeKind::Settings, {}, tr("Change samples to %1").arg(samples));
}

bool SceneDocument::setSeed(std::uint64_t seed) {
    if (seed > ap::limits::kMaxSeed) return false;
    if (seed == scene_.seed) return true;
    ScenePatch p;
    p.seed = seed;
    return pushPatch(std::move(p), ChangeKind::Settings, {}, tr("Change seed to %1").arg(seed));
}

bool SceneDocument::setHeads(int heads, QString* error) {
    const int d = edits::modelWidth(scene_), dv = edits::valueWidth(scene_);
    if (heads < 1 || heads > ap::limits::kMaxHeads || d % heads != 0 || dv % heads != 0) {
        if (error) *error = tr("%1 heads do not divide d = %2 and dv = %3.").arg(heads).arg(d).arg(dv);
        return false;
    }
    if (heads == scene_.heads) return true;
    ScenePatch p;
    p.heads = heads;
    // Per-head parameters of another split describe other dimensions.
    if (!scene_.headParams.empty()) p.headParams = std::vector<ap::HeadParams>{};
    return pushPatch(std::move(p), ChangeKind::Structure, {}, tr("Change heads to %1").arg(heads), error);
}

bool SceneDocument::setCausal(bool causal) {
    if (causal == scene_.mask.causal) return true;
    ScenePatch p;
    p.mask = scene_.mask;
    p.mask->causal = causal;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     causal ? tr("Turn causal mask on") : tr("Turn causal mask off"));
}

bool SceneDocument::setKeyPadding(int key, bool padded) {
    if (key < 0 || key >= scene_.keyCount()) return false;
    if (isKeyPadded(key) == padded) return true;
    ScenePatch p;
    ap::MaskSpec& mask = p.mask.emplace(scene_.mask);
    mask.keyPadding.resize(std::size_t(scene_.keyCount()), false);
    mask.keyPadding[std::size_t(key)] = padded;
    // No padded key at all is written as no key_padding entry.
    if (std::none_of(mask.keyPadding.begin(), mask.keyPadding.end(), [](bool b) { return b; }))
        mask.keyPadding.clear();
    const QString label = tokenLabel(MatrixRole::K, key);
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     padded ? tr("Pad key “%1”").arg(label) : tr("Unpad key “%1”").arg(label));
}

bool SceneDocument::toggleMaskCell(int query, int key) {
    if (query < 0 || query >= scene_.queryCount() || key < 0 || key >= scene_.keyCount())
        return false;
    ScenePatch p;
    auto& cells = p.mask.emplace(scene_.mask).cells;
    const auto it = std::find(cells.begin(), cells.end(), std::pair{query, key});
    const bool masking = it == cells.end();
    if (masking)
        cells.emplace_back(query, key);
    else
        cells.erase(it);
    const QString q = tokenLabel(MatrixRole::Q, query), k = tokenLabel(MatrixRole::K, key);
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     masking ? tr("Mask cell (%1, %2)").arg(q, k) : tr("Unmask cell (%1, %2)").arg(q, k));
}

bool SceneDocument::setMaskCells(std::vector<std::pair<int, int>> cells) {
    for (const auto& [q, k] : cells)
        if (q < 0 || q >= scene_.queryCount() || k < 0 || k >= scene_.keyCount()) return false;
    std::vector<std::pair<int, int>> unique;
    for (const auto& c : cells)
        if (std::find(unique.begin(), unique.end(), c) == unique.end()) unique.push_back(c);
    if (unique == scene_.mask.cells) return true;
    const bool clearing = unique.empty();
    ScenePatch p;
    p.mask.emplace(scene_.mask).cells = std::move(unique);
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     clearing ? tr("Clear masked cells") : tr("Set masked cells"));
}

// --- Head parameters ------------------------------------------------------------

ap::Matrix SceneDocument::headParamMatrix(int head, HeadParamField field) const {
    const int dh = headWidth();
    const ap::HeadParams none;
    const ap::HeadParams& p = head >= 0 && std::size_t(head) < scene_.headParams.size()
                                  ? scene_.headParams[std::size_t(head)]
                                  : none;
    switch (field) {
    case HeadParamField::W: return edits::effectiveW(p, dh);
    case HeadParamField::Wq: return edits::effectiveWq(p, dh);
    case HeadParamField::Wk: return edits::effectiveWk(p, dh);
    case HeadParamField::V: return edits::effectiveV(p, dh);
    }
    return {};
}

namespace {

const ap::HeadParams& paramsOf(const ap::Scene& scene, int head) {
    static const ap::HeadParams none;
    return head >= 0 && std::size_t(head) < scene.headParams.size() ? scene.headParams[std::size_t(head)] : none;
}

}  // namespace

std::pair<int, int> SceneDocument::headParamShape(int head, HeadParamField field) const {
    const int dh = headWidth();
    const ap::HeadParams& p = paramsOf(scene_, head);
    const auto shapeOr = [dh](const ap::Matrix& m) {
        return m.size() != 0 ? std::pair<int, int>(int(m.rows()), int(m.cols())) : std::pair<int, int>(dh, dh);
    };
    switch (field) {
    case HeadParamField::W: return shapeOr(p.W);
    case HeadParamField::Wq: return shapeOr(p.Wq);
    case HeadParamField::Wk: return shapeOr(p.Wk);
    case HeadParamField::V: return {int(edits::effectiveV(p, dh).size()), 1};
    }
    return {0, 0};
}

float SceneDocument::headParamValue(int head, HeadParamField field, int row, int column) const {
    const ap::HeadParams& p = paramsOf(scene_, head);
    const auto entry = [row, column](const ap::Matrix& m) {
        if (m.size() != 0) return m(row, column);
        return row == column ? 1.0f : 0.0f;  // the identity default
    };
    switch (field) {
    case HeadParamField::W: return entry(p.W);
    case HeadParamField::Wq: return entry(p.Wq);
    case HeadParamField::Wk: return entry(p.Wk);
    case HeadParamField::V: return p.v.size() != 0 ? p.v(row) : 1.0f;
    }
    return 0.0f;
}

bool SceneDocument::setHeadParams(int head, const ap::HeadParams& params) {
    if (head < -1 || head >= scene_.heads) return false;
    ScenePatch p;
    auto& list = p.headParams.emplace(scene_.headParams);
    list.resize(std::size_t(scene_.heads));
    for (int h = 0; h < scene_.heads; ++h)
        if (head == -1 || h == head) list[std::size_t(h)] = params;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     head == -1 ? tr("Set head parameters") : tr("Set parameters of head %1").arg(head + 1));
}

bool SceneDocument::setHeadParamCell(int head, HeadParamField field, int row, int col, float value,
                                     Merge merge) {
    if (head < 0 || head >= scene_.heads || !std::isfinite(value)) return false;
    const auto [rows, cols] = headParamShape(head, field);
    if (row < 0 || row >= rows || col < 0 || col >= cols) return false;
    const float old = headParamValue(head, field, row, col);
    if (old == value) return true;
    undoStack_->push(new HeadParamCellCommand(this, head, field, row, col, old, value,
                                              merge == Merge::SameCell));
    return true;
}

bool SceneDocument::resetHeadParams(int head) {
    if (head < -1 || head >= scene_.heads) return false;
    ScenePatch p;
    auto& list = p.headParams.emplace(scene_.headParams);
    if (head == -1 || list.empty()) {
        list.clear();
    } else {
        list[std::size_t(head)] = {};
        // All defaults again: leave them out of the file, as they came.
        if (std::all_of(list.begin(), list.end(), [](const ap::HeadParams& x) {
                return x.W.size() == 0 && x.Wq.size() == 0 && x.Wk.size() == 0 && x.v.size() == 0;
            }))
            list.clear();
    }
    if (list.size() == scene_.headParams.size() && list.empty()) return true;
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     head == -1 ? tr("Reset head parameters to identity")
                                : tr("Reset head %1 to identity").arg(head + 1));
}

bool SceneDocument::randomizeHeadParams(std::uint32_t seed, int head) {
    if (head < -1 || head >= scene_.heads) return false;
    if (scene_.scoring != ap::Scoring::General && scene_.scoring != ap::Scoring::Additive) return false;
    const int dh = headWidth();
    const float scale = 1.0f / std::sqrt(float(dh));
    ScenePatch p;
    auto& list = p.headParams.emplace(scene_.headParams);
    list.resize(std::size_t(scene_.heads));
    for (int h = 0; h < scene_.heads; ++h) {
        if (head != -1 && h != head) continue;
        edits::NormalSource source(seed, std::uint32_t(h));
        const auto fill = [&](ap::Matrix& m, int rows, int cols) {
            m.resize(rows, cols);
            for (int i = 0; i < rows; ++i)
                for (int j = 0; j < cols; ++j) m(i, j) = source.next() * scale;
        };
        ap::HeadParams& hp = list[std::size_t(h)];
        if (scene_.scoring == ap::Scoring::General) {
            fill(hp.W, dh, dh);
        } else {
            fill(hp.Wq, dh, dh);
            fill(hp.Wk, dh, dh);
            hp.v.resize(dh);
            for (int i = 0; i < dh; ++i) hp.v(i) = source.next() * scale;
        }
    }
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     head == -1 ? tr("Randomize head parameters (seed %1)").arg(seed)
                                : tr("Randomize head %1 (seed %2)").arg(head + 1).arg(seed));
}

// --- Modes ---------------------------------------------------------------------

bool SceneDocument::setSelfAttention(bool on, QString* error) {
    if (on == selfAttention()) return true;
    Draft d(scene_, mode_);
    ScenePatch& p = d.patch();
    if (on) {
        d.keys() = scene_.queries;
        d.keyTokens() = scene_.queryTokens;
        d.values().reset();
        edits::fitMask(d.mask(), scene_.queryCount(), scene_.queryCount());
        p.mode = Mode::SelfAttention;
        d.fitDerived();
    } else {
        p.mode = Mode::KEqualsV;
    }
    return pushPatch(d.take(), ChangeKind::Structure, {},
                     on ? tr("Turn self-attention on") : tr("Turn self-attention off"), error);
}

bool SceneDocument::setKEqualsV(bool on, QString* error) {
    if (on == kEqualsV()) return true;
    Draft d(scene_, mode_);
    if (on) {
        d.values().reset();
        d.patch().mode = Mode::KEqualsV;
    } else {
        d.values() = scene_.keys;
        d.patch().mode = Mode::Separate;
    }
    d.fitDerived();
    return pushPatch(d.take(), ChangeKind::Structure, {},
                     on ? tr("Turn K = V on") : tr("Turn K = V off"), error);
}

}  // namespace ui
