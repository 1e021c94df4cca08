#include "heatmap_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace ui {

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
}

void HeatmapView::setData(HeatmapData data) {
    const bool sameShape = data.rows() == data_.rows() && data.columns() == data_.columns()
                           && data.rowLabels == data_.rowLabels && data.columnLabels == data_.columnLabels
                           && data.title == data_.title;
    data_ = std::move(data);
    if (style_.selectedRow >= data_.rows())
        style_.selectedRow = data_.rows() - 1;
    if (!sameShape)
        relayout();
    update();
}

void HeatmapView::setTooltipScores(ap::Matrix scores) {
    tooltipScores_ = std::move(scores);
}

void HeatmapView::setSelectedRow(int row) {
    if (row == style_.selectedRow) return;
    style_.selectedRow = row;
    update();
}

void HeatmapView::setColormap(Colormap::Kind kind) {
    style_.colormap = Colormap(kind);
    update();
}

void HeatmapView::setShowNumbers(bool show) {
    style_.numbersWhenTheyFit = show;
    relayout();
    update();
}

void HeatmapView::relayout() {
    layout_ = layoutHeatmap(data_, QSizeF(size()), style_);
}

void HeatmapView::resizeEvent(QResizeEvent*) {
    relayout();
}

void HeatmapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintHeatmap(p, data_, layout_, style_);
}

QPoint HeatmapView::cellCenter(int row, int column) const {
    return QPointF(layout_.cells.left() + (column + 0.5) * layout_.cellWidth,
                   layout_.cells.top() + (row + 0.5) * layout_.cellHeight).toPoint();
}

QString HeatmapView::toolTipForCell(int r, int c) const {
    if (r < 0 || r >= data_.rows() || c < 0 || c >= data_.columns())
        return {};
    QString text = QStringLiteral("<b>%1</b> → <b>%2</b><br>")
                       .arg(data_.rowLabels.value(r).toHtmlEscaped(), data_.columnLabels.value(c).toHtmlEscaped());
    const bool masked = data_.isMasked(r, c);
    if (tooltipScores_.rows() == data_.rows() && tooltipScores_.cols() == data_.columns())
        text += QStringLiteral("score: %1<br>").arg(double(tooltipScores_(r, c)), 0, 'g', 6);
    text += QStringLiteral("%1: %2<br>").arg(data_.scaleLabel).arg(double(data_.values(r, c)), 0, 'g', 6);
    text += masked ? QStringLiteral("<i>masked</i> (weight is exactly 0)") : QStringLiteral("not masked");
    return text;
}

bool HeatmapView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        if (const auto cell = cellAt(layout_, data_, help->pos()))
            QToolTip::showText(help->globalPos(), toolTipForCell(cell->y(), cell->x()), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void HeatmapView::mouseMoveEvent(QMouseEvent* e) {
    const auto cell = cellAt(layout_, data_, e->position());
    if (cell != style_.hoveredCell) {
        style_.hoveredCell = cell;
        update();
    }
}

void HeatmapView::leaveEvent(QEvent*) {
    if (style_.hoveredCell) {
        style_.hoveredCell.reset();
        update();
    }
}

void HeatmapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    if (const auto cell = cellAt(layout_, data_, e->position()))
        emit cellClicked(cell->y(), cell->x());
}

}  // namespace ui
