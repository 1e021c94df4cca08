// The ends of a min-max colour scale over the unmasked cells of one or more
// heatmaps: [0, 1] when every cell is masked, widened by 0.5 each way when
// all cells hold one value (a scale needs a span).
#pragma once

#include "render/heatmap_data.h"

#include <limits>

namespace ui {

class UnmaskedRange {
public:
    void include(const HeatmapData& data);
    double lo() const;
    double hi() const;

private:
    double lo_ = std::numeric_limits<double>::infinity();
    double hi_ = -std::numeric_limits<double>::infinity();
};

}  // namespace ui
