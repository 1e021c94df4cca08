// The editor of one of Q, K and V: the matrix as a table with a tool row to
// add, remove, reorder and rename tokens, change the width, fill with
// random numbers and paste a block. Numbers change by typing, Ctrl+wheel or
// Alt+drag (ValueGestures). The K editor's row header holds the key padding
// check boxes. Everything goes through the SceneDocument, so it is undoable.
#pragma once

#include "document/scene_document.h"

#include <QWidget>

class QAction;
class QLabel;
class QSpinBox;
class QTableView;
class QToolBar;

namespace ui {

class MatrixModel;

class MatrixEditor : public QWidget {
    Q_OBJECT
public:
    MatrixEditor(SceneDocument* document, MatrixRole role, QWidget* parent = nullptr);
    ~MatrixEditor() override;

    MatrixRole role() const { return role_; }
    QTableView* view() const { return view_; }
    MatrixModel* model() const { return model_; }
    QSpinBox* widthBox() const { return width_; }
    QSpinBox* seedBox() const { return seed_; }

    // The token row that has the keyboard focus, or -1.
    int currentRow() const;
    // Makes a row current (e.g. when a heatmap row is clicked).
    void setCurrentRow(int row);

    // Tool row actions (also used by their shortcuts).
    void addToken();     // after the current row (Insert)
    void removeToken();  // the current row (Delete)
    void moveUp();       // Ctrl+Up
    void moveDown();     // Ctrl+Down
    void renameToken();  // asks for the new text (also: double-click the row header)
    void fillRandom();   // with the seed box's seed
    // Pastes the clipboard's block at the current cell (Ctrl+V).
    void paste();
    // Pastes `text` at the current cell (or the first); returns false and
    // reports the reason through message() when refused.
    bool pasteText(const QString& text);
    // Copies the selected cells as a tab-separated block with exact values (Ctrl+C).
    void copy();

signals:
    void currentRowChanged(int row);
    // Why an action was refused, for the status bar.
    void message(const QString& text);

private:
    void createActions();
    void updateState();
    void rememberCurrent(ChangeKind kind);
    void restoreCurrent(ChangeKind kind);
    QAction* addAction(const QString& text, const QString& tip, const QKeySequence& key, void (MatrixEditor::*slot)());

    SceneDocument* doc_;
    MatrixRole role_;
    MatrixModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    QToolBar* tools_ = nullptr;
    QLabel* note_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QList<QAction*> editActions_;  // off while the matrix is read-only
    QAction* removeAction_ = nullptr;
    QAction* upAction_ = nullptr;
    QAction* downAction_ = nullptr;
    QAction* randomAction_ = nullptr;
    QAction* pasteAction_ = nullptr;
    // The current cell across resets of the model (width changes, undo).
    int savedRow_ = -1;
    int savedColumn_ = -1;
};

}  // namespace ui
