#include "widgets/explain/step_view.h"

#include "io/explain_writer.h"
#include "widgets/explain/step_formula.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace ui {
namespace {

// QTreeView wraps an item's text only within the height its delegate asks
// for, and QStyledItemDelegate asks for one line: this one measures the
// text wrapped to its column's width, so that long formulas show whole.
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView* view) : QStyledItemDelegate(view), view_(view) {}

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int margin = 2 * (view_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view_) + 1);
        const int width = std::max(8, view_->header()->sectionSize(index.column()) - margin);
        const QRect text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20),
                                                        Qt::TextWordWrap | Qt::TextWrapAnywhere, opt.text);
        const QSize base = QStyledItemDelegate::sizeHint(option, index);
        return {base.width(), std::max(base.height(), text.height() + 4)};
    }

private:
    QTreeView* view_;
};

}  // namespace

QString StepView::titleFor(const ap::ExplainStep& step) {
    static const std::map<std::string, const char*> titles = {
        {"query", QT_TR_NOOP("Query vector")},
        {"key", QT_TR_NOOP("Key vector")},
        {"products", QT_TR_NOOP("Products")},
        {"dot", QT_TR_NOOP("Dot product")},
        {"score", QT_TR_NOOP("Score")},
        {"W k", QT_TR_NOOP("W times the key")},
        {"Wq q", QT_TR_NOOP("Wq times the query")},
        {"Wk k", QT_TR_NOOP("Wk times the key")},
        {"sum", QT_TR_NOOP("Sum")},
        {"Wq q + Wk k", QT_TR_NOOP("Sum of both")},
        {"tanh", QT_TR_NOOP("tanh")},
        {"norm q", QT_TR_NOOP("Length of the query")},
        {"norm k", QT_TR_NOOP("Length of the key")},
        {"temperature", QT_TR_NOOP("Temperature")},
        {"mask", QT_TR_NOOP("Mask")},
        {"fully masked", QT_TR_NOOP("Every key masked")},
        {"row maximum", QT_TR_NOOP("Row maximum")},
        {"exponentials", QT_TR_NOOP("Exponentials")},
        {"weight", QT_TR_NOOP("Weight")},
        {"argmax", QT_TR_NOOP("Argmax")},
        {"kept keys", QT_TR_NOOP("Kept keys")},
        {"threshold", QT_TR_NOOP("Threshold")},
        {"z", QT_TR_NOOP("Shifted scores")},
        {"tau", QT_TR_NOOP("Threshold τ")},
        {"support", QT_TR_NOOP("Support")},
        {"probabilities", QT_TR_NOOP("Probabilities")},
        {"draws", QT_TR_NOOP("Draws")},
        {"counts", QT_TR_NOOP("Counts")},
        {"value", QT_TR_NOOP("Value vector of the key")},
        {"weighted value", QT_TR_NOOP("Weight times value")},
        {"context", QT_TR_NOOP("Context row")},
        {"output", QT_TR_NOOP("Output row")},
    };
    const auto it = titles.find(step.name);
    return it != titles.end() ? tr(it->second) : QString::fromStdString(step.title);
}

StepView::StepView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    header_ = new QLabel(this);
    header_->setObjectName(QStringLiteral("stepHeader"));
    header_->setWordWrap(true);
    layout->addWidget(header_);

    steps_ = new QTreeWidget(this);
    steps_->setObjectName(QStringLiteral("stepList"));
    steps_->setColumnCount(2);
    steps_->setHeaderLabels({tr("Step"), tr("Formula and numbers")});
    steps_->setRootIsDecorated(false);
    steps_->setWordWrap(true);
    steps_->setUniformRowHeights(false);
    steps_->setMouseTracking(true);
    // The numbers are what the dock is for: the step names take at most
    // a third of the width, and both columns wrap rather than elide.
    steps_->setTextElideMode(Qt::ElideNone);
    steps_->setItemDelegate(new WrappingDelegate(steps_));
    steps_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    steps_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    steps_->header()->setStretchLastSection(true);
    // Row heights follow the column widths only when the rows are laid out
    // again.
    connect(steps_->header(), &QHeaderView::sectionResized, this, [this] { steps_->doItemsLayout(); });
    steps_->setToolTip(tr("Hover a step to highlight the numbers it uses in the tables and the heatmap."));
    steps_->viewport()->installEventFilter(this);
    connect(steps_, &QTreeWidget::itemEntered, this, &StepView::onItemEntered);
    layout->addWidget(steps_, 1);

    auto* buttons = new QHBoxLayout;
    copyText_ = new QPushButton(tr("Copy as &text"), this);
    copyText_->setObjectName(QStringLiteral("copyTextButton"));
    copyText_->setToolTip(tr("Copy every step as plain text"));
    copyLatex_ = new QPushButton(tr("Copy as &LaTeX"), this);
    copyLatex_->setObjectName(QStringLiteral("copyLatexButton"));
    copyLatex_->setToolTip(tr("Copy every step as a LaTeX align* environment"));
    connect(copyText_, &QPushButton::clicked, this, &StepView::copyPlainText);
    connect(copyLatex_, &QPushButton::clicked, this, &StepView::copyLatex);
    buttons->addWidget(copyText_);
    buttons->addWidget(copyLatex_);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    clear(tr("Click a cell of the heatmap to see how its weight is computed."));
}

void StepView::setExplanation(const ap::Explanation& e, const QString& cell) {
    explanation_ = e;
    cell_ = cell;
    has_ = true;
    header_->setText(
        tr("%1: score %2, weight %3").arg(cell).arg(double(e.score), 0, 'g', 6).arg(double(e.weight), 0, 'g', 6));
    // Rebuilt in place: the rows keep their positions while numbers change,
    // so a hovered step stays under the pointer during edits.
    const int n = int(e.steps.size());
    while (steps_->topLevelItemCount() > n) delete steps_->takeTopLevelItem(steps_->topLevelItemCount() - 1);
    for (int i = 0; i < n; ++i) {
        QTreeWidgetItem* item = steps_->topLevelItem(i);
        if (!item) {
            item = new QTreeWidgetItem(steps_);
        }
        const ap::ExplainStep& s = e.steps[std::size_t(i)];
        item->setText(0, tr("%1. %2").arg(i + 1).arg(titleFor(s)));
        const QString formula = localizedFormula(s);
        item->setText(1, formula);
        item->setToolTip(1, formula);
        item->setData(0, Qt::UserRole, i);
    }
    fitColumns();
    copyText_->setEnabled(true);
    copyLatex_->setEnabled(true);
}

void StepView::fitColumns() {
    const int width = steps_->viewport()->width();
    if (width <= 0) return;
    int names = 0;
    for (int i = 0; i < steps_->topLevelItemCount(); ++i)
        names = std::max(names, steps_->fontMetrics().horizontalAdvance(steps_->topLevelItem(i)->text(0)));
    const int wanted =
        std::min(names + 2 * steps_->fontMetrics().averageCharWidth() + steps_->indentation(), width / 3);
    if (steps_->header()->sectionSize(0) != wanted) steps_->header()->resizeSection(0, wanted);
    steps_->doItemsLayout();
}

void StepView::clear(const QString& message) {
    has_ = false;
    explanation_ = {};
    header_->setText(message);
    steps_->clear();
    copyText_->setEnabled(false);
    copyLatex_->setEnabled(false);
}

int StepView::stepCount() const { return steps_->topLevelItemCount(); }

QString StepView::stepTitle(int step) const {
    const QTreeWidgetItem* item = steps_->topLevelItem(step);
    return item ? item->text(0) : QString();
}

QString StepView::stepFormula(int step) const {
    const QTreeWidgetItem* item = steps_->topLevelItem(step);
    return item ? item->text(1) : QString();
}

QString StepView::plainText() const {
    if (!has_) return {};
    QString out = cell_ + QLatin1Char('\n');
    for (int i = 0; i < stepCount(); ++i)
        out += stepTitle(i) + QLatin1String("\n   ") + stepFormula(i) + QLatin1Char('\n');
    return out;
}

QString StepView::latex() const {
    return has_ ? QString::fromStdString(ap::explanationToLatex(explanation_)) : QString();
}

void StepView::copyPlainText() { QApplication::clipboard()->setText(plainText()); }

void StepView::copyLatex() { QApplication::clipboard()->setText(latex()); }

void StepView::onItemEntered(QTreeWidgetItem* item) {
    if (!item || !has_) return;
    const int i = item->data(0, Qt::UserRole).toInt();
    if (i < 0 || i >= int(explanation_.steps.size())) return;
    emit stepHovered(explanation_.steps[std::size_t(i)].uses);
}

void StepView::changeEvent(QEvent* event) {
    // Titles and formulas are built with numbers, which retranslateWidgets()
    // cannot look up: a new language builds them again.
    if (event->type() == QEvent::LanguageChange) steps_->setHeaderLabels({tr("Step"), tr("Formula and numbers")});
    if (event->type() == QEvent::LanguageChange && has_) setExplanation(explanation_, cell_);
    QWidget::changeEvent(event);
}

bool StepView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == steps_->viewport() && event->type() == QEvent::Leave) emit stepHovered({});
    if (watched == steps_->viewport() && event->type() == QEvent::Resize) fitColumns();
    return QWidget::eventFilter(watched, event);
}

}  // namespace ui
