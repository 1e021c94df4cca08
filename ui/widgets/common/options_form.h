// A settings form bound to an options struct: each add*() makes the field's
// widget, puts it in a row of the form and remembers how to read the field
// from the widget and show it there. A window names each setting once
// instead of three times (make the widget, read it into the options, write
// the options back), and the read and the write cannot drift apart.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QList>
#include <QSpinBox>
#include <QString>

#include <algorithm>
#include <climits>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

namespace ui {

// One entry of a choice: its text, the enum value it stands for (as int)
// and, optionally, the entry's own tooltip.
struct FormChoice {
    FormChoice(QString text, int value, QString tip = {}) : text(std::move(text)), value(value), tip(std::move(tip)) {}
    QString text;
    int value;
    QString tip;
};

namespace form_widgets {
// Accelerated: holding an arrow on a large range speeds up.
QSpinBox* intBox(QWidget* parent, int lo, int hi, const QString& tip);
QDoubleSpinBox* realBox(QWidget* parent, double lo, double hi, double step, int decimals, const QString& tip);
QComboBox* choiceBox(QWidget* parent, const QList<FormChoice>& items, const QString& tip);
// Selects the entry whose data is `value`; keeps the selection if none is.
void selectValue(QComboBox* box, int value);
}  // namespace form_widgets

// `Field` below is a pointer to a member of Options (&Options::epochs), or,
// for a field inside a member, a callable that returns a reference to the
// field of the options it is given.
template <class Options>
class OptionsForm {
public:
    // Rows go into `form`; the widgets are children of `parent`.
    OptionsForm(QWidget* parent, QFormLayout* form) : parent_(parent), form_(form) {}
    OptionsForm(const OptionsForm&) = delete;
    OptionsForm& operator=(const OptionsForm&) = delete;

    // An integer field (int, or an unsigned seed shown up to INT_MAX).
    template <class Field>
    QSpinBox* addInt(const QString& label, Field field, int lo, int hi, const QString& tip) {
        QSpinBox* box = form_widgets::intBox(parent_, lo, hi, tip);
        bind(
            label, box, [box, field](Options& o) { value(o, field) = FieldType<Field>(box->value()); },
            [box, field](const Options& o) { box->setValue(clampToInt(value(o, field))); });
        return box;
    }
    template <class Field>
    QDoubleSpinBox* addReal(const QString& label, Field field, double lo, double hi, double step, int decimals,
                            const QString& tip) {
        QDoubleSpinBox* box = form_widgets::realBox(parent_, lo, hi, step, decimals, tip);
        bind(
            label, box, [box, field](Options& o) { value(o, field) = box->value(); },
            [box, field](const Options& o) { box->setValue(value(o, field)); });
        return box;
    }
    // An enum field; each entry's value is the enum's int.
    template <class Field>
    QComboBox* addChoice(const QString& label, Field field, const QList<FormChoice>& items, const QString& tip) {
        QComboBox* box = form_widgets::choiceBox(parent_, items, tip);
        bind(
            label, box, [box, field](Options& o) { value(o, field) = FieldType<Field>(box->currentData().toInt()); },
            [box, field](const Options& o) { form_widgets::selectValue(box, int(value(o, field))); });
        return box;
    }
    // A bool field as a check box with `text` beside it.
    template <class Field>
    QCheckBox* addCheck(const QString& label, Field field, const QString& text, const QString& tip) {
        auto* box = new QCheckBox(text, parent_);
        box->setToolTip(tip);
        bind(
            label, box, [box, field](Options& o) { value(o, field) = box->isChecked(); },
            [box, field](const Options& o) { box->setChecked(value(o, field)); });
        return box;
    }

    // The bound fields of `o` from the widgets; the others keep their values.
    void read(Options& o) const {
        for (const auto& r : readers_) r(o);
    }
    // Shows the bound fields of `o`, in the order they were added (a field
    // whose range depends on an earlier one is added after it).
    void write(const Options& o) const {
        for (const auto& w : writers_) w(o);
    }
    QFormLayout* form() const { return form_; }
    void setEnabled(bool enabled) const {
        for (QWidget* w : widgets_) w->setEnabled(enabled);
    }

private:
    template <class Field>
    using FieldType = std::remove_cvref_t<std::invoke_result_t<Field, Options&>>;

    template <class O, class Field>
    static decltype(auto) value(O& o, const Field& field) {
        return std::invoke(field, o);
    }
    template <class T>
    static int clampToInt(T v) {
        if constexpr (std::is_unsigned_v<T>)
            return int(std::min<unsigned long long>(v, INT_MAX));
        else
            return int(v);
    }
    void bind(const QString& label, QWidget* widget, std::function<void(Options&)> reader,
              std::function<void(const Options&)> writer) {
        form_->addRow(label, widget);
        widgets_.push_back(widget);
        readers_.push_back(std::move(reader));
        writers_.push_back(std::move(writer));
    }

    QWidget* parent_;
    QFormLayout* form_;
    std::vector<QWidget*> widgets_;
    std::vector<std::function<void(Options&)>> readers_;
    std::vector<std::function<void(const Options&)>> writers_;
};

}  // namespace ui
