// The attention controls: scoring, normalization,
// temperature, heads, masks and the input switches. Plain data in
// (setState), one signal per user action out; the document decides what an
// action does, so the panel never changes the scene itself.
#pragma once

#include "core/scene.h"

#include <QWidget>

#include <cstdint>
#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QPushButton;
class QSpinBox;

namespace ui {

class TemperatureField;

struct ControlsState {
    ap::Scoring scoring = ap::Scoring::ScaledDot;
    ap::Normalization normalization = ap::Normalization::Softmax;
    int k = 2;
    int samples = 1;
    std::uint64_t seed = 0;
    float temperature = 1.0f;
    int heads = 1;
    std::vector<int> availableHeads{1};  // ascending
    bool causal = false;
    bool maskEditMode = false;
    bool selfAttention = false;
    bool kEqualsV = false;
    bool showScores = false;
};

// The head counts a scene of widths d and dv allows: every common divisor,
// up to ap::limits::kMaxHeads, ascending.
std::vector<int> commonDivisors(int d, int dv);

class SceneDocument;
// The controls as the document's scene and modes set them; the window's own
// modes (mask editing, scores shown) are left to the caller.
ControlsState controlsStateOf(const SceneDocument& document);

class ControlsPanel;
// Hands the panel's actions to the document, as the playground and each
// side of the comparison do. A change the document refuses goes to
// `failed` (its message); after a switch the document may refuse or adjust,
// `resync` shows the scene in the panel again. `context` ends the
// connections when it goes.
void connectToDocument(ControlsPanel* panel, SceneDocument* document, QObject* context,
                       const std::function<void(const QString&)>& failed, const std::function<void()>& resync);

class ControlsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlsPanel(QWidget* parent = nullptr);

    // Shows `state` without emitting any of the signals below.
    void setState(const ControlsState& state);
    // Fills the heads combo with exactly `heads` (keeps the current count
    // selected when it is among them); emits nothing.
    void setAvailableHeads(const std::vector<int>& heads);
    // What the widgets show now.
    ControlsState state() const;
    // Ctrl+Shift+R (Resample) works anywhere in the window by default; with
    // two panels in one window (compare mode) it goes to the panel whose
    // `scope` holds the focus instead.
    void limitShortcutTo(QWidget* scope);

signals:
    void scoringChanged(ap::Scoring scoring);
    void normalizationChanged(ap::Normalization normalization);
    void topKChanged(int k);
    // The sample normalizer's draws per row and seed; Resample asks for a
    // new seed.
    void samplesChanged(int samples);
    void seedChanged(quint64 seed);
    void resampleRequested();
    // Also emitted while the slider is dragged; the document merges them.
    void temperatureChanged(float temperature);
    void headsChanged(int heads);
    void causalChanged(bool causal);
    void maskEditModeToggled(bool on);
    void selfAttentionToggled(bool on);
    void kEqualsVToggled(bool on);
    void showScoresToggled(bool on);

private:
    QWidget* buildAttentionGroup();
    QWidget* buildHeadsAndMaskGroup();
    QWidget* buildInputsGroup();
    void updateDependentWidgets();

    QComboBox* scoring_ = nullptr;
    QComboBox* normalization_ = nullptr;
    QSpinBox* k_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* resample_ = nullptr;
    TemperatureField* temperature_ = nullptr;
    QComboBox* heads_ = nullptr;
    QComboBox* maskPreset_ = nullptr;
    QPushButton* maskEdit_ = nullptr;
    QCheckBox* selfAttention_ = nullptr;
    QCheckBox* kEqualsV_ = nullptr;
    QCheckBox* showScores_ = nullptr;
};

}  // namespace ui
