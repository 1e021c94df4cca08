// The translation window's panel: pick a parallel corpus, train the
// encoder-decoder on a worker thread (TrainingSession) and watch each
// pair's decoder -> encoder attention line up with the gold alignment, on
// the training pairs and on the held-out ones.
//
// Self-contained: the main window embeds it and connects openInPlayground.
// The GUI thread only reads model snapshots the worker hands over, and
// redraws at most every kRefreshMs however fast the epochs come.
#pragma once

#include "translation/aligner.h"
#include "translation/seq2seq.h"
#include "widgets/training/training_session.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QTimer;

namespace ui {

class BarChartView;
class CorpusPicker;
class HeatmapView;
class MessageBar;
class ModelLoadBar;
class PlainCoalescingWorker;
class PairListModel;
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
    // Refused while training. Returns "" on success. Does not ask: the
    // window's own corpus switches ask first (confirmDiscardModel).
    QString loadCorpusFile(const QString& path);
    // Whether a trained model may be dropped: true when there is none,
    // else the answer to a question (setDiscardQuestion replaces it).
    bool confirmDiscardModel();
    void setDiscardQuestion(std::function<bool()> question);

    // Training, as the Train / Pause / Resume / Stop buttons do.
    void startTraining();
    void pauseTraining();
    void resumeTraining();
    void stopTraining();

    // Model files, as Save model… / Load model… do: "" or the message shown.
    QString saveModel(const QString& path);
    QString loadModel(const QString& path);
    // As Load model… does: reads the file on a worker thread while the
    // window stays live (a busy bar with Cancel); the model, or the
    // reader's message, arrives in modelLoadFinished.
    void loadModelInBackground(const QString& path);
    bool isLoadingModel() const;
    void cancelModelLoad();

    // Shows pair `index` (0-based) in the heatmap; -1 shows none.
    void selectPair(int index);
    // The heatmap row whose weights the bar chart shows.
    void selectTargetRow(int row);
    // Greedy-decodes `sentence` (tokenized like the corpus) with the latest
    // model and shows its attention; the result is in translationText().
    void translate(const QString& sentence);

    ap::Seq2SeqOptions options() const;
    void setOptions(const ap::Seq2SeqOptions& options);
    TrainingSettings* settings() const { return settings_; }

    // State, for the main window and tests.
    TrainingSession* session() const { return session_; }
    const ap::Corpus* corpus() const { return session_->corpus().get(); }
    int currentPairIndex() const;
    bool isTraining() const { return session_->isTraining(); }
    bool isPaused() const { return session_->state() == TrainingSession::State::Paused; }
    // The newest model snapshot (null before the first epoch).
    ModelPtr model() const { return session_->model(); }
    std::optional<ap::EpochStats> lastStats() const { return session_->lastStats(); }
    bool showsTranslation() const { return showsTranslation_; }
    QString errorText() const;
    QString statusText() const;
    QString heldOutText() const;
    QString translationText() const;
    int lossPlotPointCount() const;
    int aerPlotPointCount() const;
    TrainingPlots* plots() const { return plots_; }
    PairListModel* pairModel() const { return pairModel_; }
    HeatmapView* heatmapView() const { return heatmap_; }
    // The statistical aligner's soft alignment of the selected pair, shown
    // beside the attention, and the text that compares the two.
    HeatmapView* alignerHeatmapView() const { return alignerHeatmap_; }
    QString lessonText() const;
    // The aligner's run over the current corpus: null until it is done.
    std::shared_ptr<const ap::AlignerSummary> alignment() const { return alignment_; }
    bool isAligning() const { return aligning_; }
    // AER against the gold links of the selected pair: the attention's
    // argmax (nullopt without a model, a pair or gold links) and the
    // aligner's symmetrised links (nullopt until aligned).
    std::optional<double> pairAttentionAer() const { return pairAttentionAer_; }
    std::optional<double> pairAlignerAer() const { return pairAlignerAer_; }
    // For a held-out pair with gold links: the AER of the same aligner
    // trained on the training pairs only and applied with its parameters
    // fixed (translation/trained_aligner.h), as the attention never saw the
    // pair; nullopt otherwise.
    std::optional<double> pairAlignerAerTrainOnly() const { return pairAlignerAerTrainOnly_; }
    // Generate corpus…: opens GenerateCorpusDialog; the corpus it writes is
    // loaded here.
    QAction* generateCorpusAction() const { return generateAction_; }
    BarChartView* barChartView() const { return barChart_; }

signals:
    // "Open in playground": the selected pair's trained decoder states
    // (queries) and encoder states (keys = values) as an editable scene.
    void openInPlayground(const ap::Scene& scene);
    // Training began (true) or its run ended, completed or stopped (false).
    void trainingChanged(bool training);
    // A background model load ended: "" or the message shown.
    void modelLoadFinished(const QString& error);

private:
    QWidget* buildCorpusBox();
    QWidget* buildTrainingBox();
    // Train, Pause, Stop, the model files, progress and status: below the
    // settings, outside their scrolling, so always on screen.
    QWidget* buildRunControls();
    QWidget* buildViews();
    QAction* addShortcutAction(const QString& text, const QString& tip, const QKeySequence& key);

    void chooseCorpus(const QString& path);
    void showError(const QString& message);
    void onCorpusChanged();
    void onStateChanged();
    void updateActions();
    void onEpoch(const ap::EpochStats& stats);
    void scheduleRefresh();
    void refreshViews();
    void refreshHeatmap();
    void refreshBarChart();
    void updateStatus();
    void openSelectedPair();
    void applySplitSettings();
    void openGenerateDialog();
    // Runs the statistical aligner over the current corpus on a thread of
    // its own; a newer corpus cancels the run under way.
    void startAligner();
    // The aligner trained on the training pairs only, applied to the
    // held-out ones: summary.pairs[k] aligns corpus pair indices[k].
    struct HeldOutAlignment {
        std::vector<int> indices;
        ap::AlignerSummary summary;
    };
    void onAligned(quint64 requestId, std::shared_ptr<const ap::AlignerSummary> summary,
                   std::shared_ptr<const HeldOutAlignment> heldOut);
    void refreshAlignerHeatmap(int pair);
    void updateLesson();

    TrainingSession* session_ = nullptr;
    bool wasTraining_ = false;
    bool showsTranslation_ = false;
    std::vector<std::string> translationSource_;
    int selectedRow_ = 0;
    std::function<bool()> discardQuestion_;

    CorpusPicker* picker_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    PairListModel* pairModel_ = nullptr;
    QListView* pairView_ = nullptr;
    TrainingSettings* settings_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* heldOutStatus_ = nullptr;
    QLineEdit* translateEdit_ = nullptr;
    QLabel* translation_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    HeatmapView* alignerHeatmap_ = nullptr;
    QLabel* lesson_ = nullptr;
    std::unique_ptr<PlainCoalescingWorker> aligner_;
    quint64 alignerRequest_ = 0;
    bool aligning_ = false;
    std::shared_ptr<const ap::AlignerSummary> alignment_;
    std::shared_ptr<const HeldOutAlignment> heldOutAlignment_;
    std::optional<double> pairAttentionAer_, pairAlignerAer_, pairAlignerAerTrainOnly_;
    BarChartView* barChart_ = nullptr;
    TrainingPlots* plots_ = nullptr;
    QTimer* refreshTimer_ = nullptr;
    QAction* loadAction_ = nullptr;
    QAction* trainAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* playgroundAction_ = nullptr;
    QAction* saveModelAction_ = nullptr;
    QAction* loadModelAction_ = nullptr;
    QAction* generateAction_ = nullptr;
    ModelLoadBar* modelLoadBar_ = nullptr;
};

}  // namespace ui
