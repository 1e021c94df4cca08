// The head grid: a small heatmap per head plus their
// mean; clicking one asks the window to show it in the main view.
#pragma once

#include "render/head_grid_renderer.h"

#include <QWidget>

#include <optional>

namespace ui {

class HeadGridView : public QWidget {
    Q_OBJECT
public:
    explicit HeadGridView(QWidget* parent = nullptr);

    // One tile per head of `result`, then the mean where there are several.
    void setResult(const ap::Scene& scene, const ap::AttentionResult& result, HeatmapQuantity quantity);
    // The same with tiles made elsewhere (the worker thread makes them).
    void setTiles(std::vector<HeadTile> tiles);
    void clear();
    // The highlighted tile; a choice that is not in the grid highlights none.
    void setSelected(HeadChoice choice);
    HeadChoice selected() const { return selected_; }
    void setColormap(Colormap::Kind kind);
    // Draws these and later tiles on `scale`, with one colour bar.
    void setColorScale(ColorScale scale);

    const std::vector<HeadTile>& tiles() const { return tiles_; }
    // Where tile `index` is in widget coordinates (for tests and hit checks).
    QRect tileRect(int index) const;

    // The whole grid as on screen, without the selection frame: what an
    // export of the grid shows. Fits ui::PaintFunction.
    void paintGrid(QPainter& painter, const QSizeF& size) const;

    QSize sizeHint() const override { return {420, 320}; }
    QSize minimumSizeHint() const override { return {120, 90}; }

signals:
    void headSelected(ui::HeadChoice choice);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    bool event(QEvent*) override;

private:
    int selectedIndex() const;
    void relayout();

    std::vector<HeadTile> tiles_;
    HeadGridLayout layout_;
    HeatmapStyle style_;
    HeadChoice selected_;
    std::optional<ColorScale> colorScale_;
};

}  // namespace ui
