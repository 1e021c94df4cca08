// The interactive heatmap: the shared renderer on a widget, with a tooltip
// giving each cell's parts, hover highlight and row/cell clicks.
//   heatmap_view.cpp        data, zoom and scrolling, painting
//   heatmap_view_input.cpp  tooltips, mouse, wheel and keys
#pragma once

#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"

#include <QWidget>

#include <memory>

class QScrollBar;

namespace ui {

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    const HeatmapData& data() const { return data_; }
    // Said in the middle while there is no data, so that an empty view tells
    // what will appear in it and what brings it ("" for a blank view).
    void setEmptyText(const QString& text);
    QString emptyText() const { return emptyText_; }
    // Raw scores and weights for the tooltip, so that it gives every part of
    // a cell whichever quantity the view shows (either may be empty).
    void setTooltipScores(ap::Matrix scores);
    void setTooltipWeights(ap::Matrix weights);
    // The same without copies: the matrices live in `owner` (e.g. the
    // result), which the view keeps alive. Null pointers mean "not known".
    void setTooltipSource(std::shared_ptr<const void> owner, const ap::Matrix* scores, const ap::Matrix* weights);
    // In mask-edit mode a click toggles the cell's mask (the window does
    // that on cellClicked); the cursor and tooltip say so.
    void setMaskEditMode(bool on);
    bool maskEditMode() const { return maskEditMode_; }
    // Makes the key labels above the cells clickable (columnLabelClicked),
    // with `toolTip` saying what a click does; an empty tip turns it off.
    void setColumnLabelAction(const QString& toolTip);
    // The centre of a column's label band in widget coordinates (for tests).
    QPoint columnLabelCenter(int column) const;
    void setSelectedRow(int row);
    // Outlines cells (x = column, y = row, in cells); nullopt removes it.
    void setHighlight(std::optional<QRect> cells);
    // Shows `cell` (column, row) as hovered, as if the pointer were on it;
    // for views that follow another view's pointer. Emits nothing.
    void setHoveredCell(std::optional<QPoint> cell);
    int selectedRow() const { return style_.selectedRow; }
    const HeatmapStyle& style() const { return style_; }
    // Where the current size puts the title, cells and colour bar (for tests).
    const HeatmapLayout& heatmapLayout() const { return layout_; }
    void setColormap(Colormap::Kind kind);
    // Draws every later data on `scale` too (until then each data keeps the
    // scale it comes with).
    void setColorScale(ColorScale scale);
    ColorScale colorScale() const { return data_.scale; }
    void setShowNumbers(bool show);
    // The centre of a cell in widget coordinates (for tests and hit checks).
    QPoint cellCenter(int row, int column) const;
    QString toolTipForCell(int row, int column) const;

    // Navigation. The view shows the cells in visibleCells() (x = first
    // column, y = first row, in cells), the whole grid at first.
    QRect visibleCells() const { return visible_; }
    void setVisibleCells(const QRect& cells);
    bool isZoomed() const { return visible_ != fullRect(); }
    // Halves (or doubles) the visible rows and columns around `anchor`, a
    // cell (column, row); without one, around the visible centre.
    void zoomIn(std::optional<QPointF> anchor = std::nullopt);
    void zoomOut(std::optional<QPointF> anchor = std::nullopt);
    void fitToWindow();
    // Shows the selected cell's row and column with some context.
    void zoomToSelection();
    // Moves the visible range by whole cells.
    void panBy(int columns, int rows);
    // The cell the arrow keys move, (column, row); Enter selects its row.
    std::optional<QPoint> selectedCell() const { return selectedCell_; }
    void setSelectedCell(std::optional<QPoint> cell);
    // The next query, then key, whose token contains `text` (ignoring case)
    // after the selected cell; selects it and scrolls to it. False when no
    // token matches.
    bool findToken(const QString& text);

    QSize sizeHint() const override { return {520, 400}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

signals:
    void cellClicked(int row, int column);
    // A click on a column's token label (see setColumnLabelAction).
    void columnLabelClicked(int column);
    // The pointer moved to another cell; row and column are -1 when it left
    // the grid.
    void cellHovered(int row, int column);
    // The keyboard chose a query row (Enter), as a click on it would.
    void rowActivated(int row);
    void visibleCellsChanged(const QRect& cells);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool event(QEvent*) override;

private:
    void relayout();
    QRect fullRect() const { return QRect(0, 0, data_.columns(), data_.rows()); }
    // The visible part as data of its own, drawn by the unchanged renderer;
    // its cell image shares the pixels of the whole image (no copy).
    void updateShown();
    const HeatmapData& shownData() const { return isZoomed() ? shown_ : data_; }
    std::optional<QPoint> cellUnder(const QPointF& pos) const;
    // The column whose label is under `pos` when labels are clickable.
    std::optional<int> columnLabelUnder(const QPointF& pos) const;
    void scrollTo(const QPoint& cell);
    void paintOverview(QPainter& p);
    void syncScrollBars();
    // The size the heatmap is drawn at: the widget less the scroll bars.
    QSize contentSize() const;

    QRect visible_;
    QScrollBar* horizontalBar_ = nullptr;
    QScrollBar* verticalBar_ = nullptr;
    HeatmapData shown_;
    QImage shownImage_;
    QImage overview_;  // the whole grid, small, for the mini-map
    std::optional<QPoint> selectedCell_;
    std::optional<QPointF> dragFrom_;  // widget position where a drag started
    QRect dragVisible_;
    bool dragged_ = false;
    int findPos_ = -1;  // last match: rows first, then columns

    HeatmapData data_;
    ap::Matrix tooltipScores_;
    ap::Matrix tooltipWeights_;
    std::shared_ptr<const void> tooltipOwner_;
    const ap::Matrix* tooltipScoresPtr_ = nullptr;
    const ap::Matrix* tooltipWeightsPtr_ = nullptr;
    bool maskEditMode_ = false;
    QString columnLabelTip_;
    QString emptyText_;
    HeatmapStyle style_;
    HeatmapLayout layout_;
    std::optional<ColorScale> colorScale_;
    QImage cellImage_;  // one pixel per cell, rebuilt per result, not per paint
};

}  // namespace ui
