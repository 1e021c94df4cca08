#include "widgets/experiments/experiments_menu.h"

#include "widgets/experiments/channel_window.h"
#include "widgets/experiments/spatial_window.h"
#include "widgets/experiments/timestep_window.h"

#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace ui {

QMenu* addExperimentsMenu(QMainWindow* window) {
    QMenu* menu = window->menuBar()->addMenu(QCoreApplication::translate("ui::ExperimentsMenu", "E&xperiments"));
    QAction* timestep = menu->addAction(QCoreApplication::translate("ui::ExperimentsMenu", "&Time-step attention..."),
                                        window, [window] { TimestepWindow::open(window); });
    timestep->setStatusTip(QCoreApplication::translate(
        "ui::ExperimentsMenu",
        "Train an LSTM whose attention over the time steps finds the step that carries the label"));
    QAction* channel = menu->addAction(QCoreApplication::translate("ui::ExperimentsMenu", "&Channel attention..."),
                                       window, [window] { ChannelWindow::open(window); });
    channel->setStatusTip(QCoreApplication::translate(
        "ui::ExperimentsMenu", "Train a squeeze-and-excitation block that finds the channel that carries the label"));
    QAction* spatial = menu->addAction(QCoreApplication::translate("ui::ExperimentsMenu", "&Spatial attention..."),
                                       window, [window] { SpatialWindow::open(window); });
    spatial->setStatusTip(
        QCoreApplication::translate("ui::ExperimentsMenu",
                                    "Train a spatial transformer that learns where to look in distorted digits"));
    return menu;
}

}  // namespace ui
