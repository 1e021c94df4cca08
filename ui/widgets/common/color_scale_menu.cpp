#include "widgets/common/color_scale_menu.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>

namespace ui {

QList<QAction*> addColorScaleMenu(QMenu* view, ColorScale current, const QString& objectPrefix,
                                  std::function<void(ColorScale)> chosen) {
    QMenu* scales = view->addMenu(QCoreApplication::translate("ui::ColorScaleMenu", "Colour &Scale"));
    scales->setToolTipsVisible(true);
    auto* group = new QActionGroup(scales);
    QList<QAction*> actions;
    for (ColorScale scale : colorScales()) {
        QAction* a = scales->addAction(colorScaleName(scale));
        a->setObjectName(objectPrefix + colorScaleKey(scale));
        a->setCheckable(true);
        a->setActionGroup(group);
        a->setData(colorScaleKey(scale));
        a->setToolTip(colorScaleToolTip(scale));
        a->setStatusTip(colorScaleToolTip(scale));
        a->setChecked(scale == current);
        if (scale == ColorScale::Log)
            a->setShortcut(QKeySequence(QCoreApplication::translate("ui::ColorScaleMenu", "Ctrl+L")));
        QObject::connect(a, &QAction::triggered, a, [chosen, scale] { chosen(scale); });
        actions << a;
    }
    return actions;
}

}  // namespace ui
