// attention-playground: the window, or one of the commands of cli/cli.h.
#include "cli/cli.h"
#include "widgets/playground/main_window.h"

#include <QApplication>

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
