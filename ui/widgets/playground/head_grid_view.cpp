#include "widgets/playground/head_grid_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace ui {

HeadGridView::HeadGridView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void HeadGridView::setResult(const ap::Scene& scene, const ap::AttentionResult& result, HeatmapQuantity quantity) {
    tiles_ = headTilesFromResult(scene, result, quantity);
    if (colorScale_) applyColorScale(tiles_, *colorScale_);
    relayout();
    update();
}

void HeadGridView::setTiles(std::vector<HeadTile> tiles) {
    tiles_ = std::move(tiles);
    if (colorScale_) applyColorScale(tiles_, *colorScale_);
    relayout();
    update();
}

void HeadGridView::clear() {
    tiles_.clear();
    relayout();
    update();
}

void HeadGridView::setSelected(HeadChoice choice) {
    if (choice.head == selected_.head) return;
    selected_ = choice;
    update();
}

void HeadGridView::setColorScale(ColorScale scale) {
    colorScale_ = scale;
    applyColorScale(tiles_, scale);
    update();
}

void HeadGridView::setColormap(Colormap::Kind kind) {
    style_.colormap = Colormap(kind);
    update();
}

QRect HeadGridView::tileRect(int index) const {
    if (index < 0 || index >= int(layout_.tiles.size())) return {};
    return layout_.tiles[size_t(index)].toAlignedRect();
}

void HeadGridView::paintGrid(QPainter& painter, const QSizeF& size) const {
    paintHeadGrid(painter, tiles_, layoutHeadGrid(tiles_, size, style_), style_);
}

int HeadGridView::selectedIndex() const {
    for (size_t i = 0; i < tiles_.size(); ++i)
        if (tiles_[i].choice.head == selected_.head) return int(i);
    return -1;
}

void HeadGridView::relayout() { layout_ = layoutHeadGrid(tiles_, QSizeF(size()), style_); }

void HeadGridView::resizeEvent(QResizeEvent*) { relayout(); }

void HeadGridView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    HeatmapStyle onScreen = style_;
    onScreen.paper = palette().color(QPalette::Base);
    onScreen.ink = palette().color(QPalette::Text);
    paintHeadGrid(p, tiles_, layout_, onScreen, selectedIndex());
}

void HeadGridView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    const int i = tileAt(layout_, e->position());
    if (i < 0) return;
    setSelected(tiles_[size_t(i)].choice);
    emit headSelected(tiles_[size_t(i)].choice);
}

void HeadGridView::mouseMoveEvent(QMouseEvent* e) {
    if (tileAt(layout_, e->position()) >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

bool HeadGridView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int i = tileAt(layout_, help->pos());
        if (i >= 0) {
            const HeadTile& t = tiles_[size_t(i)];
            QString text = tr("%1: click to show it in the main view").arg(t.caption);
            if (t.sampled())
                text +=
                    QLatin1Char('\n') +
                    tr("(%1 × %2 tokens, drawn from every n-th row and column)").arg(t.sourceRows).arg(t.sourceColumns);
            QToolTip::showText(help->globalPos(), text, this);
        } else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

}  // namespace ui
