#include "document/scene_document.h"

#include "core/random.h"
#include "document/scene_draft.h"
#include "document/scene_edits.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace ui {

using edits::Side;
using namespace draft;

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
    if (std::none_of(mask.keyPadding.begin(), mask.keyPadding.end(), [](bool b) { return b; })) mask.keyPadding.clear();
    const QString label = tokenLabel(MatrixRole::K, key);
    return pushPatch(std::move(p), ChangeKind::Settings, {},
                     padded ? tr("Pad key “%1”").arg(label) : tr("Unpad key “%1”").arg(label));
}

bool SceneDocument::toggleMaskCell(int query, int key) {
    if (query < 0 || query >= scene_.queryCount() || key < 0 || key >= scene_.keyCount()) return false;
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
    const ap::HeadParams& p =
        head >= 0 && std::size_t(head) < scene_.headParams.size() ? scene_.headParams[std::size_t(head)] : none;
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

bool SceneDocument::setHeadParamCell(int head, HeadParamField field, int row, int col, float value, Merge merge) {
    if (head < 0 || head >= scene_.heads || !std::isfinite(value)) return false;
    const auto [rows, cols] = headParamShape(head, field);
    if (row < 0 || row >= rows || col < 0 || col >= cols) return false;
    const float old = headParamValue(head, field, row, col);
    if (old == value) return true;
    undoStack_->push(new HeadParamCellCommand(this, head, field, row, col, old, value, merge == Merge::SameCell));
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
        // Stream h of the seed; each number rounded to float, then scaled.
        ap::Random random(seed, std::uint32_t(h));
        const auto fill = [&](auto& m) {
            ap::fillNormal(m, random);
            m *= scale;
        };
        ap::HeadParams& hp = list[std::size_t(h)];
        if (scene_.scoring == ap::Scoring::General) {
            hp.W.resize(dh, dh);
            fill(hp.W);
        } else {
            hp.Wq.resize(dh, dh);
            hp.Wk.resize(dh, dh);
            hp.v.resize(dh);
            fill(hp.Wq);
            fill(hp.Wk);
            fill(hp.v);
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
    return pushPatch(d.take(), ChangeKind::Structure, {}, on ? tr("Turn K = V on") : tr("Turn K = V off"), error);
}

}  // namespace ui
