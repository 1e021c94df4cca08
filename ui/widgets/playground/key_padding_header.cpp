#include "widgets/playground/key_padding_header.h"

#include "document/scene_document.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionButton>
#include <QToolTip>

namespace ui {

namespace {
constexpr int kMargin = 3;
}

KeyPaddingHeader::KeyPaddingHeader(SceneDocument* document, QWidget* parent)
    : QHeaderView(Qt::Vertical, parent), doc_(document) {
    // The label goes right, the check box sits left of it.
    setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setSectionsClickable(true);
    setHighlightSections(true);
}

QSize KeyPaddingHeader::boxSize() const {
    QStyleOptionButton option;
    option.initFrom(this);
    return {style()->pixelMetric(QStyle::PM_IndicatorWidth, &option, this),
            style()->pixelMetric(QStyle::PM_IndicatorHeight, &option, this)};
}

QRect KeyPaddingHeader::boxIn(const QRect& section) const {
    const QSize box = boxSize();
    return {section.left() + kMargin, section.top() + (section.height() - box.height()) / 2, box.width(), box.height()};
}

QRect KeyPaddingHeader::checkBoxRect(int logicalIndex) const {
    if (logicalIndex < 0 || logicalIndex >= count()) return {};
    const QRect section(0, sectionViewportPosition(logicalIndex), viewport()->width(), sectionSize(logicalIndex));
    return boxIn(section);
}

void KeyPaddingHeader::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const {
    painter->save();
    QHeaderView::paintSection(painter, rect, logicalIndex);
    painter->restore();
    QStyleOptionButton option;
    option.initFrom(this);
    option.rect = boxIn(rect);
    option.state |= doc_ && doc_->isKeyPadded(logicalIndex) ? QStyle::State_On : QStyle::State_Off;
    style()->drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, painter, this);
}

QSize KeyPaddingHeader::sectionSizeFromContents(int logicalIndex) const {
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    const QSize box = boxSize();
    size.rwidth() += box.width() + 2 * kMargin;
    size.rheight() = std::max(size.height(), box.height() + 2);
    return size;
}

int KeyPaddingHeader::boxAt(const QPoint& pos) const {
    const int key = logicalIndexAt(pos);
    return key >= 0 && checkBoxRect(key).contains(pos) ? key : -1;
}

void KeyPaddingHeader::mousePressEvent(QMouseEvent* event) {
    const int key = boxAt(event->position().toPoint());
    if (doc_ && event->button() == Qt::LeftButton && key >= 0) {
        doc_->setKeyPadding(key, !doc_->isKeyPadded(key));
        event->accept();
        return;
    }
    QHeaderView::mousePressEvent(event);
}

void KeyPaddingHeader::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && boxAt(event->position().toPoint()) >= 0) {
        mousePressEvent(event);
        return;
    }
    QHeaderView::mouseDoubleClickEvent(event);
}

bool KeyPaddingHeader::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (boxAt(help->pos()) >= 0) {
            QToolTip::showText(help->globalPos(),
                               tr("Key padding: a ticked key is masked for every query "
                                  "(as padding tokens of a batch are)."),
                               this);
            return true;
        }
    }
    return QHeaderView::viewportEvent(event);
}

}  // namespace ui
