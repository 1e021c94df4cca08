#include "widgets/model/head_view.h"

#include "render/chart_text.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ui {

HeadView::HeadView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setToolTip(tr("Lines join each token on the left to the tokens it attends to on the right; their opacity is the "
                  "weight. Hover a token to see only its lines."));
}

QColor HeadView::headColor(int head) {
    // d3's category10, as BertViz colours its heads.
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};
    return palette[std::size_t(std::max(0, head)) % std::size(palette)];
}

void HeadView::setTensor(AttentionPtr tensor) {
    tensor_ = std::move(tensor);
    if (tensor_ && layer_ >= tensor_->layers) layer_ = 0;
    if (tensor_) std::erase_if(heads_, [this](int h) { return h >= tensor_->heads; });
    if (tensor_ && hovered_ >= tensor_->queries) hovered_ = -1;
    reload();
}

void HeadView::setLayer(int layer) {
    layer_ = layer;
    reload();
}

void HeadView::setHeads(std::vector<int> heads) {
    heads_ = std::move(heads);
    reload();
}

void HeadView::reload() {
    slices_.clear();
    if (tensor_ && layer_ < tensor_->layers)
        for (int h : heads_) {
            slices_.emplace_back();
            if (!tensor_->slice(layer_, h, slices_.back())) slices_.back().resize(0, 0);
        }
    update();
}

void HeadView::setHovered(int token, bool key) {
    hovered_ = token;
    hoveredKey_ = key;
    update();
}

HeadView::Layout HeadView::layout(const QSizeF& size) const {
    Layout l;
    const int n = tensor_ ? std::max(tensor_->queries, tensor_->keys) : 0;
    l.top = 8;
    l.row = n > 0 ? std::clamp((size.height() - 16) / n, 2.0, 22.0) : 0;
    l.width = size.width();
    const double text = std::min(160.0, size.width() * 0.3);
    l.leftText = 6;
    l.leftEdge = l.leftText + text;
    l.rightEdge = size.width() - text - 6;
    l.rightText = l.rightEdge + 6;
    return l;
}

int HeadView::visibleLines() const {
    int lines = 0;
    for (const ap::Matrix& m : slices_)
        for (int i = 0; i < m.rows(); ++i)
            for (int j = 0; j < m.cols(); ++j)
                if (m(i, j) >= kInvisible && (hovered_ < 0 || (hoveredKey_ ? j : i) == hovered_)) ++lines;
    return lines;
}

void HeadView::paintView(QPainter& p, const QSizeF& size) const {
    p.fillRect(QRectF(QPointF(0, 0), size), palette().color(QPalette::Base));
    if (!tensor_ || slices_.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter, tr("Choose a layer and at least one head."));
        return;
    }
    const Layout l = layout(size);
    p.setRenderHint(QPainter::Antialiasing);
    const auto y = [&](int i) { return l.top + (i + 0.5) * l.row; };
    for (std::size_t s = 0; s < slices_.size(); ++s) {
        const ap::Matrix& m = slices_[s];
        QColor c = headColor(heads_[s]);
        for (int i = 0; i < m.rows(); ++i) {
            if (hovered_ >= 0 && !hoveredKey_ && i != hovered_) continue;
            for (int j = 0; j < m.cols(); ++j) {
                if (hovered_ >= 0 && hoveredKey_ && j != hovered_) continue;
                const float w = m(i, j);
                if (!(w >= kInvisible)) continue;
                c.setAlphaF(std::min(1.0f, w));
                p.setPen(QPen(c, 2.0));
                p.drawLine(QPointF(l.leftEdge, y(i)), QPointF(l.rightEdge, y(j)));
            }
        }
    }
    p.setFont(pixelFont(QStringLiteral("DejaVu Sans"), std::clamp(l.row * 0.7, 6.0, 14.0)));
    const QColor text = palette().color(QPalette::Text), dim = palette().color(QPalette::PlaceholderText);
    for (int i = 0; i < tensor_->queries; ++i) {
        p.setPen(hovered_ < 0 || (!hoveredKey_ && hovered_ == i) ? text : dim);
        p.drawText(QRectF(l.leftText, l.top + i * l.row, l.leftEdge - l.leftText - 4, l.row),
                   Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(tensor_->queryLabel(i)));
    }
    for (int j = 0; j < tensor_->keys; ++j) {
        p.setPen(hovered_ < 0 || (hoveredKey_ && hovered_ == j) ? text : dim);
        p.drawText(QRectF(l.rightText, l.top + j * l.row, l.width - l.rightText, l.row),
                   Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(tensor_->keyLabel(j)));
    }
}

void HeadView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintView(p, size());
}

void HeadView::mouseMoveEvent(QMouseEvent* e) {
    if (!tensor_) return;
    const Layout l = layout(size());
    const QPointF pos = e->position();
    int token = -1;
    bool key = false;
    if (l.row > 0) {
        const int i = int(std::floor((pos.y() - l.top) / l.row));
        if (pos.x() < l.leftEdge && i >= 0 && i < tensor_->queries) token = i;
        if (pos.x() > l.rightEdge && i >= 0 && i < tensor_->keys) token = i, key = true;
    }
    if (token != hovered_ || key != hoveredKey_) setHovered(token, key);
}

void HeadView::leaveEvent(QEvent*) {
    if (hovered_ >= 0) setHovered(-1, false);
}

}  // namespace ui
