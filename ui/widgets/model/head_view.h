// The head view as BertViz draws it (Vig 2019, "A Multiscale Visualization
// of Attention in the Transformer Model"): the tokens in two columns,
// queries on the left and keys on the right, and a line from each query to
// every key it attends to, its opacity the weight, one colour per head.
// Hovering a token keeps only its lines (a query's to its keys, a key's
// from its queries).
#pragma once

#include "widgets/model_view/model_view_worker.h"

#include <QColor>
#include <QWidget>

#include <vector>

namespace ui {

class HeadView : public QWidget {
    Q_OBJECT
public:
    explicit HeadView(QWidget* parent = nullptr);

    // The attention to draw from and the layer and heads chosen in it.
    void setTensor(AttentionPtr tensor);
    void setLayer(int layer);
    void setHeads(std::vector<int> heads);
    AttentionPtr tensor() const { return tensor_; }
    int layer() const { return layer_; }
    const std::vector<int>& heads() const { return heads_; }

    // Head h's colour (BertViz's category palette, repeated past ten).
    static QColor headColor(int head);

    // The token under the mouse: its index, and whether it is a key
    // (right column); -1 when none.
    int hoveredToken() const { return hovered_; }
    bool hoveredKey() const { return hoveredKey_; }
    void setHovered(int token, bool key);
    // Lines drawn in the current state (for the tests and the tooltip).
    int visibleLines() const;

    // The view as drawn, for export. Fits ui::PaintFunction.
    void paintView(QPainter& painter, const QSizeF& size) const;

    QSize sizeHint() const override { return {420, 560}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;

private:
    struct Layout {
        double top = 0, row = 0, leftText = 0, leftEdge = 0, rightEdge = 0, rightText = 0, width = 0;
    };
    Layout layout(const QSizeF& size) const;
    void reload();
    // Weights below this are not drawn: at their opacity they cannot be seen.
    static constexpr float kInvisible = 0.004f;

    AttentionPtr tensor_;
    int layer_ = 0;
    std::vector<int> heads_;
    std::vector<ap::Matrix> slices_;  // one per chosen head
    int hovered_ = -1;
    bool hoveredKey_ = false;
};

}  // namespace ui
