#include "widgets/model_view/model_grid_view.h"

#include "render/chart_text.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace ui {

using ap::analysis::AttentionChoice;
using ap::analysis::HeadFusion;

ModelGridView::ModelGridView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Click a tile to open it large."));
}

void ModelGridView::reset(int layers, int heads) {
    layers_ = layers;
    heads_ = heads;
    tiles_.assign(std::size_t(rows() * columns()), QImage());
    selected_ = {-1, -1};
    update();
}

void ModelGridView::setTile(int row, int column, const QImage& image) {
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) return;
    tiles_[std::size_t(row * columns() + column)] = image;
    update();
}

int ModelGridView::readyTiles() const {
    return int(std::count_if(tiles_.begin(), tiles_.end(), [](const QImage& i) { return !i.isNull(); }));
}

const QImage& ModelGridView::tile(int row, int column) const {
    return tiles_.at(std::size_t(row * columns() + column));
}

AttentionChoice ModelGridView::choiceAt(int row, int column) const {
    AttentionChoice c;
    c.layer = row >= layers_ ? AttentionChoice::kAll : row;
    c.head = column >= heads_ ? AttentionChoice::kAll : column;
    c.fusion = column == heads_ + 1 ? HeadFusion::Max : HeadFusion::Mean;
    return c;
}

QPoint ModelGridView::cellOf(const AttentionChoice& c) const {
    if (c.rollout) return {-1, -1};
    const int row = c.layer == AttentionChoice::kAll ? layers_ : c.layer;
    int column = c.head;
    if (c.head == AttentionChoice::kAll)
        column = c.fusion == HeadFusion::Max ? heads_ + 1 : heads_;
    else if (c.fusion != HeadFusion::Mean && c.layer == AttentionChoice::kAll)
        return {-1, -1};
    return {column, row};
}

void ModelGridView::setSelected(const AttentionChoice& choice) {
    selected_ = cellOf(choice);
    update();
}

ModelGridView::Geometry ModelGridView::gridGeometry(const QSizeF& size) const {
    Geometry g;
    g.left = 44;
    g.top = 20;
    if (columns() == 0) return g;
    // The two aggregate columns and the aggregate row sit a gap apart.
    const double w = (size.width() - g.left - 8) / (columns() + 0.3);
    const double h = (size.height() - g.top - 8) / (rows() + 0.3);
    g.cell = std::max(4.0, std::min(w, h));
    g.gap = g.cell * 0.3;
    return g;
}

QRectF ModelGridView::tileRectF(const Geometry& g, int row, int column) const {
    const double x = g.left + column * g.cell + (column >= heads_ ? g.gap : 0);
    const double y = g.top + row * g.cell + (row >= layers_ ? g.gap : 0);
    const double pad = std::max(1.0, g.cell * 0.04);
    return QRectF(x + pad, y + pad, g.cell - 2 * pad, g.cell - 2 * pad);
}

QRect ModelGridView::tileRect(int row, int column) const {
    return tileRectF(gridGeometry(size()), row, column).toAlignedRect();
}

QPoint ModelGridView::cellAt(const QPointF& pos) const {
    const Geometry g = gridGeometry(size());
    for (int row = 0; row < rows(); ++row)
        for (int c = 0; c < columns(); ++c)
            if (tileRectF(g, row, c).contains(pos)) return {c, row};
    return {-1, -1};
}

void ModelGridView::setAblated(std::set<std::pair<int, int>> heads) {
    ablated_ = std::move(heads);
    update();
}

void ModelGridView::setChanges(std::vector<float> largest, std::vector<float> divergence) {
    largestChange_ = std::move(largest);
    divergence_ = std::move(divergence);
    update();
}

float ModelGridView::change(int layer, int head) const {
    if (layer < 0 || layer >= layers_ || head < 0 || head >= heads_ ||
        largestChange_.size() != std::size_t(layers_) * heads_)
        return 0.0f;
    return largestChange_[std::size_t(layer) * heads_ + head];
}

QString ModelGridView::badgeText(int layer, int head) const {
    const float v = change(layer, head);
    return v >= kShownChange ? QLocale().toString(double(v), 'f', 2) : QString();
}

QString ModelGridView::rowLabel(int row) const { return row < layers_ ? tr("L%1").arg(row) : tr("all"); }

QString ModelGridView::columnLabel(int column) const {
    if (column < heads_) return tr("H%1").arg(column);
    return column == heads_ ? tr("mean") : tr("max");
}

void ModelGridView::paintGrid(QPainter& p, const QSizeF& size) const {
    p.fillRect(QRectF(QPointF(0, 0), size), palette().color(QPalette::Base));
    // Before a file is open or a model's first result (a model window still
    // loading) there are no tiles; rows() and columns() count the mean row
    // and columns even then.
    if (layers_ == 0 || columns() == 0 || rows() == 0 || tiles_.size() != std::size_t(rows() * columns())) return;
    const Geometry g = gridGeometry(size);
    p.setFont(pixelFont(QStringLiteral("DejaVu Sans"), std::clamp(g.cell * 0.28, 8.0, 12.0)));
    p.setPen(palette().color(QPalette::Text));
    for (int c = 0; c < columns(); ++c) {
        const QRectF r = tileRectF(g, 0, c);
        p.drawText(QRectF(r.left() - 4, 0, r.width() + 8, g.top), Qt::AlignCenter, columnLabel(c));
    }
    for (int row = 0; row < rows(); ++row) {
        const QRectF r = tileRectF(g, row, 0);
        p.drawText(QRectF(0, r.top(), g.left - 6, r.height()), Qt::AlignRight | Qt::AlignVCenter, rowLabel(row));
    }
    for (int row = 0; row < rows(); ++row)
        for (int c = 0; c < columns(); ++c) {
            const QRectF r = tileRectF(g, row, c);
            const QImage& image = tiles_[std::size_t(row * columns() + c)];
            if (image.isNull())
                p.fillRect(r, palette().color(QPalette::AlternateBase));
            else
                p.drawImage(r, image);  // nearest neighbour: pooled cells stay crisp
        }
    if (!largestChange_.empty()) {
        // Badges in the lower right corner: the largest change of a weight.
        p.setFont(pixelFont(QStringLiteral("DejaVu Sans"), std::clamp(g.cell * 0.22, 7.0, 11.0)));
        const QFontMetricsF fm(p.font());
        for (int layer = 0; layer < layers_; ++layer)
            for (int head = 0; head < heads_; ++head) {
                const QString text = badgeText(layer, head);
                if (text.isEmpty()) continue;
                const QRectF r = tileRectF(g, layer, head);
                const double w = std::min(r.width(), fm.horizontalAdvance(text) + 4), h = fm.height();
                const QRectF badge(r.right() - w, r.bottom() - h, w, h);
                p.fillRect(badge, QColor(0, 0, 0, 170));
                p.setPen(Qt::white);
                p.drawText(badge, Qt::AlignCenter, text);
            }
    }
    if (ablated_.empty()) return;
    // A switched-off head is crossed out: its output no longer reaches the
    // rest of the model, although its own weights are still computed.
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(230, 40, 40), std::max(1.5, g.cell * 0.06)));
    for (const auto& [layer, head] : ablated_) {
        if (layer < 0 || layer >= layers_ || head < 0 || head >= heads_) continue;
        const QRectF r = tileRectF(g, layer, head).adjusted(2, 2, -2, -2);
        p.drawLine(r.topLeft(), r.bottomRight());
        p.drawLine(r.topRight(), r.bottomLeft());
    }
}

void ModelGridView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintGrid(p, size());
    if (selected_.x() >= 0 && layers_ > 0) {
        const QRectF r = tileRectF(gridGeometry(size()), selected_.y(), selected_.x());
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(-2, -2, 2, 2));
    }
}

void ModelGridView::mousePressEvent(QMouseEvent* e) {
    if (layers_ == 0) return;
    if (e->button() != Qt::LeftButton) return;
    const QPoint cell = cellAt(e->position());
    if (cell.x() < 0) return;
    const bool ablate = ablationMode_ || (e->modifiers() & Qt::ControlModifier);
    if (ablate && cell.x() < heads_ && cell.y() < layers_) {
        emit ablateClicked(cell.y(), cell.x());
        return;
    }
    selected_ = cell;
    update();
    emit tileClicked(choiceAt(cell.y(), cell.x()));
}

bool ModelGridView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip && layers_ > 0) {
        auto* help = static_cast<QHelpEvent*>(e);
        const Geometry g = gridGeometry(size());
        for (int row = 0; row < rows(); ++row)
            for (int c = 0; c < columns(); ++c)
                if (tileRectF(g, row, c).contains(help->pos())) {
                    QString text = tr("%1 · %2: click to open it large.").arg(rowLabel(row), columnLabel(c));
                    const std::size_t at = std::size_t(row) * heads_ + c;
                    if (row < layers_ && c < heads_ && at < largestChange_.size() && at < divergence_.size())
                        text += QLatin1Char('\n') +
                                tr("With the heads switched off its weights moved from the run with every head on "
                                   "by up to %1 (the badge: largest |Δ weight|); Jensen–Shannon divergence of its "
                                   "rows, mean over the queries: %2 (0 the same, 1 disjoint).")
                                    .arg(QLocale().toString(double(largestChange_[at]), 'f', 4),
                                         QLocale().toString(double(divergence_[at]), 'f', 4));
                    QToolTip::showText(help->globalPos(), text, this);
                    return true;
                }
    }
    return QWidget::event(e);
}

}  // namespace ui
