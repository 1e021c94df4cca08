#include "widgets/training/training_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace ui {
namespace {

void selectData(QComboBox* box, int value) {
    const int i = box->findData(value);
    if (i >= 0) box->setCurrentIndex(i);
}

}  // namespace

TrainingSettings::TrainingSettings(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    scoring_ = new QComboBox(this);
    scoring_->setObjectName(QStringLiteral("trainScoringCombo"));
    struct Item {
        ap::Scoring kind;
        QString name, tip;
    };
    const Item scorings[] = {
        {ap::Scoring::Dot, tr("dot"), tr("score = s·h")},
        {ap::Scoring::ScaledDot, tr("scaled dot"), tr("score = s·h / √dₕ (Vaswani et al. 2017)")},
        {ap::Scoring::General, tr("general (Luong)"), tr("score = sᵀ W h with a learnt W (Luong et al. 2015)")},
        {ap::Scoring::Additive, tr("additive (Bahdanau)"),
         tr("score = vᵀ tanh(W_q s + W_k h) with learnt W_q, W_k, v (Bahdanau et al. 2015)")},
        {ap::Scoring::Cosine, tr("cosine"), tr("score = s·h / (‖s‖ ‖h‖) times a learnt scale")},
    };
    for (const Item& item : scorings) {
        scoring_->addItem(item.name, int(item.kind));
        scoring_->setItemData(scoring_->count() - 1, item.tip, Qt::ToolTipRole);
    }
    scoring_->setToolTip(tr("How the decoder state s scores each encoder state h"));
    form->addRow(tr("Sc&oring:"), scoring_);

    normalization_ = new QComboBox(this);
    normalization_->setObjectName(QStringLiteral("trainNormalizationCombo"));
    normalization_->addItem(tr("softmax"), int(ap::Normalization::Softmax));
    normalization_->addItem(tr("sparsemax"), int(ap::Normalization::Sparsemax));
    // Hard and top-k have no useful gradient, so they are not offered here.
    normalization_->setToolTip(tr("How scores become weights: softmax spreads weight over every source word, sparsemax "
                                  "gives exact zeros (Martins & Astudillo 2016)"));
    form->addRow(tr("&Normalization:"), normalization_);

    heads_ = new QSpinBox(this);
    heads_->setObjectName(QStringLiteral("trainHeadsSpin"));
    heads_->setRange(1, 16);
    heads_->setToolTip(tr("Attention heads; they must divide the hidden size. The heatmap shows "
                          "their mean"));
    form->addRow(tr("&Heads:"), heads_);

    hidden_ = new QSpinBox(this);
    hidden_->setObjectName(QStringLiteral("trainHiddenSpin"));
    hidden_->setRange(2, kMaxHidden);
    hidden_->setSingleStep(2);
    hidden_->setToolTip(tr("Width of the encoder and decoder states (even: the encoder runs half "
                           "of it each way)"));
    form->addRow(tr("Hidden si&ze:"), hidden_);

    epochs_ = new QSpinBox(this);
    epochs_->setObjectName(QStringLiteral("trainEpochsSpin"));
    epochs_->setRange(0, 1000000);
    // 0 is the engine's automatic choice (ap::automaticEpochs).
    epochs_->setSpecialValueText(tr("Automatic"));
    epochs_->setToolTip(tr("Passes over all pairs. Automatic: about %L1 pair updates, at most %2 "
                           "epochs — large corpora need few passes, and more make the attention "
                           "drift from the alignment")
                            .arg(ap::kAutomaticUpdates)
                            .arg(ap::kMaxAutomaticEpochs));
    form->addRow(tr("&Epochs:"), epochs_);

    learningRate_ = new QDoubleSpinBox(this);
    learningRate_->setObjectName(QStringLiteral("trainLearningRateSpin"));
    learningRate_->setDecimals(5);
    learningRate_->setRange(0.00001, 1.0);
    learningRate_->setSingleStep(0.001);
    learningRate_->setToolTip(tr("Adam's step size"));
    form->addRow(tr("&Learning rate:"), learningRate_);

    seed_ = new QSpinBox(this);
    seed_->setObjectName(QStringLiteral("trainSeedSpin"));
    seed_->setRange(0, INT_MAX);
    seed_->setToolTip(tr("Seeds the initial parameters and the order of the pairs: the same seed "
                         "repeats the same run"));
    form->addRow(tr("See&d:"), seed_);
    connect(seed_, &QSpinBox::valueChanged, this, &TrainingSettings::splitSettingsChanged);

    guided_ = new QDoubleSpinBox(this);
    guided_->setObjectName(QStringLiteral("trainGuidedSpin"));
    guided_->setDecimals(2);
    guided_->setRange(0.0, 10.0);
    guided_->setSingleStep(0.25);
    guided_->setToolTip(tr("Guided alignment weight λ: adds λ times the cross-entropy between each "
                           "target word's attention and its guide's links to the loss (Chen et al. "
                           "2016). 0 leaves the attention unsupervised; needs softmax"));
    form->addRow(tr("&Guided alignment:"), guided_);

    guide_ = new QComboBox(this);
    guide_->setObjectName(QStringLiteral("trainGuideCombo"));
    guide_->addItem(tr("gold links"), int(GuideSource::Gold));
    guide_->setItemData(0, tr("The corpus's own alignment column"), Qt::ToolTipRole);
    guide_->addItem(tr("IBM Model 2 aligner"), int(GuideSource::Ibm2));
    guide_->setItemData(1,
                        tr("Links of the statistical aligner (IBM Model 2 both ways, "
                           "grow-diag-final-and, 10 iterations) trained on the training pairs: "
                           "for corpora without gold links"),
                        Qt::ToolTipRole);
    guide_->setToolTip(tr("Where guided alignment takes its links from"));
    // The guide matters only when guided alignment is on.
    connect(guided_, &QDoubleSpinBox::valueChanged, this, [this](double v) { guide_->setEnabled(v > 0.0); });
    form->addRow(tr("G&uide:"), guide_);

    holdout_ = new QSpinBox(this);
    holdout_->setObjectName(QStringLiteral("trainHoldoutSpin"));
    holdout_->setRange(0, 50);
    holdout_->setSuffix(tr(" %"));
    holdout_->setToolTip(tr("Pairs set aside (chosen with the seed) and never trained on: their "
                            "figures show how well the model generalises"));
    connect(holdout_, &QSpinBox::valueChanged, this, &TrainingSettings::splitSettingsChanged);
    form->addRow(tr("Held &out:"), holdout_);

    lowercase_ = new QCheckBox(tr("Lower-case both sides"), this);
    lowercase_->setObjectName(QStringLiteral("trainLowercaseCheck"));
    lowercase_->setToolTip(tr("Fold the case of every word, so that \"Le\" and \"le\" are one word"));
    connect(lowercase_, &QCheckBox::toggled, this, &TrainingSettings::splitSettingsChanged);
    form->addRow(QString(), lowercase_);

    setOptions(ap::Seq2SeqOptions{});
}

ap::Seq2SeqOptions TrainingSettings::options() const {
    ap::Seq2SeqOptions o;
    o.scoring = ap::Scoring(scoring_->currentData().toInt());
    o.normalization = ap::Normalization(normalization_->currentData().toInt());
    o.heads = heads_->value();
    o.hidden = hidden_->value();
    o.epochs = epochs_->value();
    o.adam.learningRate = learningRate_->value();
    o.seed = std::uint64_t(seed_->value());
    o.guidedAlignment = guided_->value();
    return o;
}

void TrainingSettings::setOptions(const ap::Seq2SeqOptions& o) {
    selectData(scoring_, int(o.scoring));
    selectData(normalization_, int(o.normalization));
    heads_->setValue(o.heads);
    hidden_->setValue(o.hidden);
    epochs_->setValue(o.epochs);
    learningRate_->setValue(o.adam.learningRate);
    seed_->setValue(int(std::min<std::uint64_t>(o.seed, INT_MAX)));
    guided_->setValue(o.guidedAlignment);
    guide_->setEnabled(o.guidedAlignment > 0.0);
}

TrainingSettings::GuideSource TrainingSettings::guide() const { return GuideSource(guide_->currentData().toInt()); }

void TrainingSettings::setGuide(GuideSource source) { selectData(guide_, int(source)); }

double TrainingSettings::holdoutFraction() const { return holdout_->value() / 100.0; }

void TrainingSettings::setHoldoutFraction(double fraction) { holdout_->setValue(int(std::lround(fraction * 100.0))); }

bool TrainingSettings::lowercase() const { return lowercase_->isChecked(); }

void TrainingSettings::setLowercase(bool lowercase) { lowercase_->setChecked(lowercase); }

}  // namespace ui
