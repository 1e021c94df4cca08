#include "widgets/help/shortcuts_dialog.h"
#include "widgets/common/window_fit.h"

#include "widgets/common/heatmap_view.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
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

// The window a command belongs to, named as its title bar names it (the
// part before " — "), or "" for `home`, the window the list is for.
QString windowName(const QWidget* owner, const QWidget* home) {
    if (!owner || owner == home) return {};
    const QString title = owner->windowTitle().section(QStringLiteral(" — "), 0, 0).remove(QStringLiteral("[*]"));
    return title.trimmed();
}

struct Collector {
    const QWidget* home;
    QList<ShortcutEntry>& out;
    QSet<QString>& seen;

    void add(QString command, const QKeySequence& keys, const QWidget* owner) {
        if (keys.isEmpty() || command.isEmpty()) return;
        const QString window = windowName(owner ? owner->window() : nullptr, home);
        if (!window.isEmpty())
            command = QCoreApplication::translate("ui::ShortcutsDialog", "%1: %2").arg(window, command);
        const QString id = command + QLatin1Char('\n') + keys.toString();
        if (seen.contains(id)) return;
        seen.insert(id);
        out.append({command, keys});
    }

    void addAction(const QAction* a) {
        QString command = plainText(a->text().isEmpty() ? a->toolTip() : a->text());
        const QWidget* owner = nullptr;
        bool inTable = false;
        for (QObject* o : a->associatedObjects()) {
            if (auto* w = qobject_cast<QWidget*>(o); w && !qobject_cast<const QMenu*>(w)) {
                if (!owner) owner = w;
                inTable |= qobject_cast<QAbstractItemView*>(w) != nullptr;
            }
        }
        if (!owner) owner = qobject_cast<const QWidget*>(a->parent());
        // "Add", "Up", "Down": the tables' own commands, for the table that
        // has the focus.
        if (inTable && a->shortcutContext() != Qt::WindowShortcut && a->shortcutContext() != Qt::ApplicationShortcut)
            command =
                QCoreApplication::translate("ui::ShortcutsDialog", "%1 (in the table with the focus)").arg(command);
        for (const QKeySequence& keys : a->shortcuts()) add(command, keys, owner);
    }
};

}  // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget* root, const QWidget* home) {
    QList<ShortcutEntry> out;
    QSet<QString> seen;
    if (!root) return out;
    Collector c{home ? home : root, out, seen};
    // Actions may be owned by the window, a menu or a widget; findChildren
    // reaches all of them, and the menus' own lists catch shared actions.
    for (const QAction* a : root->findChildren<QAction*>()) c.addAction(a);
    for (const QMenu* m : root->findChildren<QMenu*>())
        for (const QAction* a : m->actions()) c.addAction(a);
    for (const QAction* a : root->actions()) c.addAction(a);
    for (const QShortcut* s : root->findChildren<QShortcut*>())
        c.add(plainText(s->whatsThis()), s->key(), qobject_cast<const QWidget*>(s->parent()));
    // Buttons with a shortcut of their own (Resample).
    for (const QAbstractButton* b : root->findChildren<QAbstractButton*>())
        if (!b->shortcut().isEmpty() && !b->text().isEmpty()) c.add(plainText(b->text()), b->shortcut(), b);
    // The heatmaps' keys, handled in HeatmapView::keyPressEvent.
    if (const HeatmapView* map = root->findChild<HeatmapView*>()) {
        const QWidget* owner = map->window();
        c.add(QCoreApplication::translate("ui::ShortcutsDialog", "Heatmap: find a token"), QKeySequence::Find, owner);
        c.add(QCoreApplication::translate("ui::ShortcutsDialog", "Heatmap: zoom in"), QKeySequence(Qt::Key_Plus),
              owner);
        c.add(QCoreApplication::translate("ui::ShortcutsDialog", "Heatmap: zoom out"), QKeySequence(Qt::Key_Minus),
              owner);
        c.add(QCoreApplication::translate("ui::ShortcutsDialog", "Heatmap: fit to the view"), QKeySequence(Qt::Key_0),
              owner);
        c.add(QCoreApplication::translate("ui::ShortcutsDialog", "Heatmap: zoom to the selected cells"),
              QKeySequence(Qt::Key_Z), owner);
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
        // Windows inside `source` (the translation window) are listed with it.
        if (source && source->isAncestorOf(w)) continue;
        for (const ShortcutEntry& e : collectShortcuts(w, source)) {
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
