#include "render/unmasked_range.h"

#include <algorithm>
#include <cmath>

namespace ui {

void UnmaskedRange::include(const HeatmapData& d) {
    for (int r = 0; r < d.rows(); ++r)
        for (int c = 0; c < d.columns(); ++c)
            if (!d.isMasked(r, c)) {
                lo_ = std::min(lo_, double(d.values(r, c)));
                hi_ = std::max(hi_, double(d.values(r, c)));
            }
}

double UnmaskedRange::lo() const {
    if (!std::isfinite(lo_)) return 0.0;
    return hi_ - lo_ < 1e-12 ? lo_ - 0.5 : lo_;
}

double UnmaskedRange::hi() const {
    if (!std::isfinite(lo_)) return 1.0;
    return hi_ - lo_ < 1e-12 ? hi_ + 0.5 : hi_;
}

}  // namespace ui
