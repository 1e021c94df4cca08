// The model view's grid: one thumbnail per (layer, head), then per layer
// the mean and the maximum over its heads, and a last row aggregating over
// the layers. Tiles arrive one by one from the worker; a click asks for the
// tile's large view; a click with Ctrl (or any click in ablation mode) on a
// head asks to switch it off instead. With heads off, each head's tile
// carries a badge saying how far its weights moved.
#pragma once

#include "analysis/aggregate.h"

#include <QImage>
#include <QWidget>

#include <set>
#include <utility>
#include <vector>

namespace ui {

class ModelGridView : public QWidget {
    Q_OBJECT
public:
    explicit ModelGridView(QWidget* parent = nullptr);

    // Empties the grid for a file of `layers` x `heads`.
    void reset(int layers, int heads);
    void setTile(int row, int column, const QImage& image);
    int rows() const { return layers_ + 1; }
    int columns() const { return heads_ + 2; }
    int readyTiles() const;
    const QImage& tile(int row, int column) const;

    // What tile (row, column) shows, and the tile of a choice (-1 if none).
    ap::analysis::AttentionChoice choiceAt(int row, int column) const;
    QPoint cellOf(const ap::analysis::AttentionChoice& choice) const;
    void setSelected(const ap::analysis::AttentionChoice& choice);
    QPoint selectedCell() const { return selected_; }
    QRect tileRect(int row, int column) const;
    // The tile under `pos` as (column, row), or (-1, -1).
    QPoint cellAt(const QPointF& pos) const;

    // Heads drawn crossed out (switched off); (layer, head) pairs.
    void setAblated(std::set<std::pair<int, int>> heads);
    const std::set<std::pair<int, int>>& ablated() const { return ablated_; }
    // With heads switched off, how far each head's weights moved from the
    // run with every head on (layers x heads, row-major): the largest
    // |Δ weight|, shown as a badge on the tile when it is at least
    // kShownChange, and the mean Jensen-Shannon divergence per query, in the
    // tooltip. Empty vectors: no badges.
    void setChanges(std::vector<float> largest, std::vector<float> divergence);
    float change(int layer, int head) const;       // 0 without changes
    QString badgeText(int layer, int head) const;  // "" without a badge
    // Smaller changes would read 0.00 on a badge.
    static constexpr float kShownChange = 0.005f;
    // When on, a plain click on a head asks to toggle it (ablateClicked);
    // otherwise only Ctrl+click does.
    void setAblationMode(bool on) { ablationMode_ = on; }

    // The grid as drawn, for export. Fits ui::PaintFunction.
    void paintGrid(QPainter& painter, const QSizeF& size) const;

    QSize sizeHint() const override { return {560, 520}; }
    QSize minimumSizeHint() const override { return {200, 180}; }

signals:
    void tileClicked(ap::analysis::AttentionChoice choice);
    void ablateClicked(int layer, int head);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    bool event(QEvent*) override;

private:
    struct Geometry {
        double left = 0, top = 0, cell = 0, gap = 0;
    };
    Geometry gridGeometry(const QSizeF& size) const;
    QRectF tileRectF(const Geometry& g, int row, int column) const;
    QString rowLabel(int row) const;
    QString columnLabel(int column) const;

    int layers_ = 0, heads_ = 0;
    std::vector<QImage> tiles_;
    QPoint selected_{-1, -1};  // (column, row)
    std::set<std::pair<int, int>> ablated_;
    std::vector<float> largestChange_, divergence_;
    bool ablationMode_ = false;
};

}  // namespace ui
