#include "widgets/common/heatmap_view.h"

#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>

#include <algorithm>
#include <cmath>

namespace ui {

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    // Scroll bars appear while zoomed; they move the visible range.
    horizontalBar_ = new QScrollBar(Qt::Horizontal, this);
    horizontalBar_->setObjectName(QStringLiteral("heatmapHorizontalBar"));
    verticalBar_ = new QScrollBar(Qt::Vertical, this);
    verticalBar_->setObjectName(QStringLiteral("heatmapVerticalBar"));
    for (QScrollBar* bar : {horizontalBar_, verticalBar_}) {
        bar->setVisible(false);
        bar->setFocusPolicy(Qt::NoFocus);
    }
    connect(horizontalBar_, &QScrollBar::valueChanged, this,
            [this](int x) { setVisibleCells(QRect(x, visible_.y(), visible_.width(), visible_.height())); });
    connect(verticalBar_, &QScrollBar::valueChanged, this,
            [this](int y) { setVisibleCells(QRect(visible_.x(), y, visible_.width(), visible_.height())); });
}

void HeatmapView::syncScrollBars() {
    const bool zoomed = isZoomed() && data_.rows() > 0;
    const QSignalBlocker hb(horizontalBar_), vb(verticalBar_);
    horizontalBar_->setVisible(zoomed && visible_.width() < data_.columns());
    verticalBar_->setVisible(zoomed && visible_.height() < data_.rows());
    horizontalBar_->setRange(0, std::max(0, data_.columns() - visible_.width()));
    horizontalBar_->setPageStep(std::max(1, visible_.width()));
    horizontalBar_->setSingleStep(std::max(1, visible_.width() / 8));
    horizontalBar_->setValue(visible_.x());
    verticalBar_->setRange(0, std::max(0, data_.rows() - visible_.height()));
    verticalBar_->setPageStep(std::max(1, visible_.height()));
    verticalBar_->setSingleStep(std::max(1, visible_.height() / 8));
    verticalBar_->setValue(visible_.y());
    const int hExtent = horizontalBar_->isVisible() ? horizontalBar_->sizeHint().height() : 0;
    const int vExtent = verticalBar_->isVisible() ? verticalBar_->sizeHint().width() : 0;
    horizontalBar_->setGeometry(0, height() - hExtent, width() - vExtent, hExtent);
    verticalBar_->setGeometry(width() - vExtent, 0, vExtent, height() - hExtent);
}

QSize HeatmapView::contentSize() const {
    return QSize(width() - (verticalBar_->isVisible() ? verticalBar_->width() : 0),
                 height() - (horizontalBar_->isVisible() ? horizontalBar_->height() : 0));
}

void HeatmapView::setData(HeatmapData data) {
    const bool sameShape = data.rows() == data_.rows() && data.columns() == data_.columns() &&
                           data.rowLabels == data_.rowLabels && data.columnLabels == data_.columnLabels &&
                           data.title == data_.title;
    data_ = std::move(data);
    if (colorScale_ && effectiveColorScale(*colorScale_, data_.quantity == HeatmapQuantity::Weights) != data_.scale)
        applyColorScale(data_, *colorScale_);
    // The worker thread may have built the cell image already.
    if (data_.cellImage.width() == data_.columns() && data_.cellImage.height() == data_.rows())
        cellImage_ = std::move(data_.cellImage);
    else
        cellImage_ = heatmapCellImage(data_, style_.colormap);
    data_.cellImage = QImage();
    if (style_.selectedRow >= data_.rows()) style_.selectedRow = data_.rows() - 1;
    if (selectedCell_ && !fullRect().contains(*selectedCell_)) selectedCell_.reset();
    // A map of many tokens gets a mini-map while zoomed; one fast scaling
    // per result, never per frame.
    constexpr int kOverviewTokens = 256;
    if (data_.rows() > kOverviewTokens || data_.columns() > kOverviewTokens)
        overview_ = cellImage_.scaled(QSize(140, 140), Qt::KeepAspectRatio, Qt::FastTransformation);
    else
        overview_ = QImage();
    if (!sameShape) {
        visible_ = fullRect();
        findPos_ = -1;
    }
    updateShown();
    if (!sameShape || isZoomed()) relayout();
    update();
}

void HeatmapView::updateShown() {
    if (!isZoomed()) {
        shown_ = HeatmapData();
        shownImage_ = QImage();
        return;
    }
    const int x = visible_.x(), y = visible_.y(), w = visible_.width(), h = visible_.height();
    shown_.title = data_.title;
    shown_.titleKeep = data_.titleKeep;
    shown_.rowLabels = data_.rowLabels.mid(y, h);
    shown_.columnLabels = data_.columnLabels.mid(x, w);
    shown_.values = data_.values.block(y, x, h, w);
    shown_.mask = data_.mask.size() != 0 ? ap::MaskMatrix(data_.mask.block(y, x, h, w)) : ap::MaskMatrix();
    shown_.fullyMaskedRows.clear();
    for (int r : data_.fullyMaskedRows)
        if (r >= y && r < y + h) shown_.fullyMaskedRows.push_back(r - y);
    shown_.scale = data_.scale;
    shown_.minValue = data_.minValue;
    shown_.maxValue = data_.maxValue;
    if (data_.rowLow.empty()) {
        shown_.rowLow.clear();
        shown_.rowHigh.clear();
    } else {
        shown_.rowLow.assign(data_.rowLow.begin() + y, data_.rowLow.begin() + y + h);
        shown_.rowHigh.assign(data_.rowHigh.begin() + y, data_.rowHigh.begin() + y + h);
    }
    shown_.scaleLabel = data_.scaleLabel;
    shown_.quantity = data_.quantity;
    shown_.marks.clear();
    shown_.possibleMarks.clear();
    for (const QPoint& m : data_.marks)
        if (visible_.contains(m)) shown_.marks.push_back(m - visible_.topLeft());
    for (const QPoint& m : data_.possibleMarks)
        if (visible_.contains(m)) shown_.possibleMarks.push_back(m - visible_.topLeft());
    // A window onto the prepared image: a zoom or pan frame colours nothing.
    shownImage_ = QImage(cellImage_.constBits() + qsizetype(y) * cellImage_.bytesPerLine() + qsizetype(x) * 4, w, h,
                         cellImage_.bytesPerLine(), cellImage_.format());
}

void HeatmapView::setVisibleCells(const QRect& cells) {
    const int cols = data_.columns(), rows = data_.rows();
    if (cols == 0 || rows == 0) return;
    const int w = std::clamp(cells.width(), 1, cols), h = std::clamp(cells.height(), 1, rows);
    const QRect r(std::clamp(cells.x(), 0, cols - w), std::clamp(cells.y(), 0, rows - h), w, h);
    if (r == visible_) return;
    visible_ = r;
    updateShown();
    relayout();
    update();
    emit visibleCellsChanged(visible_);
}

static QPointF centreOf(const QRect& r) { return QPointF(r.x() + r.width() / 2.0, r.y() + r.height() / 2.0); }

void HeatmapView::zoomIn(std::optional<QPointF> anchor) {
    const QPointF a = anchor.value_or(centreOf(visible_));
    const int w = std::max(1, (visible_.width() + 1) / 2), h = std::max(1, (visible_.height() + 1) / 2);
    // The anchor keeps its place on the screen.
    const double fx = (a.x() - visible_.x()) / std::max(1, visible_.width());
    const double fy = (a.y() - visible_.y()) / std::max(1, visible_.height());
    setVisibleCells(QRect(int(std::lround(a.x() - fx * w)), int(std::lround(a.y() - fy * h)), w, h));
}

void HeatmapView::zoomOut(std::optional<QPointF> anchor) {
    const QPointF a = anchor.value_or(centreOf(visible_));
    const int w = visible_.width() * 2, h = visible_.height() * 2;
    const double fx = (a.x() - visible_.x()) / std::max(1, visible_.width());
    const double fy = (a.y() - visible_.y()) / std::max(1, visible_.height());
    setVisibleCells(QRect(int(std::lround(a.x() - fx * w)), int(std::lround(a.y() - fy * h)), w, h));
}

void HeatmapView::fitToWindow() { setVisibleCells(fullRect()); }

void HeatmapView::zoomToSelection() {
    const QPoint c = selectedCell_.value_or(QPoint(0, std::max(0, style_.selectedRow)));
    constexpr int kContext = 16;  // cells shown around the selection
    setVisibleCells(QRect(c.x() - kContext / 2, c.y() - kContext / 2, kContext, kContext));
}

void HeatmapView::panBy(int columns, int rows) { setVisibleCells(visible_.translated(columns, rows)); }

void HeatmapView::scrollTo(const QPoint& cell) {
    if (visible_.contains(cell)) return;
    setVisibleCells(
        QRect(cell.x() - visible_.width() / 2, cell.y() - visible_.height() / 2, visible_.width(), visible_.height()));
}

void HeatmapView::setSelectedCell(std::optional<QPoint> cell) {
    if (cell && !fullRect().contains(*cell)) return;
    selectedCell_ = cell;
    if (cell) scrollTo(*cell);
    update();
}

bool HeatmapView::findToken(const QString& text) {
    const int rows = data_.rows(), total = rows + data_.columns();
    if (text.isEmpty() || total == 0) return false;
    for (int step = 1; step <= total; ++step) {
        const int i = (std::max(findPos_, -1) + step) % total;
        const bool isRow = i < rows;
        const QString& label = isRow ? data_.rowLabels.value(i) : data_.columnLabels.value(i - rows);
        if (!label.contains(text, Qt::CaseInsensitive)) continue;
        findPos_ = i;
        const QPoint current = selectedCell_.value_or(QPoint(0, 0));
        setSelectedCell(isRow ? QPoint(current.x(), i) : QPoint(i - rows, current.y()));
        return true;
    }
    return false;
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

void HeatmapView::setColorScale(ColorScale scale) {
    colorScale_ = scale;
    applyColorScale(data_, scale);
    cellImage_ = heatmapCellImage(data_, style_.colormap);
    if (!overview_.isNull())
        overview_ = cellImage_.scaled(QSize(140, 140), Qt::KeepAspectRatio, Qt::FastTransformation);
    updateShown();
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
    syncScrollBars();
    layout_ = layoutHeatmap(shownData(), QSizeF(contentSize()), style_);
}

std::optional<QPoint> HeatmapView::cellUnder(const QPointF& pos) const {
    const auto cell = cellAt(layout_, shownData(), pos);
    if (!cell) return std::nullopt;
    return *cell + (isZoomed() ? visible_.topLeft() : QPoint());
}

std::optional<int> HeatmapView::columnLabelUnder(const QPointF& pos) const {
    if (columnLabelTip_.isEmpty() || !style_.drawLabels) return std::nullopt;
    const auto column = columnLabelAt(layout_, shownData(), pos);
    if (!column) return std::nullopt;
    return *column + (isZoomed() ? visible_.x() : 0);
}

void HeatmapView::setColumnLabelAction(const QString& toolTip) { columnLabelTip_ = toolTip; }

QPoint HeatmapView::columnLabelCenter(int column) const {
    const int c = column - (isZoomed() ? visible_.x() : 0);
    const double top = layout_.title.isEmpty() ? 0.0 : layout_.title.bottom();
    return QPointF(layout_.cells.left() + (c + 0.5) * layout_.cellWidth, (top + layout_.cells.top()) / 2).toPoint();
}

void HeatmapView::resizeEvent(QResizeEvent*) { relayout(); }

void HeatmapView::setEmptyText(const QString& text) {
    emptyText_ = text;
    update();
}

void HeatmapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    // The window's own colours around the cells (style() keeps the black on
    // white of exported pictures).
    HeatmapStyle onScreen = style_;
    onScreen.paper = palette().color(QPalette::Base);
    onScreen.ink = palette().color(QPalette::Text);
    const QPoint offset = isZoomed() ? visible_.topLeft() : QPoint();
    if (contentSize() != size()) p.fillRect(rect(), onScreen.paper);  // the corner between the scroll bars
    if (isZoomed()) {
        // Hover, selection and highlight in the shown part's cells.
        onScreen.selectedRow =
            visible_.contains(QPoint(visible_.x(), style_.selectedRow)) ? style_.selectedRow - offset.y() : -1;
        if (style_.hoveredCell)
            onScreen.hoveredCell = visible_.contains(*style_.hoveredCell)
                                       ? std::optional<QPoint>(*style_.hoveredCell - offset)
                                       : std::nullopt;
        if (style_.highlight) onScreen.highlight = style_.highlight->translated(-offset);
    }
    paintHeatmap(p, shownData(), layout_, onScreen, isZoomed() ? &shownImage_ : &cellImage_);
    if (data_.rows() == 0 && !emptyText_.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
    }
    if (selectedCell_ && visible_.contains(*selectedCell_)) {
        const QPoint c = *selectedCell_ - offset;
        const QRectF cell(layout_.cells.left() + c.x() * layout_.cellWidth,
                          layout_.cells.top() + c.y() * layout_.cellHeight, layout_.cellWidth, layout_.cellHeight);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cell.adjusted(-1, -1, 1, 1));
    }
    if (isZoomed() && !overview_.isNull()) paintOverview(p);
}

void HeatmapView::paintOverview(QPainter& p) {
    // Bottom right over the cells: the whole map, the shown part framed.
    const QSize s = overview_.size();
    const QRectF area(layout_.cells.right() - s.width() - 6, layout_.cells.bottom() - s.height() - 6, s.width(),
                      s.height());
    p.setPen(QPen(palette().color(QPalette::Text), 1));
    p.drawImage(area.topLeft(), overview_);
    p.drawRect(area.adjusted(-1, -1, 0, 0));
    const double sx = s.width() / double(std::max(1, data_.columns()));
    const double sy = s.height() / double(std::max(1, data_.rows()));
    p.setPen(QPen(QColor(255, 140, 0), 2));
    p.drawRect(QRectF(area.left() + visible_.x() * sx, area.top() + visible_.y() * sy,
                      std::max(2.0, visible_.width() * sx), std::max(2.0, visible_.height() * sy)));
}

QPoint HeatmapView::cellCenter(int row, int column) const {
    const QPoint offset = isZoomed() ? visible_.topLeft() : QPoint();
    return QPointF(layout_.cells.left() + (column - offset.x() + 0.5) * layout_.cellWidth,
                   layout_.cells.top() + (row - offset.y() + 0.5) * layout_.cellHeight)
        .toPoint();
}

void HeatmapView::setTooltipSource(std::shared_ptr<const void> owner, const ap::Matrix* scores,
                                   const ap::Matrix* weights) {
    tooltipOwner_ = std::move(owner);
    tooltipScoresPtr_ = scores;
    tooltipWeightsPtr_ = weights;
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

}  // namespace ui
