#include "widgets/help/help_menu.h"

#include "widgets/help/about_dialog.h"
#include "widgets/help/shortcuts_dialog.h"
#include "widgets/help/user_guide_dialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QPointer>
#include <QWhatsThis>
#include <QWidget>

namespace ui {

void fillHelpMenu(QMenu* help, QWidget* window) {
    QAction* guide = help->addAction(QCoreApplication::translate("ui::HelpMenu", "&User Guide"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(
        QCoreApplication::translate("ui::HelpMenu", "How to use the playground and the translation window"));
    QObject::connect(guide, &QAction::triggered, window, [window] {
        // One guide window, raised when asked again.
        static QPointer<UserGuideDialog> dialog;
        if (!dialog) {
            dialog = new UserGuideDialog(window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    QAction* keys = help->addAction(QCoreApplication::translate("ui::HelpMenu", "&Keyboard Shortcuts"));
    keys->setStatusTip(QCoreApplication::translate("ui::HelpMenu", "Every keyboard shortcut of the open windows"));
    QObject::connect(keys, &QAction::triggered, window, [window] {
        ShortcutsDialog dialog(window, window);
        dialog.exec();
    });
    QAction* whatsThis = QWhatsThis::createAction(help);
    help->addAction(whatsThis);
    help->addSeparator();
    QAction* about = help->addAction(QCoreApplication::translate("ui::HelpMenu", "&About Attention Playground"));
    about->setMenuRole(QAction::AboutRole);
    QObject::connect(about, &QAction::triggered, window, [window] { showAbout(window); });
}

}  // namespace ui
