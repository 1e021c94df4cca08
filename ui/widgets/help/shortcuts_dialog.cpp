#include "widgets/help/shortcuts_dialog.h"
#include "widgets/common/window_fit.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
namespace {

QString plainText(QString text) {
    // "简体中文 (&C)" and "&Open…" alike: drop the marker and a
    // parenthesised one, keep a literal "&&".
    static const QRegularExpression bracketed(QStringLiteral("\\s*\\(&\\w\\)"));
    text.remove(bracketed);
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text.trimmed();
}

void addAction(const QAction* a, QList<ShortcutEntry>& out, QSet<QString>& seen) {
    for (const QKeySequence& keys : a->shortcuts()) {
        if (keys.isEmpty()) continue;
        const QString command = plainText(a->text().isEmpty() ? a->toolTip() : a->text());
        const QString id = command + QLatin1Char('\n') + keys.toString();
        if (command.isEmpty() || seen.contains(id)) continue;
        seen.insert(id);
        out.append({command, keys});
    }
}

}  // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget* root) {
    QList<ShortcutEntry> out;
    QSet<QString> seen;
    if (!root) return out;
    // Actions may be owned by the window, a menu or a widget; findChildren
    // reaches all of them, and the menus' own lists catch shared actions.
    for (const QAction* a : root->findChildren<QAction*>()) addAction(a, out, seen);
    for (const QMenu* m : root->findChildren<QMenu*>())
        for (const QAction* a : m->actions()) addAction(a, out, seen);
    for (const QAction* a : root->actions()) addAction(a, out, seen);
    for (const QShortcut* s : root->findChildren<QShortcut*>()) {
        const QString command = plainText(s->whatsThis());
        if (s->key().isEmpty() || command.isEmpty()) continue;
        const QString id = command + QLatin1Char('\n') + s->key().toString();
        if (seen.contains(id)) continue;
        seen.insert(id);
        out.append({command, s->key()});
    }
    std::sort(out.begin(), out.end(), [](const ShortcutEntry& x, const ShortcutEntry& y) {
        return QString::localeAwareCompare(x.command, y.command) < 0;
    });
    return out;
}

ShortcutsDialog::ShortcutsDialog(QWidget* source, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<ShortcutEntry> entries = collectShortcuts(source);
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w == source || w == this || !w->isWindow() || qobject_cast<QMenu*>(w)) continue;
        for (const ShortcutEntry& e : collectShortcuts(w)) {
            const bool dup = std::any_of(entries.begin(), entries.end(), [&](const ShortcutEntry& x) {
                return x.command == e.command && x.keys == e.keys;
            });
            if (!dup) entries.append(e);
        }
    }
    table_ = new QTableWidget(int(entries.size()), 2, this);
    table_->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < entries.size(); ++i) {
        table_->setItem(i, 0, new QTableWidgetItem(entries[i].command));
        table_->setItem(i, 1, new QTableWidgetItem(entries[i].keys.toString(QKeySequence::NativeText)));
    }
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* gestures = new QLabel(tr("In the tables, Ctrl+wheel or Alt+drag on a cell changes its value "
                                   "(Shift for larger steps). Shift+F1 then a click explains any control."),
                                this);
    gestures->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(gestures);
    layout->addWidget(buttons);
    resizeWithinScreen(this, QSize(520, 560));
}

}  // namespace ui
