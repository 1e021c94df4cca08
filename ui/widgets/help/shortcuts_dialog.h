// Help ▸ Keyboard Shortcuts: every shortcut of a window, gathered from its
// actions and QShortcut objects when the dialog opens, so that the list
// cannot fall behind the menus.
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QTableWidget;

namespace ui {

struct ShortcutEntry {
    QString command;  // the action's text without its & marker
    QKeySequence keys;
};

// The shortcuts of `root`'s actions (menus, toolbars, widgets) and
// shortcuts, without duplicates, sorted by command.
QList<ShortcutEntry> collectShortcuts(const QWidget* root);

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    // Lists the shortcuts of `source` and of the other top-level windows.
    explicit ShortcutsDialog(QWidget* source, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_ = nullptr;
};

}  // namespace ui
