// One head's scoring parameter (W of general scoring; Wq, Wk or v of
// additive scoring) as a table, with spec's defaults written out (identity,
// all ones) so that the numbers the scoring reads are the numbers shown.
// Edits go through the SceneDocument (undoable).
#pragma once

#include "document/scene_document.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace ui {

class HeadParamsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    HeadParamsModel(SceneDocument* document, HeadParamField field, QObject* parent = nullptr);

    HeadParamField field() const { return field_; }
    int head() const { return head_; }
    // Clamped to the scene's heads.
    void setHead(int head);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    void aboutToChange(ChangeKind kind);
    void changed(ChangeKind kind);
    void reload();
    int clampedHead(int head) const;

    QPointer<SceneDocument> doc_;
    HeadParamField field_;
    int head_ = 0;
    // The matrix shown (v as one column); the defaults are computed once per
    // change, not per data() call.
    int rows_ = 0, columns_ = 0;
    bool resetting_ = false;
};

}  // namespace ui
