#include "widgets/common/heatmap_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <charconv>

namespace ui {
namespace {

// The shortest text that reads back to the same float: "0.8", not
// "0.800000012", and exact, unlike the rounded numbers in the cells.
QString exactValueText(float v) {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, int(res.ptr - buf));
}

}  // namespace

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
    // The worker thread may have built the cell image already.
    if (data_.cellImage.width() == data_.columns() && data_.cellImage.height() == data_.rows())
        cellImage_ = std::move(data_.cellImage);
    else
        cellImage_ = heatmapCellImage(data_, style_.colormap);
    data_.cellImage = QImage();
    if (style_.selectedRow >= data_.rows())
        style_.selectedRow = data_.rows() - 1;
    if (!sameShape)
        relayout();
    update();
}

void HeatmapView::setTooltipScores(ap::Matrix scores) {
    tooltipScores_ = std::move(scores);
    tooltipScoresPtr_ = &tooltipScores_;
}

void HeatmapView::setTooltipWeights(ap::Matrix weights) {
    tooltipWeights_ = std::move(weights);
    tooltipWeightsPtr_ = &tooltipWeights_;
}

void HeatmapView::setMaskEditMode(bool on) {
    maskEditMode_ = on;
    if (on)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

void HeatmapView::setSelectedRow(int row) {
    if (row == style_.selectedRow) return;
    style_.selectedRow = row;
    update();
}

void HeatmapView::setColormap(Colormap::Kind kind) {
    style_.colormap = Colormap(kind);
    cellImage_ = heatmapCellImage(data_, style_.colormap);
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
    // The window's own colours around the cells (style() keeps the black on
    // white of exported pictures).
    HeatmapStyle onScreen = style_;
    onScreen.paper = palette().color(QPalette::Base);
    onScreen.ink = palette().color(QPalette::Text);
    paintHeatmap(p, data_, layout_, onScreen, &cellImage_);
}

QPoint HeatmapView::cellCenter(int row, int column) const {
    return QPointF(layout_.cells.left() + (column + 0.5) * layout_.cellWidth,
                   layout_.cells.top() + (row + 0.5) * layout_.cellHeight).toPoint();
}

void HeatmapView::setTooltipSource(std::shared_ptr<const void> owner, const ap::Matrix* scores,
                                   const ap::Matrix* weights) {
    tooltipOwner_ = std::move(owner);
    tooltipScoresPtr_ = scores;
    tooltipWeightsPtr_ = weights;
}

QString HeatmapView::toolTipForCell(int r, int c) const {
    if (r < 0 || r >= data_.rows() || c < 0 || c >= data_.columns())
        return {};
    auto fits = [this](const ap::Matrix* m) {
        return m && m->rows() == data_.rows() && m->cols() == data_.columns();
    };
    QString text = QStringLiteral("<b>%1</b> → <b>%2</b>")
                       .arg(data_.rowLabels.value(r).toHtmlEscaped(), data_.columnLabels.value(c).toHtmlEscaped());
    auto line = [&text](const QString& name, float v) {
        text += QStringLiteral("<br>%1: %2").arg(name.toHtmlEscaped(), exactValueText(v));
    };
    // The shown value under its own name ("mean score", "weight"), then the
    // other quantity where it is known.
    const bool showsScores = data_.quantity == HeatmapQuantity::Scores;
    if (!showsScores && fits(tooltipScoresPtr_))
        line(tr("score"), (*tooltipScoresPtr_)(r, c));
    line(data_.scaleLabel, data_.values(r, c));
    if (showsScores && fits(tooltipWeightsPtr_))
        line(tr("weight"), (*tooltipWeightsPtr_)(r, c));
    const bool masked = data_.isMasked(r, c);
    text += QStringLiteral("<br>");
    text += masked ? tr("<i>masked</i>: the weight is exactly 0") : tr("not masked");
    if (std::find(data_.fullyMaskedRows.begin(), data_.fullyMaskedRows.end(), r) != data_.fullyMaskedRows.end())
        text += QStringLiteral("<br>") + tr("all keys of this query are masked: weights and context are 0");
    if (maskEditMode_)
        text += QStringLiteral("<br><i>%1</i>").arg(masked ? tr("click to unmask") : tr("click to mask"));
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
        emit cellHovered(cell ? cell->y() : -1, cell ? cell->x() : -1);
    }
}

void HeatmapView::leaveEvent(QEvent*) {
    if (style_.hoveredCell) {
        style_.hoveredCell.reset();
        update();
        emit cellHovered(-1, -1);
    }
}

void HeatmapView::setHighlight(std::optional<QRect> cells) {
    if (cells == style_.highlight) return;
    style_.highlight = cells;
    update();
}

void HeatmapView::setHoveredCell(std::optional<QPoint> cell) {
    if (cell == style_.hoveredCell) return;
    style_.hoveredCell = cell;
    update();
}

void HeatmapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    if (const auto cell = cellAt(layout_, data_, e->position()))
        emit cellClicked(cell->y(), cell->x());
}

}  // namespace ui
