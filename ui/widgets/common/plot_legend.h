// A QCustomPlot legend laid out below the axes, in rows of entries that
// wrap to a column where the plot is too narrow for them.
#pragma once

class QCustomPlot;

namespace ui {

// Moves the plot's legend out of the axes into a new last row of the plot's
// layout, `perRow` entries a row (one where they do not fit), re-fitted
// before every replot. Inside the axes it would hide a curve or the axis
// title wherever it sat.
void placeLegendBelow(QCustomPlot* plot, int perRow);

}  // namespace ui
