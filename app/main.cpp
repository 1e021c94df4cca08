// attention-playground: the window, or one of the commands of cli/cli.h.
#include "cli/cli.h"
#include "document/scene_document.h"
#include "widgets/common/language_menu.h"
#include "widgets/playground/main_window.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

namespace {

// Test-only: once the first scene is open, makes one edit as a user would,
// so that a test can kill a window that has unsaved changes (see
// docs/architecture.md, "Crash recovery").
void applyTestEdit(ui::MainWindow& window, bool waitForFile) {
    bool ok = false;
    const float temperature = qEnvironmentVariable("AP_TEST_SET_TEMPERATURE").toFloat(&ok);
    if (!ok) return;
    const auto edit = [&window, temperature] { window.document()->setTemperature(temperature); };
    if (waitForFile)
        QObject::connect(&window, &ui::MainWindow::fileOpened, &window, edit, Qt::SingleShotConnection);
    else
        QTimer::singleShot(0, &window, edit);
}

}  // namespace

int main(int argc, char** argv) {
    switch (app::classify(argc, argv)) {
    case app::Invocation::Command: return app::runCommand(argc, argv);
    case app::Invocation::Unknown: return app::reportUnknown(argc, argv);
    case app::Invocation::Window: break;
    }
    QApplication application(argc, argv);
    // One identity everywhere: the settings and data folders, the window
    // class the desktop matches to the .desktop file, and the icon.
    QApplication::setApplicationName(QStringLiteral("attention-playground"));
    QApplication::setOrganizationName(QStringLiteral("attention-playground"));
    QApplication::setApplicationVersion(QStringLiteral(AP_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.attention_playground.AttentionPlayground"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("attention-playground"));
    if (icon.isNull()) icon = QIcon(QStringLiteral(":/icons/attention-playground.svg"));
    QApplication::setWindowIcon(icon);
    // The stored language, or the system's (also sets the display name).
    ui::applyLanguage(ui::storedLanguage(), false);

    ui::MainWindow window;
    // The window shows at once; a file given as the argument loads on a
    // worker thread after that.
    window.show();
    const QStringList args = QApplication::arguments();
    const bool withFile = args.size() > 1;
    applyTestEdit(window, withFile);
    if (withFile) window.openFileInBackground(args.at(1));
    window.offerRecovery();
    return application.exec();
}
