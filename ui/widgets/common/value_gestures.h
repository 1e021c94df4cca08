// Changing a number without typing it: Ctrl+wheel over a cell, or Alt and
// a vertical drag, moves the value in steps of 0.05 (0.5 with Shift). The
// steps of one gesture land on the same cell one after another, so the
// document merges them into one undo step.
#pragma once

#include <QObject>
#include <QPersistentModelIndex>

#include <functional>

class QAbstractItemView;

namespace ui {

class ValueGestures : public QObject {
    Q_OBJECT
public:
    // Writes a new value for a cell; returns false when the cell refuses it.
    using Writer = std::function<bool(const QModelIndex& index, float value)>;

    static constexpr double kStep = 0.05;
    static constexpr double kCoarseStep = 0.5;
    // Pixels of vertical drag per step.
    static constexpr int kDragPixels = 4;

    // Watches the view's viewport. Cells must give their value as a float
    // in Qt::EditRole and be editable (Qt::ItemIsEditable).
    ValueGestures(QAbstractItemView* view, Writer writer);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool editable(const QModelIndex& index) const;
    static double step(Qt::KeyboardModifiers modifiers);

    QAbstractItemView* view_;
    // Kept apart from view_: the viewport still sends events while the view
    // around it is being destroyed.
    QObject* viewport_;
    Writer writer_;
    QPersistentModelIndex dragIndex_;
    int dragStartY_ = 0;
    double dragStartValue_ = 0.0;
};

}  // namespace ui
