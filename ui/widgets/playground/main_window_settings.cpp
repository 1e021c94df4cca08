// What the main window remembers between runs. The keys live in
// widgets/common/settings_keys.h.
#include "widgets/common/heatmap_view.h"
#include "widgets/common/settings_keys.h"
#include "widgets/playground/main_window.h"
#include "widgets/playground/playground_presenter.h"
#include "widgets/common/window_fit.h"

#include <QAction>
#include <QFileInfo>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace ui {

void MainWindow::readSettings() {
    using namespace settings_keys;
    const QSettings settings;
    restoreGeometryWithinScreen(this, settings.value(QLatin1String(kGeometry)).toByteArray());
    restoreState(settings.value(QLatin1String(kWindowState)).toByteArray());
    showNumbersAction_->setChecked(settings.value(QLatin1String(kShowNumbers), true).toBool());
    heatmap_->setShowNumbers(showNumbersAction_->isChecked());
    const int colormap = settings.value(QLatin1String(kColormap), 0).toInt();
    for (QAction* a : std::as_const(colormapActions_)) {
        if (a->data().toInt() == colormap) {
            a->setChecked(true);
            presenter_->setColormap(Colormap::Kind(colormap));
        }
    }
    ColorScale scale = ColorScale::Fixed;
    if (colorScaleFromKey(settings.value(QLatin1String(kColorScale)).toString(), &scale)) {
        for (QAction* a : std::as_const(colorScaleActions_))
            if (a->data().toString() == colorScaleKey(scale)) a->setChecked(true);
        presenter_->setColorScale(scale);
    }
}

void MainWindow::writeSettings() const {
    using namespace settings_keys;
    QSettings settings;
    settings.setValue(QLatin1String(kGeometry), saveGeometry());
    settings.setValue(QLatin1String(kWindowState), saveState());
    settings.setValue(QLatin1String(kShowNumbers), showNumbersAction_->isChecked());
    settings.setValue(QLatin1String(kColormap), int(presenter_->colormap()));
    settings.setValue(QLatin1String(kColorScale), colorScaleKey(presenter_->colorScale()));
}

QString MainWindow::startDir() const {
    // The folder of the last file opened or saved while it exists, else the
    // home folder (not the working directory, which may be the source tree).
    const QString dir = QSettings().value(QLatin1String(settings_keys::kLastDir)).toString();
    return !dir.isEmpty() && QDir(dir).exists() ? dir : QDir::homePath();
}

void MainWindow::rememberDir(const QString& path) {
    QSettings().setValue(QLatin1String(settings_keys::kLastDir), QFileInfo(path).absolutePath());
}

}  // namespace ui
