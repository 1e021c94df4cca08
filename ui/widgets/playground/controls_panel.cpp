#include "widgets/playground/controls_panel.h"

#include "document/scene_document.h"
#include "document/scene_edits.h"
#include "widgets/playground/temperature_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeySequence>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <numeric>

namespace ui {
namespace {

// Each entry's tooltip is its formula; the combo's own tooltip follows the
// current entry (see showCurrentFormula), so hovering the closed combo tells
// what is in use.
template <typename Items>
void addItems(QComboBox* combo, const Items& items) {
    for (const auto& item : items) {
        combo->addItem(item.name, item.kind);
        combo->setItemData(combo->count() - 1, item.formula, Qt::ToolTipRole);
    }
}

void showCurrentFormula(QComboBox* combo) { combo->setToolTip(combo->currentData(Qt::ToolTipRole).toString()); }

// A row whose field is a layout gets no buddy from QFormLayout, and its "&"
// would show; this label gives the mnemonic to the row's main widget.
QLabel* buddyLabel(const QString& text, QWidget* buddy) {
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

void selectData(QComboBox* combo, int value) {
    const int i = combo->findData(value);
    if (i >= 0) combo->setCurrentIndex(i);
}

}  // namespace

std::vector<int> commonDivisors(int d, int dv) {
    std::vector<int> out;
    const int g = std::gcd(std::max(d, 0), std::max(dv, 0));
    for (int h = 1; h <= std::min(g, ap::limits::kMaxHeads); ++h)
        if (g % h == 0) out.push_back(h);
    if (out.empty()) out.push_back(1);
    return out;
}

ControlsState controlsStateOf(const SceneDocument& document) {
    const ap::Scene& s = document.scene();
    return {.scoring = s.scoring,
            .normalization = s.normalization,
            .k = s.topK,
            .samples = s.samples,
            .seed = s.seed,
            .temperature = s.temperature,
            .heads = s.heads,
            .availableHeads = commonDivisors(edits::modelWidth(s), edits::valueWidth(s)),
            .causal = s.mask.causal,
            .selfAttention = document.selfAttention(),
            .kEqualsV = document.kEqualsV()};
}

void connectToDocument(ControlsPanel* panel, SceneDocument* document, QObject* context,
                       const std::function<void(const QString&)>& failed, const std::function<void()>& resync) {
    SceneDocument* d = document;
    QObject::connect(panel, &ControlsPanel::scoringChanged, d, &SceneDocument::setScoring);
    QObject::connect(panel, &ControlsPanel::normalizationChanged, d, &SceneDocument::setNormalization);
    QObject::connect(panel, &ControlsPanel::topKChanged, d, &SceneDocument::setTopK);
    QObject::connect(panel, &ControlsPanel::samplesChanged, d, &SceneDocument::setSamples);
    QObject::connect(panel, &ControlsPanel::temperatureChanged, d, &SceneDocument::setTemperature);
    QObject::connect(panel, &ControlsPanel::causalChanged, d, &SceneDocument::setCausal);
    QObject::connect(panel, &ControlsPanel::seedChanged, d, [d](quint64 seed) { d->setSeed(seed); });
    // Resample: a new seed nobody chose, so entropy rather than a generator
    // of ours (whose draws are for reproducing).
    QObject::connect(panel, &ControlsPanel::resampleRequested, d,
                     [d] { d->setSeed(QRandomGenerator::global()->bounded(std::numeric_limits<int>::max())); });
    QObject::connect(panel, &ControlsPanel::headsChanged, context, [d, failed](int heads) {
        QString error;
        if (!d->setHeads(heads, &error)) failed(error);
    });
    QObject::connect(panel, &ControlsPanel::selfAttentionToggled, context, [d, failed, resync](bool on) {
        QString error;
        if (!d->setSelfAttention(on, &error)) failed(error);
        resync();
    });
    QObject::connect(panel, &ControlsPanel::kEqualsVToggled, context, [d, failed, resync](bool on) {
        QString error;
        if (!d->setKEqualsV(on, &error)) failed(error);
        resync();
    });
}

ControlsPanel::ControlsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildAttentionGroup());
    layout->addWidget(buildHeadsAndMaskGroup());
    layout->addWidget(buildInputsGroup());
    layout->addStretch(1);
    setState(ControlsState{});
}

QWidget* ControlsPanel::buildAttentionGroup() {
    auto* box = new QGroupBox(tr("Attention"), this);
    auto* form = new QFormLayout(box);

    scoring_ = new QComboBox(box);
    scoring_->setObjectName(QStringLiteral("scoringCombo"));
    struct Item {
        int kind;
        QString name, formula;
    };
    const Item scorings[] = {
        {int(ap::Scoring::Dot), tr("dot"), tr("score = q·k")},
        {int(ap::Scoring::ScaledDot), tr("scaled dot"),
         tr("score = q·k / √dₕ (Vaswani et al. 2017): the spread of the scores no longer grows "
            "with the head width dₕ")},
        {int(ap::Scoring::General), tr("general (Luong)"), tr("score = qᵀ W k, W is dₕ × dₕ (Luong et al. 2015)")},
        {int(ap::Scoring::Additive), tr("additive (Bahdanau)"),
         tr("score = vᵀ tanh(W_q q + W_k k) (Bahdanau et al. 2015)")},
        {int(ap::Scoring::Cosine), tr("cosine"), tr("score = q·k / (‖q‖ ‖k‖), and 0 where a norm is 0")},
    };
    addItems(scoring_, scorings);
    connect(scoring_, &QComboBox::activated, this, [this](int i) {
        updateDependentWidgets();
        emit scoringChanged(ap::Scoring(scoring_->itemData(i).toInt()));
    });
    form->addRow(tr("&Scoring:"), scoring_);

    normalization_ = new QComboBox(box);
    normalization_->setObjectName(QStringLiteral("normalizationCombo"));
    const Item norms[] = {
        {int(ap::Normalization::Softmax), tr("softmax"), tr("wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T)")},
        {int(ap::Normalization::Hard), tr("hard"),
         tr("wⱼ = 1 for the unmasked key with the largest score, 0 elsewhere (ties go to the lowest index)")},
        {int(ap::Normalization::TopK), tr("top-k"),
         tr("wⱼ = exp(sⱼ/T) / Σ_{k∈top-k} exp(sₖ/T) for the k largest unmasked scores, 0 elsewhere")},
        {int(ap::Normalization::Sparsemax), tr("sparsemax"),
         tr("w = argmin_{p∈Δ} ‖p − s/T‖² (Martins & Astudillo 2016): low scores get weight exactly 0")},
        {int(ap::Normalization::Sample), tr("sample"),
         tr("stochastic hard attention (Xu et al. 2015): N draws of a key with probability softmax(s/T); "
            "wⱼ = count of j / N")},
    };
    addItems(normalization_, norms);
    connect(normalization_, &QComboBox::activated, this, [this](int i) {
        updateDependentWidgets();
        emit normalizationChanged(ap::Normalization(normalization_->itemData(i).toInt()));
    });

    k_ = new QSpinBox(box);
    k_->setObjectName(QStringLiteral("topKSpin"));
    k_->setRange(1, ap::limits::kMaxTokens);
    k_->setPrefix(tr("k = "));
    // Only finished numbers are sent: typing "12" must not compute k = 1 first.
    k_->setKeyboardTracking(false);
    k_->setToolTip(tr("top-k keeps the k largest unmasked scores of each query and applies softmax "
                      "to them; k ≥ the number of unmasked keys is plain softmax"));
    connect(k_, &QSpinBox::valueChanged, this, [this](int k) { emit topKChanged(k); });
    auto* normRow = new QHBoxLayout;
    normRow->addWidget(normalization_, 1);
    normRow->addWidget(k_);
    form->addRow(buddyLabel(tr("&Normalization:"), normalization_), normRow);

    samples_ = new QSpinBox(box);
    samples_->setObjectName(QStringLiteral("samplesSpin"));
    samples_->setRange(1, ap::limits::kMaxSamples);
    samples_->setPrefix(tr("N = "));
    samples_->setKeyboardTracking(false);
    samples_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    samples_->setToolTip(tr("Draws per query row. N = 1 gives one-hot rows; as N grows the frequencies "
                            "approach the softmax probabilities."));
    connect(samples_, &QSpinBox::valueChanged, this, [this](int n) { emit samplesChanged(n); });
    seed_ = new QSpinBox(box);
    seed_->setObjectName(QStringLiteral("seedSpin"));
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setPrefix(tr("seed "));
    seed_->setKeyboardTracking(false);
    seed_->setToolTip(tr("The same seed gives the same draws on every machine."));
    connect(seed_, &QSpinBox::valueChanged, this, [this](int v) { emit seedChanged(quint64(v)); });
    resample_ = new QPushButton(tr("&Resample"), box);
    resample_->setObjectName(QStringLiteral("resampleButton"));
    resample_->setToolTip(tr("Draw again with a new seed (Ctrl+Shift+R); undo returns to the previous draws."));
    resample_->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    connect(resample_, &QPushButton::clicked, this, [this] { emit resampleRequested(); });
    auto* sampleRow = new QHBoxLayout;
    sampleRow->addWidget(samples_, 1);
    sampleRow->addWidget(seed_, 1);
    sampleRow->addWidget(resample_);
    form->addRow(buddyLabel(tr("Sa&mples:"), samples_), sampleRow);

    temperature_ = new TemperatureField(box);
    connect(temperature_, &TemperatureField::temperatureChanged, this,
            [this](double t) { emit temperatureChanged(float(t)); });
    form->addRow(buddyLabel(tr("&Temperature:"), temperature_->slider()), temperature_);
    return box;
}

QWidget* ControlsPanel::buildHeadsAndMaskGroup() {
    auto* box = new QGroupBox(tr("Heads and mask"), this);
    auto* form = new QFormLayout(box);

    heads_ = new QComboBox(box);
    heads_->setObjectName(QStringLiteral("headsCombo"));
    heads_->setToolTip(tr("h heads split the width: dₕ = d/h. Head i uses columns "
                          "[i·dₕ, (i+1)·dₕ) of Q and K and [i·dv/h, (i+1)·dv/h) of V; the output is "
                          "the heads' contexts side by side. h must divide d and dv."));
    connect(heads_, &QComboBox::activated, this, [this](int i) { emit headsChanged(heads_->itemData(i).toInt()); });
    form->addRow(tr("&Heads:"), heads_);

    maskPreset_ = new QComboBox(box);
    maskPreset_->setObjectName(QStringLiteral("maskPresetCombo"));
    maskPreset_->addItem(tr("none"), false);
    maskPreset_->setItemData(0,
                             tr("No preset: only key padding and masked cells apply (a masked cell "
                                "gets weight exactly 0)"),
                             Qt::ToolTipRole);
    maskPreset_->addItem(tr("causal"), true);
    maskPreset_->setItemData(1, tr("mᵢⱼ = [j > i]: query i may not attend a later key j (triu(ones, 1))"),
                             Qt::ToolTipRole);
    connect(maskPreset_, &QComboBox::activated, this, [this](int i) {
        updateDependentWidgets();
        emit causalChanged(maskPreset_->itemData(i).toBool());
    });

    maskEdit_ = new QPushButton(tr("Mask edit mode"), box);
    maskEdit_->setObjectName(QStringLiteral("maskEditButton"));
    maskEdit_->setCheckable(true);
    maskEdit_->setToolTip(tr("While on, clicking a heatmap cell (query i, key j) masks or unmasks it: "
                             "wᵢⱼ = 0 and row i is renormalized over its other keys"));
    connect(maskEdit_, &QPushButton::clicked, this, [this](bool on) { emit maskEditModeToggled(on); });
    auto* maskRow = new QHBoxLayout;
    maskRow->addWidget(maskPreset_, 1);
    maskRow->addWidget(maskEdit_);
    form->addRow(buddyLabel(tr("&Mask:"), maskPreset_), maskRow);
    return box;
}

QWidget* ControlsPanel::buildInputsGroup() {
    auto* box = new QGroupBox(tr("Inputs and view"), this);
    auto* col = new QVBoxLayout(box);

    selfAttention_ = new QCheckBox(tr("Self-attention (Q = K = V)"), box);
    selfAttention_->setObjectName(QStringLiteral("selfAttentionCheck"));
    selfAttention_->setToolTip(tr("Q = K = V = X: one matrix of tokens serves as queries, keys and "
                                  "values, so the sentence attends to itself"));
    connect(selfAttention_, &QCheckBox::clicked, this, [this](bool on) {
        updateDependentWidgets();
        emit selfAttentionToggled(on);
    });

    kEqualsV_ = new QCheckBox(tr("K = V"), box);
    kEqualsV_->setObjectName(QStringLiteral("kEqualsVCheck"));
    kEqualsV_->setToolTip(tr("V = K: the values are the keys (the encoder–decoder convention, "
                             "K = V = encoder states)"));
    connect(kEqualsV_, &QCheckBox::clicked, this, [this](bool on) { emit kEqualsVToggled(on); });

    showScores_ = new QCheckBox(tr("Show raw scores"), box);
    showScores_->setObjectName(QStringLiteral("showScoresCheck"));
    showScores_->setToolTip(tr("Show sᵢⱼ = score(qᵢ, kⱼ), before temperature and mask, instead of "
                               "the weights wᵢⱼ"));
    connect(showScores_, &QCheckBox::clicked, this, [this](bool on) { emit showScoresToggled(on); });

    col->addWidget(selfAttention_);
    col->addWidget(kEqualsV_);
    col->addWidget(showScores_);
    return box;
}

void ControlsPanel::updateDependentWidgets() {
    const auto norm = ap::Normalization(normalization_->currentData().toInt());
    k_->setEnabled(norm == ap::Normalization::TopK);
    for (QWidget* w : {static_cast<QWidget*>(samples_), static_cast<QWidget*>(seed_), static_cast<QWidget*>(resample_)})
        w->setEnabled(norm == ap::Normalization::Sample);
    // Hard attention takes the largest score whatever the temperature.
    temperature_->setEnabled(norm != ap::Normalization::Hard);
    showCurrentFormula(scoring_);
    showCurrentFormula(normalization_);
    showCurrentFormula(maskPreset_);
    // Q = K = V already implies K = V; the switch would have nothing to do.
    kEqualsV_->setEnabled(!selfAttention_->isChecked());
}

void ControlsPanel::setAvailableHeads(const std::vector<int>& heads) {
    const QSignalBlocker block(heads_);
    const int current = heads_->currentData().toInt();
    heads_->clear();
    for (int h : heads) heads_->addItem(QLocale().toString(h), h);
    selectData(heads_, current);
}

void ControlsPanel::setState(const ControlsState& s) {
    const QSignalBlocker b1(scoring_), b2(normalization_), b3(k_), b4(heads_), b5(maskPreset_), b6(maskEdit_),
        b7(selfAttention_), b8(kEqualsV_), b9(showScores_), b10(samples_), b11(seed_);
    samples_->setValue(s.samples);
    seed_->setValue(int(std::min<std::uint64_t>(s.seed, std::uint64_t(std::numeric_limits<int>::max()))));
    selectData(scoring_, int(s.scoring));
    selectData(normalization_, int(s.normalization));
    k_->setValue(s.k);
    temperature_->setTemperature(double(s.temperature));
    setAvailableHeads(s.availableHeads);
    selectData(heads_, s.heads);
    maskPreset_->setCurrentIndex(s.causal ? 1 : 0);
    maskEdit_->setChecked(s.maskEditMode);
    selfAttention_->setChecked(s.selfAttention);
    kEqualsV_->setChecked(s.kEqualsV);
    showScores_->setChecked(s.showScores);
    updateDependentWidgets();
}

ControlsState ControlsPanel::state() const {
    ControlsState s;
    s.scoring = ap::Scoring(scoring_->currentData().toInt());
    s.normalization = ap::Normalization(normalization_->currentData().toInt());
    s.k = k_->value();
    s.samples = samples_->value();
    s.seed = std::uint64_t(seed_->value());
    s.temperature = float(temperature_->temperature());
    s.heads = heads_->currentData().toInt();
    s.availableHeads.clear();
    for (int i = 0; i < heads_->count(); ++i) s.availableHeads.push_back(heads_->itemData(i).toInt());
    s.causal = maskPreset_->currentData().toBool();
    s.maskEditMode = maskEdit_->isChecked();
    s.selfAttention = selfAttention_->isChecked();
    s.kEqualsV = kEqualsV_->isChecked();
    s.showScores = showScores_->isChecked();
    return s;
}

void ControlsPanel::limitShortcutTo(QWidget* scope) {
    const QKeySequence keys = resample_->shortcut();
    resample_->setShortcut({});
    auto* shortcut = new QShortcut(keys, scope);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, resample_, [this] {
        if (resample_->isEnabled()) resample_->animateClick();
    });
}

}  // namespace ui
