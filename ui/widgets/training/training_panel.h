// The translation playground of issue 4, section 4: load a parallel corpus,
// train the encoder-decoder on a worker thread and watch each pair's
// decoder -> encoder attention line up with the gold alignment.
//
// Self-contained: the main window embeds it and connects openInPlayground.
// The GUI thread only reads model snapshots the worker hands over, and
// redraws at most every kRefreshMs however fast the epochs come.
#pragma once

#include "translation/seq2seq.h"
#include "widgets/training/training_worker.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTimer;

namespace ui {

class BarChartView;
class HeatmapView;
class TrainingPlots;
class TrainingSettings;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    static constexpr int kRefreshMs = 40;

    // Reads a corpus file. On success it replaces the corpus (and drops the
    // model trained on the previous one); on failure the message, naming the
    // file and the line, is shown and returned and the current corpus stays.
    // Refused while training. Returns "" on success.
    QString loadCorpusFile(const QString& path);

    // Training, as the Train / Pause / Resume / Stop buttons do.
    void startTraining();
    void pauseTraining();
    void resumeTraining();
    void stopTraining();

    // Shows pair `index` (0-based) in the heatmap; -1 shows none.
    void selectPair(int index);
    // The heatmap row whose weights the bar chart shows.
    void selectTargetRow(int row);
    // Greedy-decodes `sentence` (tokenized like the corpus) with the latest
    // model and shows its attention; the result is in translationText().
    void translate(const QString& sentence);

    ap::Seq2SeqOptions options() const;
    void setOptions(const ap::Seq2SeqOptions& options);

    // State, for the main window and tests.
    const ap::Corpus* corpus() const { return corpus_.get(); }
    int currentPairIndex() const;
    bool isTraining() const { return state_ != State::Idle; }
    bool isPaused() const { return state_ == State::Paused; }
    // The newest model snapshot (null before the first epoch).
    ModelPtr model() const { return model_; }
    std::optional<ap::EpochStats> lastStats() const { return lastStats_; }
    bool showsTranslation() const { return showsTranslation_; }
    QString errorText() const;
    QString statusText() const;
    QString translationText() const;
    int lossPlotPointCount() const;
    int aerPlotPointCount() const;
    HeatmapView* heatmapView() const { return heatmap_; }
    BarChartView* barChartView() const { return barChart_; }

signals:
    // "Open in playground": the selected pair's trained decoder states
    // (queries) and encoder states (keys = values) as an editable scene.
    void openInPlayground(const ap::Scene& scene);
    // Training began (true) or its run ended, completed or stopped (false).
    void trainingChanged(bool training);

private:
    enum class State { Idle, Training, Paused, Stopping };

    QWidget* buildCorpusBox();
    QWidget* buildTrainingBox();
    QWidget* buildViews();
    QAction* addShortcutAction(const QString& text, const QString& tip, const QKeySequence& key);

    void loadShipped(int comboIndex);
    void showError(const QString& message);
    void fillPairList();
    void setState(State state);
    void updateActions();
    void onEpoch(const ap::EpochStats& stats, ModelPtr snapshot);
    void onTrainingFinished(bool completed);
    void scheduleRefresh();
    void refreshViews();
    void refreshHeatmap();
    void refreshBarChart();
    void updateStatus();
    void openSelectedPair();

    TrainingWorker* worker_ = nullptr;
    CorpusPtr corpus_;
    QString corpusPath_;
    ModelPtr model_;
    std::optional<ap::EpochStats> lastStats_;
    int plannedEpochs_ = 0;
    State state_ = State::Idle;
    bool stoppedEarly_ = false;
    bool showsTranslation_ = false;
    std::vector<std::string> translationSource_;
    int selectedRow_ = 0;

    QComboBox* corpusCombo_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QListWidget* pairList_ = nullptr;
    TrainingSettings* settings_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLineEdit* translateEdit_ = nullptr;
    QLabel* translation_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    BarChartView* barChart_ = nullptr;
    TrainingPlots* plots_ = nullptr;
    QTimer* refreshTimer_ = nullptr;
    QAction* loadAction_ = nullptr;
    QAction* trainAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* playgroundAction_ = nullptr;
};

}  // namespace ui
