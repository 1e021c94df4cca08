// The main window's menus, one function each. A new menu is a function
// that adds it to menuBar(), plus one line in createMenus().
#include "document/scene_document.h"
#include "document/scene_file.h"
#include "render/title_text.h"
#include "render/colormap.h"
#include "widgets/common/color_scale_menu.h"
#include "render/resources_dir.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/language_menu.h"
#include "widgets/common/recent_files.h"
#include "widgets/experiments/experiments_menu.h"
#include "widgets/help/help_menu.h"
#include "widgets/playground/controls_panel.h"
#include "widgets/playground/main_window.h"
#include "widgets/training/training_panel.h"
#include "widgets/playground/playground_presenter.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QUndoStack>

namespace ui {

void MainWindow::createMenus() {
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createTranslationMenu();
    createLearningTools();
    createExperimentsMenu();
    createLanguageMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newScene)
        ->setToolTip(tr("Start again from the built-in example"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("Open &Model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openModelDialog)
        ->setToolTip(tr("Open a Hugging Face checkpoint folder and watch its heads as you type"));
    QMenu* recentMenu = file->addMenu(tr("Open &Recent"));
    recent_ = new RecentFiles(recentMenu, this);
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& p) {
        if (maybeSave()) openFileInBackground(p);
    });
    createExamplesMenu(file);
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("&Export Image…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportDialog);
    file->addAction(tr("&Copy Image"), QKeySequence(tr("Ctrl+Shift+C")), this, &MainWindow::copyImage);
    file->addAction(tr("Export &Weights as CSV…"), this, [this] { exportCsvDialog(true); });
    file->addAction(tr("Export O&utput as CSV…"), this, [this] { exportCsvDialog(false); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::createExamplesMenu(QMenu* parent) {
    QMenu* menu = parent->addMenu(tr("E&xamples"));
    menu->addAction(tr("Je suis étudiant → I am a student (built in)"), this, &MainWindow::newScene);
    const QDir dir(resourcesDir() + QStringLiteral("/scenes"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (name == QLatin1String("je-suis-etudiant.json")) continue;  // the built-in one above
        const QString path = dir.filePath(name);
        const ap::SceneReadResult read = readSceneFile(path);
        if (!read.ok) continue;
        const QString title = read.value.title.empty() ? name : shortTitle(read.value.title);
        menu->addAction(title, this, [this, path] { openExample(path); });
    }
}

void MainWindow::createEditMenu() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // Not QUndoStack::createUndoAction: its "Undo" prefix is fixed when it
    // is made, and these texts must follow a language switch.
    QUndoStack* stack = document_->undoStack();
    undo_ = new QAction(this);
    undo_->setShortcut(QKeySequence::Undo);
    connect(undo_, &QAction::triggered, stack, &QUndoStack::undo);
    redo_ = new QAction(this);
    redo_->setShortcut(QKeySequence::Redo);
    connect(redo_, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);
    connect(stack, &QUndoStack::cleanChanged, this, &MainWindow::updateUndoActions);
    updateUndoActions();
    edit->addAction(undo_);
    edit->addAction(redo_);
    edit->addSeparator();
    QAction* mask = edit->addAction(tr("&Mask Edit Mode"));
    mask->setCheckable(true);
    mask->setShortcut(QKeySequence(tr("M")));
    mask->setToolTip(tr("Clicking a heatmap cell masks or unmasks it"));
    connect(mask, &QAction::toggled, this, &MainWindow::setMaskEditMode);
    connect(controls_, &ControlsPanel::maskEditModeToggled, mask, &QAction::setChecked);
}

void MainWindow::createViewMenu() {
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QAction* scores = viewMenu_->addAction(tr("Show Raw &Scores"));
    scores->setCheckable(true);
    scores->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(scores, &QAction::toggled, this, &MainWindow::setShowScores);
    connect(controls_, &ControlsPanel::showScoresToggled, scores, &QAction::setChecked);

    showNumbersAction_ = viewMenu_->addAction(tr("Show &Numbers in Cells"));
    showNumbersAction_->setCheckable(true);
    showNumbersAction_->setChecked(true);
    connect(showNumbersAction_, &QAction::toggled, heatmap_, &HeatmapView::setShowNumbers);

    QMenu* maps = viewMenu_->addMenu(tr("&Colours"));
    auto* group = new QActionGroup(this);
    for (Colormap::Kind kind : {Colormap::Kind::Viridis, Colormap::Kind::Magma}) {
        QAction* a = maps->addAction(Colormap::name(kind));
        a->setCheckable(true);
        a->setActionGroup(group);
        a->setData(int(kind));
        a->setChecked(kind == presenter_->colormap());
        connect(a, &QAction::triggered, this, [this, kind] { presenter_->setColormap(kind); });
        colormapActions_ << a;
    }

    colorScaleActions_ = addColorScaleMenu(viewMenu_, presenter_->colorScale(), QStringLiteral("colorScale_"),
                                           [this](ColorScale scale) { presenter_->setColorScale(scale); });

    viewMenu_->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>()) viewMenu_->addAction(d->toggleViewAction());
}

void MainWindow::createTranslationMenu() {
    QMenu* translate = menuBar()->addMenu(tr("&Translation"));
    translate->addAction(tr("&Train on Sentence Pairs…"), QKeySequence(tr("Ctrl+T")), this,
                         &MainWindow::showTrainingWindow);
    QAction* generate = translate->addAction(tr("&Generate Corpus…"), this, [this] {
        showTrainingWindow();
        trainingPanel()->generateCorpusAction()->trigger();
    });
    generate->setObjectName(QStringLiteral("generateCorpusMenuAction"));
    generate->setStatusTip(tr("Write sentence pairs with gold alignments from a toy grammar and train on them"));
    generate->setToolTip(generate->statusTip());
    translate->setToolTipsVisible(true);
}

void MainWindow::createExperimentsMenu() { addExperimentsMenu(this); }

void MainWindow::createLanguageMenu() {
    viewMenu_->addSeparator();
    viewMenu_->addMenu(new LanguageMenu(viewMenu_));
}

void MainWindow::createHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    fillHelpMenu(help, this);
}

}  // namespace ui
