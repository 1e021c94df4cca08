// attention-playground: the window, or one of the commands of spec §4.
#include "cli.h"
#include "main_window.h"

#include <QApplication>

int main(int argc, char** argv) {
    if (app::isCommand(argc, argv))
        return app::runCommand(argc, argv);

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Attention Playground"));
    QApplication::setOrganizationName(QStringLiteral("attention-playground"));
    QApplication::setApplicationVersion(QStringLiteral(AP_VERSION));
    ui::MainWindow window;
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openFile(args.at(1));
    window.show();
    return application.exec();
}
