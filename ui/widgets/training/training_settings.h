// The training settings as a form: scoring kind, normalization,
// heads, hidden size, epochs, learning rate, seed and guided alignment. Options the form does
// not show keep the engine's defaults (Seq2SeqOptions).
#pragma once

#include "translation/seq2seq.h"
#include "widgets/common/options_form.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ui {

class TrainingSettings : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettings(QWidget* parent = nullptr);

    ap::Seq2SeqOptions options() const;
    // Shows the form's fields of `options`; values outside the widgets'
    // ranges are clamped by them.
    void setOptions(const ap::Seq2SeqOptions& options);

    // Where guided alignment's links come from: the corpus's gold column or
    // the IBM Model 2 aligner trained on the training pairs.
    enum class GuideSource { Gold, Ibm2 };
    GuideSource guide() const;
    void setGuide(GuideSource source);

    // The share of pairs held out for evaluation, 0..0.5.
    double holdoutFraction() const;
    void setHoldoutFraction(double fraction);
    bool lowercase() const;
    void setLowercase(bool lowercase);

    // The largest hidden size offered: the GUI thread recomputes one pair's
    // attention per view refresh, which stays well under a millisecond up
    // to this width.
    static constexpr int kMaxHidden = 512;

signals:
    // The held-out share, the seed or the case folding changed: the pair
    // list marks other pairs.
    void splitSettingsChanged();

private:
    OptionsForm<ap::Seq2SeqOptions> fields_;
    // Settings of the panel's, outside the engine's options.
    QDoubleSpinBox* guided_ = nullptr;
    QComboBox* guide_ = nullptr;
    QSpinBox* holdout_ = nullptr;
    QCheckBox* lowercase_ = nullptr;
};

}  // namespace ui
