#include "widgets/playground/head_params_editor.h"

#include "document/head_params_model.h"
#include "widgets/common/number_delegate.h"
#include "widgets/common/value_gestures.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace ui {

HeadParamsEditor::HeadParamsEditor(SceneDocument* document, QWidget* parent) : QWidget(parent), doc_(document) {
    head_ = new QComboBox(this);
    head_->setToolTip(tr("The head whose parameters are shown"));
    reset_ = new QPushButton(tr("Reset to identity"), this);
    reset_->setToolTip(tr("Back to the defaults: W = I for general; Wq = Wk = I and v = 1 for additive"));
    randomize_ = new QPushButton(tr("Randomize"), this);
    randomize_->setToolTip(tr("Normal(0, 1/dh) numbers drawn from the seed, for this head"));
    seed_ = new QSpinBox(this);
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(1);
    seed_->setPrefix(tr("seed "));
    seed_->setToolTip(tr("Seed of Randomize: the same seed gives the same numbers"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Head"), this));
    top->addWidget(head_);
    top->addStretch(1);
    top->addWidget(reset_);
    top->addWidget(randomize_);
    top->addWidget(seed_);

    none_ = new QLabel(this);
    none_->setWordWrap(true);
    none_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    general_ = new QWidget(this);
    auto* generalLayout = new QVBoxLayout(general_);
    generalLayout->setContentsMargins(0, 0, 0, 0);
    generalLayout->addWidget(
        table(HeadParamField::W, tr("W (dh × dh): score = qᵀ W k"), tr("Bilinear form of general (Luong) scoring")));

    additive_ = new QWidget(this);
    auto* additiveLayout = new QGridLayout(additive_);
    additiveLayout->setContentsMargins(0, 0, 0, 0);
    additiveLayout->addWidget(table(HeadParamField::Wq, tr("Wq (da × dh)"), tr("Applied to the query: Wq q")), 0, 0);
    additiveLayout->addWidget(table(HeadParamField::Wk, tr("Wk (da × dh)"), tr("Applied to the key: Wk k")), 0, 1);
    additiveLayout->addWidget(table(HeadParamField::V, tr("v (da)"), tr("score = vᵀ tanh(Wq q + Wk k)")), 0, 2);
    additiveLayout->setColumnStretch(0, 3);
    additiveLayout->setColumnStretch(1, 3);
    additiveLayout->setColumnStretch(2, 1);

    pages_ = new QStackedWidget(this);
    pages_->addWidget(none_);
    pages_->addWidget(general_);
    pages_->addWidget(additive_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(pages_, 1);

    connect(head_, &QComboBox::currentIndexChanged, this, [this](int head) {
        if (head < 0) return;
        for (HeadParamsModel* m : models_) m->setHead(head);
    });
    connect(reset_, &QPushButton::clicked, this, &HeadParamsEditor::resetToIdentity);
    connect(randomize_, &QPushButton::clicked, this, &HeadParamsEditor::randomize);
    connect(doc_, &SceneDocument::sceneChanged, this, [this](ChangeKind kind) {
        if (kind != ChangeKind::Values) refresh();
    });
    refresh();
}

HeadParamsEditor::~HeadParamsEditor() {
    // An open cell editor commits while ~QWidget closes it (see MatrixEditor).
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
}

QWidget* HeadParamsEditor::table(HeadParamField field, const QString& title, const QString& tip) {
    auto* box = new QWidget(this);
    auto* label = new QLabel(title, box);
    label->setToolTip(tip);
    auto* model = new HeadParamsModel(doc_, field, this);
    auto* view = new QTableView(box);
    view->setModel(model);
    view->setItemDelegate(new NumberDelegate(view));
    view->setToolTip(tip);
    view->horizontalHeader()->setDefaultSectionSize(56);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    new ValueGestures(view, [this, field](const QModelIndex& index, float value) {
        return doc_->setHeadParamCell(currentHead(), field, index.row(), index.column(), value,
                                      SceneDocument::Merge::SameCell);
    });
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    models_[int(field)] = model;
    views_[int(field)] = view;
    return box;
}

int HeadParamsEditor::currentHead() const { return std::max(0, head_->currentIndex()); }

void HeadParamsEditor::setCurrentHead(int head) {
    if (head >= 0 && head < head_->count()) head_->setCurrentIndex(head);
}

bool HeadParamsEditor::showsParameters() const { return pages_->currentWidget() != none_; }

HeadParamsModel* HeadParamsEditor::model(HeadParamField field) const { return models_[int(field)]; }

QTableView* HeadParamsEditor::view(HeadParamField field) const { return views_[int(field)]; }

void HeadParamsEditor::resetToIdentity() { doc_->resetHeadParams(currentHead()); }

void HeadParamsEditor::randomize() { doc_->randomizeHeadParams(std::uint32_t(seed_->value()), currentHead()); }

void HeadParamsEditor::refresh() {
    const ap::Scene& s = doc_->scene();
    if (head_->count() != s.heads) {
        const int keep = std::min(head_->currentIndex(), s.heads - 1);
        const QSignalBlocker block(head_);
        head_->clear();
        for (int h = 0; h < s.heads; ++h) head_->addItem(tr("Head %1").arg(h + 1));
        head_->setCurrentIndex(std::max(0, keep));
        for (HeadParamsModel* m : models_) m->setHead(head_->currentIndex());
    }
    head_->setEnabled(s.heads > 1);
    QWidget* page = none_;
    if (s.scoring == ap::Scoring::General)
        page = general_;
    else if (s.scoring == ap::Scoring::Additive)
        page = additive_;
    else
        none_->setText(tr("No parameters for this scoring kind: %1 scoring reads only Q and K.")
                           .arg(QString::fromUtf8(ap::displayName(s.scoring))));
    pages_->setCurrentWidget(page);
    const bool has = page != none_;
    reset_->setEnabled(has);
    randomize_->setEnabled(has);
    seed_->setEnabled(has);
}

}  // namespace ui
