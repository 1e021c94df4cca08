// The application window: builds the views, docks and menus and wires them
// to the document. Every edit goes to the SceneDocument (undoable); the
// PlaygroundPresenter turns every document change into a worker request and
// shows the newest result in all views at once.
//
// The window's code is split by job:
//   main_window.cpp           construction, wiring, status, window events
//   main_window_files.cpp     open, save, export, crash recovery
//   main_window_docks.cpp     createDocks(): one small function per dock
//   main_window_menus.cpp     createMenus(): one small function per menu
//   main_window_settings.cpp  readSettings()/writeSettings()
// To add a menu, declare a create…Menu() below, define it in
// main_window_menus.cpp and call it from createMenus().
#pragma once

#include "document/recovery_manager.h"
#include "render/heatmap_data.h"
#include "widgets/playground/attention_worker.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace ui {

class LearningTools;

class BarChartView;
class ControlsPanel;
class HeadGridView;
class HeatmapView;
class MatrixEditor;
class MessageBar;
class ModelWindow;
class OpeningIndicator;
class OutputView;
class PlaygroundPresenter;
class RecentFiles;
class SceneDocument;
class SceneLoader;
class TrainingPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a scene file now; on failure shows the message and keeps the
    // scene that was open. Returns whether the file was opened.
    bool openFile(const QString& path);
    // Opens a scene file on a worker thread, as File > Open does: the window
    // stays responsive and the status bar shows the load with a Cancel
    // button. Emits fileOpened or openFailed; a failure shows the message
    // and keeps the open scene.
    void openFileInBackground(const QString& path);
    bool openIfAttentionFile(const QString& path);
    // Opens a model checkpoint folder in a model window of its own (its
    // heads open here as scenes); returns that window.
    ModelWindow* openModel(const QString& dir);
    void cancelOpening();
    bool isOpening() const;
    // Offers, one by one, to restore the scenes that killed processes left
    // unsaved (Restore / Discard). Does not block.
    void offerRecovery();
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
    ResultPtr currentResult() const;
    quint64 latestRequestId() const;
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
    HeadChoice currentHead() const;
    int selectedQuery() const;
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
    void fileOpened(const QString& path);
    void openFailed(const QString& path, const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // main_window.cpp
    void createCentralViews();
    // The heatmap's key labels pad their key; the tip says so.
    void setKeyLabelAction();
    void createStatusBar();
    void createLoadingIndicator();
    void onSceneLoaded(const QString& path, std::shared_ptr<ap::Scene> scene);
    void onSceneLoadFailed(const QString& path, const QString& message);
    void setLoading(bool loading, const QString& path = {});
    void opened(const QString& path);
    void offerNextOrphan();
    void connectPresenter();
    void connectControls();
    void syncControls();
    void updateTitle();
    // The status line: sizes, heads and fully masked rows of the result.
    void updateStatus();
    void updateUndoActions();
    void createLearningTools();
    void showError(const QString& message);
    bool maybeSave();
    // Asked before a scene of the program's making (New, a lesson, a model's
    // head, a restored copy) replaces the open one: maybeSave(), and then a
    // file still being read is given up, or it would replace the newer
    // scene when it arrives.
    bool confirmReplace();
    // Stops waiting for a file being read, without a word.
    void dropPendingOpen();
    void newScene();
    void openDialog();
    void openModelDialog();
    void openExample(const QString& path);
    bool save();
    bool saveAs();
    void exportDialog();
    void exportCsvDialog(bool weights);
    void copyImage();
    void showTrainingWindow();
    QString startDir() const;
    void rememberDir(const QString& path);

    // main_window_docks.cpp
    void createDocks();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area);
    QDockWidget* createControlsDock();
    QDockWidget* createInputsDock();
    QDockWidget* createBarChartDock();
    QDockWidget* createOutputDock();

    // main_window_menus.cpp
    void createMenus();
    void createFileMenu();
    void createExamplesMenu(QMenu* parent);
    void createEditMenu();
    void createViewMenu();
    void createTranslationMenu();
    void createExperimentsMenu();
    void createLanguageMenu();
    void createHelpMenu();

    // main_window_settings.cpp
    void readSettings();
    void writeSettings() const;

    SceneDocument* document_ = nullptr;
    PlaygroundPresenter* presenter_ = nullptr;
    SceneLoader* loader_ = nullptr;
    RecoveryManager* recovery_ = nullptr;
    std::vector<RecoveryManager::Orphan> orphans_;
    bool maskEditMode_ = false;

    MessageBar* messages_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    HeadGridView* headGrid_ = nullptr;
    BarChartView* barChart_ = nullptr;
    OutputView* output_ = nullptr;
    ControlsPanel* controls_ = nullptr;
    QTabWidget* inputs_ = nullptr;
    MatrixEditor* editors_[3] = {};
    TrainingPanel* training_ = nullptr;
    QWidget* trainingWindow_ = nullptr;
    RecentFiles* recent_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QAction* showNumbersAction_ = nullptr;
    QList<QAction*> colormapActions_;
    QList<QAction*> colorScaleActions_;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    LearningTools* learning_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* busy_ = nullptr;
    OpeningIndicator* loading_ = nullptr;
};

}  // namespace ui
