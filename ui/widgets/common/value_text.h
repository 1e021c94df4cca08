#pragma once

#include <QString>

namespace ui {

// Six significant digits: a computed weight of 0.26000002 reads "0.26",
// while typed inputs like 0.8 or -3 read as typed.
inline QString exactValueText(float v) { return QString::number(double(v), 'g', 6); }

}  // namespace ui
