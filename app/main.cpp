// attention-playground: the window, or one of the commands of cli/cli.h.
#include "cli/cli.h"
#include "widgets/common/language_menu.h"
#include "widgets/playground/main_window.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv) {
    switch (app::classify(argc, argv)) {
    case app::Invocation::Command:
        return app::runCommand(argc, argv);
    case app::Invocation::Unknown:
        return app::reportUnknown(argc, argv);
    case app::Invocation::Window:
        break;
    }
    QApplication application(argc, argv);
    // One identity everywhere: the settings and data folders, the window
    // class the desktop matches to the .desktop file, and the icon.
    QApplication::setApplicationName(QStringLiteral("attention-playground"));
    QApplication::setOrganizationName(QStringLiteral("attention-playground"));
    QApplication::setApplicationVersion(QStringLiteral(AP_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.attention_playground.AttentionPlayground"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("attention-playground"));
    if (icon.isNull())
        icon = QIcon(QStringLiteral(":/icons/attention-playground.svg"));
    QApplication::setWindowIcon(icon);
    // The stored language, or the system's (also sets the display name).
    ui::applyLanguage(ui::storedLanguage(), false);

    ui::MainWindow window;
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openFile(args.at(1));
    window.show();
    return application.exec();
}
