#include "widgets/help/about_dialog.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QWidget>

#include <Eigen/Core>
#include <qcustomplot.h>

namespace ui {

QString aboutText() {
    const QString eigen =
        QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION);
    const QString target = QStringLiteral(AP_BUILD_TARGET) == QLatin1String("native")
                               ? QCoreApplication::translate("ui::About", "this processor (-march=native)")
                               : QCoreApplication::translate("ui::About", "any x86-64 processor");
    return QCoreApplication::translate(
               "ui::About",
               "<h3>Attention Playground %1</h3>"
               "<p>Edit queries, keys and values, change the scoring and normalization, and watch attention change.</p>"
               "<table>"
               "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
               "<tr><td>Eigen</td><td>%4</td></tr>"
               "<tr><td>QCustomPlot</td><td>%5</td></tr>"
               "<tr><td>Build type</td><td>%6</td></tr>"
               "<tr><td>Optimised for</td><td>%7</td></tr>"
               "</table>")
        .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             eigen, QStringLiteral(QCUSTOMPLOT_VERSION_STR), QStringLiteral(AP_BUILD_TYPE), target);
}

void showAbout(QWidget* parent) {
    QMessageBox::about(parent, QCoreApplication::translate("ui::About", "About Attention Playground"), aboutText());
}

}  // namespace ui
