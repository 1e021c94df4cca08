// The application window: wires the document, the worker and the views.
// Every edit goes to the SceneDocument (undoable); every document change
// asks the worker for a new result; every result that answers the newest
// request is shown by all views at once.
#pragma once

#include "widgets/playground/attention_worker.h"
#include "render/heatmap_data.h"

#include <QMainWindow>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QTimer;

namespace ui {

class LearningTools;

class BarChartView;
class ControlsPanel;
class HeadGridView;
class HeadParamsEditor;
class HeatmapView;
class MatrixEditor;
class MessageBar;
class OutputView;
class RecentFiles;
class SceneDocument;
class TrainingPanel;
enum class ChangeKind;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a scene file; on failure shows the message and keeps the scene
    // that was open. Returns whether the file was opened.
    bool openFile(const QString& path);
    // Replaces the scene (not undoable, like opening a file), e.g. from the
    // training window's "Open in playground".
    void setScene(ap::Scene scene);
    bool saveFile(const QString& path);
    // Exports what the window shows; returns "" or the message.
    QString exportImage(const QString& path, QSize size, bool wholeGrid = false);
    QString exportWeightsCsv(const QString& path);
    QString exportOutputCsv(const QString& path);

    SceneDocument* document() const { return document_; }
    const ap::Scene& scene() const;
    // The result the views show, or null before the first one arrives.
    ResultPtr currentResult() const { return result_; }
    quint64 latestRequestId() const { return requestId_; }
    bool isBusyIndicatorVisible() const;

    HeatmapView* heatmapView() const { return heatmap_; }
    HeadGridView* headGridView() const { return headGrid_; }
    BarChartView* barChartView() const { return barChart_; }
    OutputView* outputView() const { return output_; }
    ControlsPanel* controlsPanel() const { return controls_; }
    MatrixEditor* matrixEditor(int role) const { return editors_[role]; }
    TrainingPanel* trainingPanel();
    // The Steps and Lessons docks, the sampled bars and the compare window.
    LearningTools* learningTools() const { return learning_; }
    HeadChoice currentHead() const { return head_; }
    int selectedQuery() const { return selectedQuery_; }
    bool maskEditMode() const { return maskEditMode_; }
    // The message shown in the message bar (empty when none).
    QString lastError() const;

public slots:
    void selectQuery(int row);
    void selectHead(ui::HeadChoice head);
    void setMaskEditMode(bool on);
    void setShowScores(bool on);

signals:
    // Emitted after the views show the result of the newest request.
    void viewsUpdated(quint64 requestId);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildViews();
    void buildDocks();
    void buildMenus();
    void connectControls();
    void onSceneChanged(ChangeKind kind);
    void requestCompute();
    void onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec view, HeatmapPtr heatmap);
    ViewSpec viewSpec() const;
    void onFailed(quint64 id, const QString& message);
    // `prepared` is the worker's heatmap for the current ViewSpec, if any.
    void refreshViews(HeatmapPtr prepared = nullptr);
    void refreshBarChart();
    void syncControls();
    void updateTitle();
    // The status line: sizes, heads and fully masked rows of the result.
    void updateStatus();
    void updateUndoActions();
    void showError(const QString& message);
    bool maybeSave();
    void newScene();
    void openDialog();
    bool save();
    bool saveAs();
    void exportDialog();
    void exportCsvDialog(bool weights);
    void copyImage();
    QString startDir() const;
    void rememberDir(const QString& path);
    void fillExamplesMenu(QMenu* menu);

    SceneDocument* document_ = nullptr;
    AttentionWorker worker_;
    ScenePtr resultScene_;   // the scene the shown result answers
    ResultPtr result_;
    quint64 requestId_ = 0;
    HeadChoice head_;
    int selectedQuery_ = 0;
    bool maskEditMode_ = false;
    bool showScores_ = false;
    Colormap::Kind colormap_ = Colormap::Kind::Viridis;

    MessageBar* messages_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    HeadGridView* headGrid_ = nullptr;
    QSplitter* mapSplitter_ = nullptr;
    BarChartView* barChart_ = nullptr;
    OutputView* output_ = nullptr;
    ControlsPanel* controls_ = nullptr;
    MatrixEditor* editors_[3] = {};
    HeadParamsEditor* headParams_ = nullptr;
    TrainingPanel* training_ = nullptr;
    QWidget* trainingWindow_ = nullptr;
    RecentFiles* recent_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* busy_ = nullptr;
    QTimer* busyTimer_ = nullptr;
    LearningTools* learning_ = nullptr;
};

}  // namespace ui
