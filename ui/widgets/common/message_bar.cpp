#include "widgets/common/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss this message (Esc)"));
    close->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    layout->addWidget(label_, 1);
    layout->addWidget(close);
    hide();
}

void MessageBar::showMessage(const QString& text, Level level) {
    QPalette pal = palette();
    pal.setColor(QPalette::Window, level == Level::Error ? QColor(0xfd, 0xe7, 0xe9) : QColor(0xe8, 0xf1, 0xfd));
    pal.setColor(QPalette::WindowText, level == Level::Error ? QColor(0x8a, 0x00, 0x14) : QColor(0x0b, 0x3d, 0x91));
    setPalette(pal);
    label_->setText(text);
    show();
}

QString MessageBar::text() const {
    // isVisible() would also need every parent shown, so a message in a
    // window not yet on screen would read as none; only a dismissed one is.
    return isHidden() ? QString() : label_->text();
}

}  // namespace ui
