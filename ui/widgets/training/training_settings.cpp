#include "widgets/training/training_settings.h"

#include <QCheckBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace ui {

TrainingSettings::TrainingSettings(QWidget* parent) : QWidget(parent), fields_(this, new QFormLayout(this)) {
    QFormLayout* form = fields_.form();
    form->setContentsMargins(0, 0, 0, 0);
    using O = ap::Seq2SeqOptions;
    auto name = [](QWidget* w, const char* objectName) { w->setObjectName(QLatin1String(objectName)); };

    name(fields_.addChoice(
             tr("Sc&oring:"), &O::scoring,
             {{tr("dot"), int(ap::Scoring::Dot), tr("score = s·h")},
              {tr("scaled dot"), int(ap::Scoring::ScaledDot), tr("score = s·h / √dₕ (Vaswani et al. 2017)")},
              {tr("general (Luong)"), int(ap::Scoring::General),
               tr("score = sᵀ W h with a learnt W (Luong et al. 2015)")},
              {tr("additive (Bahdanau)"), int(ap::Scoring::Additive),
               tr("score = vᵀ tanh(W_q s + W_k h) with learnt W_q, W_k, v (Bahdanau et al. 2015)")},
              {tr("cosine"), int(ap::Scoring::Cosine), tr("score = s·h / (‖s‖ ‖h‖) times a learnt scale")}},
             tr("How the decoder state s scores each encoder state h")),
         "trainScoringCombo");
    // Hard and top-k have no useful gradient, so they are not offered here.
    name(fields_.addChoice(tr("&Normalization:"), &O::normalization,
                           {{tr("softmax"), int(ap::Normalization::Softmax)},
                            {tr("sparsemax"), int(ap::Normalization::Sparsemax)}},
                           tr("How scores become weights: softmax spreads weight over every source word, sparsemax "
                              "gives exact zeros (Martins & Astudillo 2016)")),
         "trainNormalizationCombo");
    name(fields_.addInt(tr("&Heads:"), &O::heads, 1, 16,
                        tr("Attention heads; they must divide the hidden size. The heatmap shows "
                           "their mean")),
         "trainHeadsSpin");
    QSpinBox* hidden = fields_.addInt(tr("Hidden si&ze:"), &O::hidden, 2, kMaxHidden,
                                      tr("Width of the encoder and decoder states (even: the encoder runs half "
                                         "of it each way)"));
    name(hidden, "trainHiddenSpin");
    hidden->setSingleStep(2);
    QSpinBox* epochs = fields_.addInt(tr("&Epochs:"), &O::epochs, 0, 1000000,
                                      tr("Passes over all pairs. Automatic: about %L1 pair updates, at most %2 "
                                         "epochs — large corpora need few passes, and more make the attention "
                                         "drift from the alignment")
                                          .arg(ap::kAutomaticUpdates)
                                          .arg(ap::kMaxAutomaticEpochs));
    name(epochs, "trainEpochsSpin");
    // 0 is the engine's automatic choice (ap::automaticEpochs).
    epochs->setSpecialValueText(tr("Automatic"));
    name(fields_.addReal(
             tr("&Learning rate:"), [](auto& o) -> auto& { return o.adam.learningRate; }, 0.00001, 1.0, 0.001, 5,
             tr("Adam's step size")),
         "trainLearningRateSpin");
    QSpinBox* seed = fields_.addInt(tr("See&d:"), &O::seed, 0, INT_MAX,
                                    tr("Seeds the initial parameters and the order of the pairs: the same seed "
                                       "repeats the same run"));
    name(seed, "trainSeedSpin");
    connect(seed, &QSpinBox::valueChanged, this, &TrainingSettings::splitSettingsChanged);
    guided_ = fields_.addReal(tr("&Guided alignment:"), &O::guidedAlignment, 0.0, 10.0, 0.25, 2,
                              tr("Guided alignment weight λ: adds λ times the cross-entropy between each "
                                 "target word's attention and its guide's links to the loss (Chen et al. "
                                 "2016). 0 leaves the attention unsupervised; needs softmax"));
    name(guided_, "trainGuidedSpin");

    guide_ =
        form_widgets::choiceBox(this,
                                {{tr("gold links"), int(GuideSource::Gold), tr("The corpus's own alignment column")},
                                 {tr("IBM Model 2 aligner"), int(GuideSource::Ibm2),
                                  tr("Links of the statistical aligner (IBM Model 2 both ways, "
                                     "grow-diag-final-and, 10 iterations) trained on the training pairs: "
                                     "for corpora without gold links")}},
                                tr("Where guided alignment takes its links from"));
    name(guide_, "trainGuideCombo");
    // The guide matters only when guided alignment is on.
    connect(guided_, &QDoubleSpinBox::valueChanged, this, [this](double v) { guide_->setEnabled(v > 0.0); });
    form->addRow(tr("G&uide:"), guide_);

    holdout_ = form_widgets::intBox(this, 0, 50,
                                    tr("Pairs set aside (chosen with the seed) and never trained on: their "
                                       "figures show how well the model generalises"));
    name(holdout_, "trainHoldoutSpin");
    holdout_->setSuffix(tr(" %"));
    connect(holdout_, &QSpinBox::valueChanged, this, &TrainingSettings::splitSettingsChanged);
    form->addRow(tr("Held &out:"), holdout_);

    lowercase_ = new QCheckBox(tr("Lower-case both sides"), this);
    name(lowercase_, "trainLowercaseCheck");
    lowercase_->setToolTip(tr("Fold the case of every word, so that \"Le\" and \"le\" are one word"));
    connect(lowercase_, &QCheckBox::toggled, this, &TrainingSettings::splitSettingsChanged);
    form->addRow(QString(), lowercase_);

    setOptions(ap::Seq2SeqOptions{});
}

ap::Seq2SeqOptions TrainingSettings::options() const {
    ap::Seq2SeqOptions o;
    fields_.read(o);
    return o;
}

void TrainingSettings::setOptions(const ap::Seq2SeqOptions& o) {
    fields_.write(o);
    guide_->setEnabled(o.guidedAlignment > 0.0);
}

TrainingSettings::GuideSource TrainingSettings::guide() const { return GuideSource(guide_->currentData().toInt()); }

void TrainingSettings::setGuide(GuideSource source) { form_widgets::selectValue(guide_, int(source)); }

double TrainingSettings::holdoutFraction() const { return holdout_->value() / 100.0; }

void TrainingSettings::setHoldoutFraction(double fraction) { holdout_->setValue(int(std::lround(fraction * 100.0))); }

bool TrainingSettings::lowercase() const { return lowercase_->isChecked(); }

void TrainingSettings::setLowercase(bool lowercase) { lowercase_->setChecked(lowercase); }

}  // namespace ui
