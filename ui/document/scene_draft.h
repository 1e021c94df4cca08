// The scene document's edit builder, shared by the files of
// SceneDocument (scene_document*.cpp): a Draft copies the parts of the scene
// an edit touches into a ScenePatch on first use, and token operations keep
// Q, K, V, their labels and the mask in step.
#pragma once

#include "document/scene_commands.h"
#include "document/scene_document.h"
#include "document/scene_edits.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ui::draft {

using edits::Side;

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
    const ap::Projections& cprojections() const { return p_.projections ? *p_.projections : s_.projections; }
    const ap::Scene& scene() const { return s_; }

    // Heads, head parameters and Wo made to fit the new d and dv.
    void fitDerived() {
        const ap::Projections& pr = cprojections();
        const ap::Widths widths = ap::derivedWidths(cqueries(), ckeys(), cvalues() ? &*cvalues() : nullptr, pr);
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

inline void applyTokenOp(Draft& d, Side side, const TokenOp& op) {
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

inline Side sideOf(MatrixRole role) { return role == MatrixRole::Q ? Side::Queries : Side::Keys; }

}  // namespace ui::draft
