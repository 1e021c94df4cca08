// The settings form bound to an options struct: what the widgets show after
// write(), what read() gives back after the user edits them, and that
// read() leaves the fields the form does not show alone.
#include "widgets/common/options_form.h"

#include <QFormLayout>
#include <QLabel>
#include <QWidget>
#include <QtTest>

#include <cstdint>

namespace {

enum class Shape { Round = 3, Square = 7 };

struct Inner {
    double rate = 0.5;
};

struct Settings {
    int count = 4;
    std::uint64_t seed = 9;
    Shape shape = Shape::Square;
    bool flag = false;
    Inner inner;
    int hidden = 42;  // not in the form
};

struct Fixture {
    QWidget window;
    QFormLayout* layout = new QFormLayout(&window);
    ui::OptionsForm<Settings> form{&window, layout};
    QSpinBox* count = form.addInt(QStringLiteral("Count:"), &Settings::count, 1, 10, QStringLiteral("how many"));
    QSpinBox* seed = form.addInt(QStringLiteral("Seed:"), &Settings::seed, 0, 1000, QString());
    QComboBox* shape = form.addChoice(QStringLiteral("Shape:"), &Settings::shape,
                                      {{QStringLiteral("round"), int(Shape::Round), QStringLiteral("a circle")},
                                       {QStringLiteral("square"), int(Shape::Square)}},
                                      QStringLiteral("the shape"));
    QCheckBox* flag = form.addCheck(QString(), &Settings::flag, QStringLiteral("Flag"), QString());
    QDoubleSpinBox* rate = form.addReal(
        QStringLiteral("Rate:"), [](auto& s) -> auto& { return s.inner.rate; }, 0.0, 1.0, 0.1, 3, QString());
};

}  // namespace

class TestOptionsForm : public QObject {
    Q_OBJECT
private slots:
    void rowsInOrderWithLabelsAndTips();
    void writeShowsAndReadReturns();
    void readKeepsFieldsOutsideTheForm();
    void outOfRangeValuesAreClamped();
    void setEnabledReachesEveryField();
};

void TestOptionsForm::rowsInOrderWithLabelsAndTips() {
    Fixture f;
    QCOMPARE(f.layout->rowCount(), 5);
    QCOMPARE(f.layout->itemAt(0, QFormLayout::FieldRole)->widget(), f.count);
    QCOMPARE(f.layout->itemAt(4, QFormLayout::FieldRole)->widget(), f.rate);
    auto* label = qobject_cast<QLabel*>(f.layout->itemAt(2, QFormLayout::LabelRole)->widget());
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Shape:"));
    QCOMPARE(f.count->toolTip(), QStringLiteral("how many"));
    QCOMPARE(f.count->minimum(), 1);
    QCOMPARE(f.count->maximum(), 10);
    QCOMPARE(f.rate->decimals(), 3);
    QCOMPARE(f.shape->count(), 2);
    QCOMPARE(f.shape->itemData(0, Qt::ToolTipRole).toString(), QStringLiteral("a circle"));
    QVERIFY(!f.shape->itemData(1, Qt::ToolTipRole).isValid());
    QCOMPARE(f.flag->text(), QStringLiteral("Flag"));
}

void TestOptionsForm::writeShowsAndReadReturns() {
    Fixture f;
    Settings s;
    s.count = 7;
    s.seed = 123;
    s.shape = Shape::Round;
    s.flag = true;
    s.inner.rate = 0.25;
    f.form.write(s);
    QCOMPARE(f.count->value(), 7);
    QCOMPARE(f.seed->value(), 123);
    QCOMPARE(f.shape->currentText(), QStringLiteral("round"));
    QVERIFY(f.flag->isChecked());
    QCOMPARE(f.rate->value(), 0.25);

    // As a user would change them.
    f.count->setValue(2);
    f.seed->setValue(999);
    f.shape->setCurrentIndex(1);
    f.flag->setChecked(false);
    f.rate->setValue(0.75);
    Settings read;
    f.form.read(read);
    QCOMPARE(read.count, 2);
    QCOMPARE(read.seed, std::uint64_t(999));
    QCOMPARE(read.shape, Shape::Square);
    QCOMPARE(read.flag, false);
    QCOMPARE(read.inner.rate, 0.75);
}

void TestOptionsForm::readKeepsFieldsOutsideTheForm() {
    Fixture f;
    Settings s;
    s.hidden = -5;
    f.form.read(s);
    QCOMPARE(s.hidden, -5);
}

void TestOptionsForm::outOfRangeValuesAreClamped() {
    Fixture f;
    Settings s;
    s.count = 50;
    s.seed = std::uint64_t(1) << 40;  // beyond int: shown as the largest the box takes
    f.form.write(s);
    QCOMPARE(f.count->value(), 10);
    QCOMPARE(f.seed->value(), 1000);
    // An enum value with no entry keeps the current one.
    f.shape->setCurrentIndex(0);
    s.shape = Shape(5);
    f.form.write(s);
    QCOMPARE(f.shape->currentIndex(), 0);
}

void TestOptionsForm::setEnabledReachesEveryField() {
    Fixture f;
    f.form.setEnabled(false);
    for (QWidget* w : std::initializer_list<QWidget*>{f.count, f.seed, f.shape, f.flag, f.rate})
        QVERIFY(!w->isEnabled());
    f.form.setEnabled(true);
    for (QWidget* w : std::initializer_list<QWidget*>{f.count, f.seed, f.shape, f.flag, f.rate})
        QVERIFY(w->isEnabled());
}

QTEST_MAIN(TestOptionsForm)
#include "test_options_form.moc"
