// Help ▸ About: the program's version and those of the libraries it was
// built with, and how it was built.
#pragma once

#include <QString>

class QWidget;

namespace ui {

// The About text (rich text): versions of the program, Qt (run time and
// build time), Eigen and QCustomPlot, the build type and the target
// processor.
QString aboutText();

void showAbout(QWidget* parent);

}  // namespace ui
