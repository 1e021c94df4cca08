// One of the scene's Q, K and V matrices as a table: rows are the tokens
// (their text in the vertical header), columns the dimensions. Reads and
// writes through a SceneDocument, so every edit is undoable, and follows the
// document's changes with the finest model signals it can (rows inserted,
// removed and moved keep the views' selection).
#pragma once

#include "document/scene_document.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPointer>

namespace ui {

class MatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // V shows K (read-only) when values are absent; with self-attention K
    // and V show Q (read-only).
    MatrixModel(SceneDocument* document, MatrixRole role, QObject* parent = nullptr);

    SceneDocument* document() const { return doc_; }
    MatrixRole role() const { return role_; }
    bool isReadOnly() const { return !doc_ || doc_->isReadOnly(role_); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // Accepts a number or text ("1.5", or in the user's locale); a typed
    // value is its own undo step.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Renames the row's token.
    bool setHeaderData(int section, Qt::Orientation orientation, const QVariant& value,
                       int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Background of the rows of padded keys (K and V), translucent so that
    // it reads on light and dark palettes.
    static QColor paddingTint() { return QColor(255, 140, 0, 70); }

    // Tints the cells a step of an explanation uses: `row` (-1 = every
    // row), columns [firstColumn, firstColumn + columns) (columns -1 = to
    // the end). clearHighlight() removes it.
    void setHighlight(int row, int firstColumn, int columns);
    void clearHighlight();
    bool isHighlighted(int row, int column) const;
    static QColor highlightTint() { return QColor(30, 144, 255, 90); }

private:
    void aboutToChange(ChangeKind kind, const RowChange& rows);
    void changed(ChangeKind kind);
    bool concerns(const RowChange& rows) const;
    bool showsKeys() const { return role_ != MatrixRole::Q; }
    // Empty once the document is gone, so views that outlive it see no rows.
    const ap::Matrix& matrix() const;
    void emitAllChanged(const QList<int>& roles);

    QPointer<SceneDocument> doc_;
    MatrixRole role_;
    // The begin* call made in aboutToChange that changed() must end.
    enum class Pending { None, Reset, Insert, Remove, Move, Rename };
    Pending pending_ = Pending::None;
    int pendingRow_ = 0;
    bool highlight_ = false;
    int highlightRow_ = -1, highlightColumn_ = 0, highlightColumns_ = -1;
};

}  // namespace ui
