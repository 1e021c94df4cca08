#include "widgets/common/retranslate.h"

#include "i18n/language.h"
#include "widgets/common/heatmap_view.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSet>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>

namespace ui {
namespace {

// The text in the current language, or nothing when `text` did not come
// from a lookup.
bool relookup(const QString& text, QString* out) {
    if (text.isEmpty()) return false;
    TranslationKey key;
    if (!translationKeyOf(text, &key)) return false;
    const QString now =
        QCoreApplication::translate(key.context.constData(), key.source.constData(),
                                    key.disambiguation.isEmpty() ? nullptr : key.disambiguation.constData());
    if (now == text) return false;
    *out = now;
    return true;
}

template <typename Get, typename Set>
int update(Get get, Set set) {
    QString now;
    if (!relookup(get(), &now)) return 0;
    set(now);
    return 1;
}

int retranslateAction(QAction* a) {
    int n = 0;
    n += update([a] { return a->text(); }, [a](const QString& t) { a->setText(t); });
    n += update([a] { return a->toolTip(); }, [a](const QString& t) { a->setToolTip(t); });
    n += update([a] { return a->statusTip(); }, [a](const QString& t) { a->setStatusTip(t); });
    n += update([a] { return a->whatsThis(); }, [a](const QString& t) { a->setWhatsThis(t); });
    if (QMenu* m = a->menu()) n += update([m] { return m->title(); }, [m](const QString& t) { m->setTitle(t); });
    return n;
}

int retranslateWidget(QWidget* w) {
    int n = 0;
    n += update([w] { return w->windowTitle(); }, [w](const QString& t) { w->setWindowTitle(t); });
    n += update([w] { return w->toolTip(); }, [w](const QString& t) { w->setToolTip(t); });
    n += update([w] { return w->statusTip(); }, [w](const QString& t) { w->setStatusTip(t); });
    n += update([w] { return w->whatsThis(); }, [w](const QString& t) { w->setWhatsThis(t); });
    n += update([w] { return w->accessibleName(); }, [w](const QString& t) { w->setAccessibleName(t); });
    if (auto* b = qobject_cast<QAbstractButton*>(w))
        n += update([b] { return b->text(); }, [b](const QString& t) { b->setText(t); });
    if (auto* l = qobject_cast<QLabel*>(w))
        n += update([l] { return l->text(); }, [l](const QString& t) { l->setText(t); });
    if (auto* g = qobject_cast<QGroupBox*>(w))
        n += update([g] { return g->title(); }, [g](const QString& t) { g->setTitle(t); });
    if (auto* m = qobject_cast<QMenu*>(w))
        n += update([m] { return m->title(); }, [m](const QString& t) { m->setTitle(t); });
    if (auto* h = qobject_cast<HeatmapView*>(w))
        n += update([h] { return h->emptyText(); }, [h](const QString& t) { h->setEmptyText(t); });
    if (auto* e = qobject_cast<QLineEdit*>(w))
        n += update([e] { return e->placeholderText(); }, [e](const QString& t) { e->setPlaceholderText(t); });
    if (auto* s = qobject_cast<QAbstractSpinBox*>(w))
        n += update([s] { return s->specialValueText(); }, [s](const QString& t) { s->setSpecialValueText(t); });
    if (auto* s = qobject_cast<QSpinBox*>(w)) {
        n += update([s] { return s->prefix(); }, [s](const QString& t) { s->setPrefix(t); });
        n += update([s] { return s->suffix(); }, [s](const QString& t) { s->setSuffix(t); });
    }
    if (auto* s = qobject_cast<QDoubleSpinBox*>(w)) {
        n += update([s] { return s->prefix(); }, [s](const QString& t) { s->setPrefix(t); });
        n += update([s] { return s->suffix(); }, [s](const QString& t) { s->setSuffix(t); });
    }
    if (auto* p = qobject_cast<QProgressBar*>(w))
        n += update([p] { return p->format(); }, [p](const QString& t) { p->setFormat(t); });
    if (auto* c = qobject_cast<QComboBox*>(w)) {
        for (int i = 0; i < c->count(); ++i) {
            n += update([c, i] { return c->itemText(i); }, [c, i](const QString& t) { c->setItemText(i, t); });
            n += update([c, i] { return c->itemData(i, Qt::ToolTipRole).toString(); },
                        [c, i](const QString& t) { c->setItemData(i, t, Qt::ToolTipRole); });
        }
        n += update([c] { return c->placeholderText(); }, [c](const QString& t) { c->setPlaceholderText(t); });
    }
    if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
        for (int i = 0; i < tabs->count(); ++i) {
            n +=
                update([tabs, i] { return tabs->tabText(i); }, [tabs, i](const QString& t) { tabs->setTabText(i, t); });
            n += update([tabs, i] { return tabs->tabToolTip(i); },
                        [tabs, i](const QString& t) { tabs->setTabToolTip(i, t); });
        }
    }
    if (auto* table = qobject_cast<QTableWidget*>(w)) {
        for (int c = 0; c < table->columnCount(); ++c)
            if (QTableWidgetItem* h = table->horizontalHeaderItem(c))
                n += update([h] { return h->text(); }, [h](const QString& t) { h->setText(t); });
    }
    // Models translate in data()/headerData(): repaint them.
    if (auto* view = qobject_cast<QAbstractItemView*>(w)) view->viewport()->update();
    if (auto* header = qobject_cast<QHeaderView*>(w)) header->viewport()->update();
    return n;
}

}  // namespace

int retranslateWidgets() {
    int n = 0;
    QSet<QAction*> actions;
    for (QWidget* w : QApplication::allWidgets()) {
        n += retranslateWidget(w);
        for (QAction* a : w->actions()) actions.insert(a);
        for (QAction* a : w->findChildren<QAction*>(Qt::FindDirectChildrenOnly)) actions.insert(a);
    }
    for (QAction* a : actions) n += retranslateAction(a);
    return n;
}

}  // namespace ui
