// The interactive heatmap: the shared renderer on a widget, with a tooltip
// giving each cell's parts, hover highlight and row/cell clicks.
#pragma once

#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"

#include <QWidget>

#include <memory>

namespace ui {

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    const HeatmapData& data() const { return data_; }
    // Raw scores and weights for the tooltip, so that it gives every part of
    // a cell whichever quantity the view shows (either may be empty).
    void setTooltipScores(ap::Matrix scores);
    void setTooltipWeights(ap::Matrix weights);
    // The same without copies: the matrices live in `owner` (e.g. the
    // result), which the view keeps alive. Null pointers mean "not known".
    void setTooltipSource(std::shared_ptr<const void> owner, const ap::Matrix* scores,
                          const ap::Matrix* weights);
    // In mask-edit mode a click toggles the cell's mask (the window does
    // that on cellClicked); the cursor and tooltip say so.
    void setMaskEditMode(bool on);
    bool maskEditMode() const { return maskEditMode_; }
    void setSelectedRow(int row);
    // Outlines cells (x = column, y = row, in cells); nullopt removes it.
    void setHighlight(std::optional<QRect> cells);
    // Shows `cell` (column, row) as hovered, as if the pointer were on it;
    // for views that follow another view's pointer. Emits nothing.
    void setHoveredCell(std::optional<QPoint> cell);
    int selectedRow() const { return style_.selectedRow; }
    const HeatmapStyle& style() const { return style_; }
    void setColormap(Colormap::Kind kind);
    void setShowNumbers(bool show);
    // The centre of a cell in widget coordinates (for tests and hit checks).
    QPoint cellCenter(int row, int column) const;
    QString toolTipForCell(int row, int column) const;

    QSize sizeHint() const override { return {520, 400}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

signals:
    void cellClicked(int row, int column);
    // The pointer moved to another cell; row and column are -1 when it left
    // the grid.
    void cellHovered(int row, int column);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    bool event(QEvent*) override;

private:
    void relayout();

    HeatmapData data_;
    ap::Matrix tooltipScores_;
    ap::Matrix tooltipWeights_;
    std::shared_ptr<const void> tooltipOwner_;
    const ap::Matrix* tooltipScoresPtr_ = nullptr;
    const ap::Matrix* tooltipWeightsPtr_ = nullptr;
    bool maskEditMode_ = false;
    HeatmapStyle style_;
    HeatmapLayout layout_;
    QImage cellImage_;  // one pixel per cell, rebuilt per result, not per paint
};

}  // namespace ui
