#include "widgets/model/change_view.h"

#include "import/attention_tensor.h"
#include "widgets/common/heatmap_view.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ChangeView::ChangeView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    hint_ = new QLabel;
    hint_->setWordWrap(true);
    heatmap_ = new HeatmapView;
    heatmap_->setObjectName(QStringLiteral("changeHeatmap"));
    heatmap_->setColormap(Colormap::Kind::Diverging);
    heatmap_->setToolTip(tr("With the heads off minus with every head on: red where the head now gives more weight, "
                            "blue where it gives less, white where nothing moved."));
    layout->addWidget(hint_);
    layout->addWidget(heatmap_, 1);
    rebuild();
}

void ChangeView::setResult(ModelResultPtr result) {
    result_ = std::move(result);
    rebuild();
}

void ChangeView::showHead(int layer, int head) {
    layer_ = layer;
    head_ = head;
    rebuild();
}

void ChangeView::rebuild() {
    shown_ = {-1, -1};
    if (!result_ || !result_->unablated) {
        hint_->setText(tr("Switch heads off (Ctrl+click in the grid) to see here how a head's weights change."));
        heatmap_->setData({});
        return;
    }
    const auto& now = *result_->tensor;
    const auto& before = *result_->unablated;
    const bool chosen = layer_ >= 0 && layer_ < now.layers && head_ >= 0 && head_ < now.heads;
    const int layer = chosen ? layer_ : std::max(0, result_->changedLayer);
    const int head = chosen ? head_ : std::max(0, result_->changedHead);
    ap::Matrix a, b;
    if (!now.slice(layer, head, b) || !before.slice(layer, head, a) || a.rows() != b.rows() || a.cols() != b.cols()) {
        heatmap_->setData({});
        return;
    }
    shown_ = {layer, head};
    hint_->setText(chosen ? tr("Layer %1, head %2, chosen in the grid.").arg(layer).arg(head)
                          : tr("Layer %1, head %2: the head whose weights moved most (choose a head in the grid to "
                               "see another).")
                                .arg(layer)
                                .arg(head));
    HeatmapData data;
    data.title = tr("Layer %1, head %2: heads off − every head on").arg(layer).arg(head);
    for (const std::string& t : now.queryTokens) data.rowLabels << QString::fromStdString(t);
    for (const std::string& t : now.keyTokens) data.columnLabels << QString::fromStdString(t);
    data.values = b - a;
    // As in the compare window: symmetric about 0 so that white is "no
    // change", never narrower than ±0.05 so that rounding noise stays white.
    const double extent = std::max(0.05, double(data.values.cwiseAbs().maxCoeff()));
    data.minValue = -extent;
    data.maxValue = extent;
    data.scaleLabel = tr("Δ weight");
    heatmap_->setData(std::move(data));
}

}  // namespace ui
