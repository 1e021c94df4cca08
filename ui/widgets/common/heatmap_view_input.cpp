// HeatmapView's input: the tooltips, the mouse (hover, click, drag to pan),
// the wheel (zoom with Ctrl, else scroll) and the keys (zoom, move the
// selected cell, find a token).
#include "widgets/common/heatmap_view.h"

#include "widgets/common/value_text.h"

#include <QHelpEvent>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ui {

QString HeatmapView::toolTipForCell(int r, int c) const {
    if (r < 0 || r >= data_.rows() || c < 0 || c >= data_.columns()) return {};
    auto fits = [this](const ap::Matrix* m) { return m && m->rows() == data_.rows() && m->cols() == data_.columns(); };
    QString text = QStringLiteral("<b>%1</b> → <b>%2</b>")
                       .arg(data_.rowLabels.value(r).toHtmlEscaped(), data_.columnLabels.value(c).toHtmlEscaped());
    auto line = [&text](const QString& name, float v) {
        text += QStringLiteral("<br>%1: %2").arg(name.toHtmlEscaped(), exactValueText(v));
    };
    // The shown value under its own name ("mean score", "weight"), then the
    // other quantity where it is known.
    const bool showsScores = data_.quantity == HeatmapQuantity::Scores;
    if (!showsScores && fits(tooltipScoresPtr_)) line(tr("score"), (*tooltipScoresPtr_)(r, c));
    line(data_.scaleLabel, data_.values(r, c));
    if (showsScores && fits(tooltipWeightsPtr_)) line(tr("weight"), (*tooltipWeightsPtr_)(r, c));
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
        if (const auto cell = cellUnder(help->pos()))
            QToolTip::showText(help->globalPos(), toolTipForCell(cell->y(), cell->x()), this);
        else if (const auto column = columnLabelUnder(help->pos()))
            QToolTip::showText(help->globalPos(),
                               QStringLiteral("<b>%1</b><br>%2")
                                   .arg(data_.columnLabels.value(*column).toHtmlEscaped(), columnLabelTip_),
                               this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void HeatmapView::mouseMoveEvent(QMouseEvent* e) {
    if (dragFrom_ && (e->buttons() & Qt::LeftButton) && layout_.cellWidth > 0 && layout_.cellHeight > 0) {
        const QPointF d = e->position() - *dragFrom_;
        if (std::abs(d.x()) + std::abs(d.y()) > 4) dragged_ = true;
        if (dragged_ && isZoomed()) {
            // The grid follows the pointer, cell by cell.
            setVisibleCells(dragVisible_.translated(-int(std::lround(d.x() / layout_.cellWidth)),
                                                    -int(std::lround(d.y() / layout_.cellHeight))));
            return;
        }
    }
    const auto cell = cellUnder(e->position());
    if (!columnLabelTip_.isEmpty()) {
        if (columnLabelUnder(e->position()))
            setCursor(Qt::PointingHandCursor);
        else if (!maskEditMode_)
            unsetCursor();
    }
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

void HeatmapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    dragFrom_ = e->position();
    dragVisible_ = visible_;
    dragged_ = false;
    if (const auto cell = cellUnder(e->position())) {
        selectedCell_ = *cell;
        update();
        emit cellClicked(cell->y(), cell->x());
    } else if (const auto column = columnLabelUnder(e->position())) {
        emit columnLabelClicked(*column);
    }
}

void HeatmapView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) dragFrom_.reset();
}

void HeatmapView::wheelEvent(QWheelEvent* e) {
    const int steps = e->angleDelta().y() / 120;
    if (steps == 0) {
        e->ignore();
        return;
    }
    if (e->modifiers() & Qt::ControlModifier) {
        // Zoom around the cell under the pointer.
        std::optional<QPointF> anchor;
        if (const auto cell = cellUnder(e->position())) anchor = QPointF(*cell) + QPointF(0.5, 0.5);
        for (int i = 0; i < std::abs(steps); ++i) steps > 0 ? zoomIn(anchor) : zoomOut(anchor);
    } else if (isZoomed()) {
        // The wheel scrolls: rows, or columns with Shift; a tenth of the view per notch.
        const bool across = e->modifiers() & Qt::ShiftModifier;
        const int page = std::max(1, (across ? visible_.width() : visible_.height()) / 10);
        across ? panBy(-steps * page, 0) : panBy(0, -steps * page);
    } else {
        e->ignore();
        return;
    }
    e->accept();
}

void HeatmapView::keyPressEvent(QKeyEvent* e) {
    if (e->matches(QKeySequence::Find)) {
        bool ok = false;
        const QString text =
            QInputDialog::getText(this, tr("Find a Token"), tr("Find a query or key token containing:"),
                                  QLineEdit::Normal, QString(), &ok);
        if (ok && !text.isEmpty() && !findToken(text))
            QToolTip::showText(mapToGlobal(rect().center()), tr("No query or key token contains “%1”.").arg(text),
                               this);
        return;
    }
    const QPoint current = selectedCell_.value_or(QPoint(visible_.x(), visible_.y()));
    auto move = [&](int dx, int dy) {
        if (data_.rows() == 0) return;
        setSelectedCell(QPoint(std::clamp(current.x() + dx, 0, data_.columns() - 1),
                               std::clamp(current.y() + dy, 0, data_.rows() - 1)));
    };
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn(selectedCell_ ? std::optional<QPointF>(QPointF(*selectedCell_) + QPointF(0.5, 0.5)) : std::nullopt);
        break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_0: fitToWindow(); break;
    case Qt::Key_Z: zoomToSelection(); break;
    case Qt::Key_Left: move(-1, 0); break;
    case Qt::Key_Right: move(1, 0); break;
    case Qt::Key_Up: move(0, -1); break;
    case Qt::Key_Down: move(0, 1); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (selectedCell_) emit rowActivated(selectedCell_->y());
        break;
    default: QWidget::keyPressEvent(e); return;
    }
    e->accept();
}

}  // namespace ui
