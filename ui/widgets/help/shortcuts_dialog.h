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

// The shortcuts of `root`'s actions (menus, toolbars, widgets), shortcuts,
// buttons and heatmaps, without duplicates, sorted by command. Commands of
// a window other than `home` (by default `root`) are prefixed with its
// name ("Translation: Load pairs…"); the tables' own commands say so.
QList<ShortcutEntry> collectShortcuts(const QWidget* root, const QWidget* home = nullptr);

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
