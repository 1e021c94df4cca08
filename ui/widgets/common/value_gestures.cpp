#include "widgets/common/value_gestures.h"

#include <QAbstractItemView>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace ui {

ValueGestures::ValueGestures(QAbstractItemView* view, Writer writer)
    : QObject(view), view_(view), viewport_(view->viewport()), writer_(std::move(writer)) {
    view->viewport()->installEventFilter(this);
}

bool ValueGestures::editable(const QModelIndex& index) const {
    return index.isValid() && (index.flags() & Qt::ItemIsEditable);
}

double ValueGestures::step(Qt::KeyboardModifiers modifiers) {
    return modifiers & Qt::ShiftModifier ? kCoarseStep : kStep;
}

bool ValueGestures::eventFilter(QObject* watched, QEvent* event) {
    if (watched != viewport_) return false;
    switch (event->type()) {
    case QEvent::Wheel: {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (!(wheel->modifiers() & Qt::ControlModifier)) return false;
        const QModelIndex index = view_->indexAt(wheel->position().toPoint());
        // Ctrl+wheel over the table never scrolls or zooms, even between cells.
        if (!editable(index)) return true;
        // Some platforms turn Shift+wheel into a horizontal turn.
        const QPoint angle = wheel->angleDelta();
        const int delta = angle.y() != 0 ? angle.y() : angle.x();
        // 120 units per notch; touchpads send fractions of a notch.
        const double notches = delta / 120.0;
        const double value = index.data(Qt::EditRole).toDouble() + notches * step(wheel->modifiers());
        writer_(index, float(value));
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton || !(mouse->modifiers() & Qt::AltModifier)) return false;
        const QModelIndex index = view_->indexAt(mouse->position().toPoint());
        if (!editable(index)) return false;
        dragIndex_ = index;
        dragStartY_ = mouse->position().toPoint().y();
        dragStartValue_ = index.data(Qt::EditRole).toDouble();
        return true;
    }
    case QEvent::MouseMove: {
        if (!dragIndex_.isValid()) return false;
        auto* mouse = static_cast<QMouseEvent*>(event);
        // Measured from the press, so a drag back to the start restores the
        // value exactly (and the merged undo step disappears).
        const int steps = int(std::lround(double(dragStartY_ - mouse->position().toPoint().y()) / kDragPixels));
        writer_(dragIndex_, float(dragStartValue_ + steps * step(mouse->modifiers())));
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (!dragIndex_.isValid()) return false;
        dragIndex_ = QPersistentModelIndex();
        return true;
    default: return false;
    }
}

}  // namespace ui
