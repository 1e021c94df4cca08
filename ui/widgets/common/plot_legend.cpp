#include "widgets/common/plot_legend.h"

#include <qcustomplot.h>

#include <algorithm>

namespace ui {
namespace {

// Entries a row: `perRow` where they fit the plot's width, else one, so
// that a narrow plot's legend is a column, never cut ("A", "token ac").
void fitLegend(QCustomPlot* plot, int perRow) {
    QCPLegend* legend = plot->legend;
    const auto arrange = [legend](int wrap) {
        if (legend->wrap() == wrap) return;
        legend->setWrap(wrap);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    };
    arrange(perRow);
    if (legend->minimumOuterSizeHint().width() > plot->width()) arrange(1);
}

}  // namespace

// The entries exist already, so they are laid out again whenever the wrap
// changes (fitLegend, before each replot).
void placeLegendBelow(QCustomPlot* plot, int perRow) {
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(std::max(7.0, legendFont.pointSizeF() * 0.85));
    legend->setFont(legendFont);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(4);
    plot->axisRect()->insetLayout()->take(legend);
    const int row = plot->plotLayout()->rowCount();
    plot->plotLayout()->addElement(row, 0, legend);
    plot->plotLayout()->setRowStretchFactor(row, 0.001);
    fitLegend(plot, perRow);
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot, perRow] { fitLegend(plot, perRow); });
}

}  // namespace ui
