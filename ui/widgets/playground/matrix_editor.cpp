#include "widgets/playground/matrix_editor.h"

#include "widgets/playground/key_padding_header.h"
#include "document/matrix_model.h"
#include "widgets/common/number_delegate.h"
#include "io/scene_io.h"
#include "widgets/common/value_gestures.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSpinBox>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <map>

namespace ui {

MatrixEditor::MatrixEditor(SceneDocument* document, MatrixRole role, QWidget* parent)
    : QWidget(parent), doc_(document), role_(role) {
    model_ = new MatrixModel(doc_, role_, this);
    view_ = new QTableView(this);
    if (role_ == MatrixRole::K) view_->setVerticalHeader(new KeyPaddingHeader(doc_, view_));
    view_->setModel(model_);
    view_->setItemDelegate(new NumberDelegate(view_));
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    view_->horizontalHeader()->setDefaultSectionSize(64);
    view_->horizontalHeader()->setMinimumSectionSize(36);
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    new ValueGestures(view_, [this](const QModelIndex& index, float value) {
        return doc_->setCell(role_, index.row(), index.column(), value, SceneDocument::Merge::SameCell);
    });
    view_->setToolTip(tr("Type a number, or change it with Ctrl+wheel or Alt+drag "
                         "(steps of 0.05, with Shift 0.5)."));

    tools_ = new QToolBar(this);
    tools_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools_->setIconSize(QSize(16, 16));
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    note_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(tools_);
    layout->addWidget(note_);
    layout->addWidget(view_, 1);
    createActions();

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        updateState();
        emit currentRowChanged(current.isValid() ? current.row() : -1);
    });
    connect(view_->verticalHeader(), &QHeaderView::sectionDoubleClicked, this, [this](int row) {
        setCurrentRow(row);
        renameToken();
    });
    // Connected after the model's own slots, so the model is consistent in both.
    connect(doc_, &SceneDocument::sceneAboutToChange, this,
            [this](ChangeKind kind, const RowChange&) { rememberCurrent(kind); });
    connect(doc_, &SceneDocument::sceneChanged, this, [this](ChangeKind kind) {
        restoreCurrent(kind);
        updateState();
    });
    updateState();
}

MatrixEditor::~MatrixEditor() {
    // ~QWidget closes an open cell editor, which commits its value; the
    // document's signals must not reach this half-destroyed editor then.
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
}

QAction* MatrixEditor::addAction(const QString& text, const QString& tip, const QKeySequence& key,
                                 void (MatrixEditor::*slot)()) {
    auto* action = new QAction(text, this);
    action->setToolTip(key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    if (!key.isEmpty()) {
        action->setShortcut(key);
        // Only while the table (or its cell editor) has the focus: the other
        // editors have the same shortcuts.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view_->addAction(action);
    }
    connect(action, &QAction::triggered, this, slot);
    tools_->addAction(action);
    return action;
}

void MatrixEditor::createActions() {
    const bool keys = role_ != MatrixRole::Q;
    editActions_ << addAction(tr("Add"),
                              keys ? tr("Add a key token after the current row")
                                   : tr("Add a query token after the current row"),
                              QKeySequence(Qt::Key_Insert), &MatrixEditor::addToken);
    removeAction_ = addAction(tr("Remove"), tr("Remove the current token"), QKeySequence(Qt::Key_Delete),
                              &MatrixEditor::removeToken);
    upAction_ = addAction(tr("Up"), tr("Move the current token up"), QKeySequence(Qt::CTRL | Qt::Key_Up),
                          &MatrixEditor::moveUp);
    downAction_ = addAction(tr("Down"), tr("Move the current token down"), QKeySequence(Qt::CTRL | Qt::Key_Down),
                            &MatrixEditor::moveDown);
    editActions_ << removeAction_ << upAction_ << downAction_;
    // No shortcut: F2 already edits the current cell.
    editActions_ << addAction(tr("Rename"), tr("Rename the current token (or double-click its row header)"),
                              QKeySequence(), &MatrixEditor::renameToken);
    tools_->addSeparator();

    auto* widthLabel = new QLabel(role_ == MatrixRole::V ? tr("dv") : tr("d"), this);
    width_ = new QSpinBox(this);
    width_->setRange(1, ap::limits::kMaxWidth);
    // Only Enter, the arrows or leaving the box change the width: typing
    // "12" must not first make it 1 wide.
    width_->setKeyboardTracking(false);
    width_->setToolTip(role_ == MatrixRole::V
                           ? tr("Width dv of the values (new columns are zeros). Heads must divide it.")
                           : tr("Width d of the queries and keys, which change together "
                                "(new columns are zeros). Heads must divide it."));
    widthLabel->setToolTip(width_->toolTip());
    widthLabel->setBuddy(width_);
    tools_->addWidget(widthLabel);
    tools_->addWidget(width_);
    connect(width_, &QSpinBox::valueChanged, this, [this](int width) {
        if (width == doc_->matrix(role_).cols()) return;
        QString error;
        if (!doc_->setWidth(role_, width, &error)) {
            emit message(error);
            const QSignalBlocker block(width_);
            width_->setValue(int(doc_->matrix(role_).cols()));
        }
    });
    tools_->addSeparator();

    randomAction_ = addAction(tr("Random"), tr("Fill with normal(0, 1) numbers drawn from the seed"), QKeySequence(),
                              &MatrixEditor::fillRandom);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(1);
    seed_->setPrefix(tr("seed "));
    seed_->setToolTip(tr("Seed of the random fill: the same seed gives the same numbers"));
    tools_->addWidget(seed_);
    pasteAction_ = addAction(tr("Paste"), tr("Paste a tab-separated block (as spreadsheets copy) at the current cell"),
                             QKeySequence::Paste, &MatrixEditor::paste);
    auto* copyAction = new QAction(tr("Copy"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &MatrixEditor::copy);
    view_->addAction(copyAction);
}

void MatrixEditor::updateState() {
    const bool readOnly = doc_->isReadOnly(role_);
    for (QAction* a : editActions_) a->setEnabled(!readOnly);
    randomAction_->setEnabled(!readOnly);
    pasteAction_->setEnabled(!readOnly);
    width_->setEnabled(!readOnly);
    seed_->setEnabled(!readOnly);
    {
        const QSignalBlocker block(width_);
        width_->setValue(int(doc_->matrix(role_).cols()));
    }
    QString note;
    if (readOnly && role_ == MatrixRole::V)
        note = doc_->selfAttention() ? tr("V is Q (self-attention): edit Q.")
                                     : tr("V is K (K = V): edit K, or turn K = V off.");
    else if (readOnly)
        note = tr("K is Q (self-attention): edit Q.");
    note_->setText(note);
    note_->setVisible(!note.isEmpty());
    const int row = currentRow();
    const int rows = model_->rowCount();
    if (!readOnly) {
        removeAction_->setEnabled(rows > 1 && row >= 0);
        upAction_->setEnabled(row > 0);
        downAction_->setEnabled(row >= 0 && row + 1 < rows);
    }
}

void MatrixEditor::rememberCurrent(ChangeKind kind) {
    if (kind != ChangeKind::Structure && kind != ChangeKind::Whole) return;
    const QModelIndex current = view_->currentIndex();
    savedRow_ = current.isValid() ? current.row() : -1;
    savedColumn_ = current.isValid() ? current.column() : -1;
}

void MatrixEditor::restoreCurrent(ChangeKind kind) {
    if (kind != ChangeKind::Structure && kind != ChangeKind::Whole) return;
    // Inserts and moves keep the current cell by themselves; a reset drops it.
    if (!view_->currentIndex().isValid() && savedRow_ >= 0 && model_->rowCount() > 0 && model_->columnCount() > 0) {
        const int row = std::min(savedRow_, model_->rowCount() - 1);
        const int column = std::min(savedColumn_, model_->columnCount() - 1);
        view_->setCurrentIndex(model_->index(row, column));
    }
    savedRow_ = savedColumn_ = -1;
}

int MatrixEditor::currentRow() const {
    const QModelIndex current = view_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void MatrixEditor::setCurrentRow(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    const int column = std::max(0, view_->currentIndex().column());
    view_->setCurrentIndex(model_->index(row, column));
    updateState();
}

void MatrixEditor::addToken() {
    const int current = currentRow();
    const int row = current >= 0 ? current + 1 : model_->rowCount();
    if (doc_->insertToken(role_, row)) setCurrentRow(row);
}

void MatrixEditor::removeToken() {
    const int row = currentRow();
    if (row < 0) return;
    if (model_->rowCount() <= 1) {
        emit message(tr("A matrix keeps at least one token."));
        return;
    }
    doc_->removeToken(role_, row);
}

void MatrixEditor::moveUp() {
    const int row = currentRow();
    if (row > 0) doc_->moveToken(role_, row, row - 1);
    updateState();
}

void MatrixEditor::moveDown() {
    const int row = currentRow();
    if (row >= 0 && row + 1 < model_->rowCount()) doc_->moveToken(role_, row, row + 1);
    updateState();
}

void MatrixEditor::renameToken() {
    const int row = currentRow();
    if (row < 0 || doc_->isReadOnly(role_)) return;
    bool ok = false;
    const QString old = doc_->tokenLabel(role_, row);
    const QString name =
        QInputDialog::getText(this, tr("Rename Token"), tr("Token text:"), QLineEdit::Normal, old, &ok);
    if (ok && !name.isEmpty()) doc_->renameToken(role_, row, name);
}

void MatrixEditor::fillRandom() { doc_->fillRandom(role_, std::uint32_t(seed_->value())); }

void MatrixEditor::paste() {
    if (const QClipboard* clipboard = QGuiApplication::clipboard()) pasteText(clipboard->text());
}

bool MatrixEditor::pasteText(const QString& text) {
    const QModelIndex current = view_->currentIndex();
    QString error;
    if (!doc_->pasteBlock(role_, current.isValid() ? current.row() : 0, current.isValid() ? current.column() : 0, text,
                          &error)) {
        emit message(error);
        return false;
    }
    return true;
}

void MatrixEditor::copy() {
    QModelIndexList selected = view_->selectionModel()->selectedIndexes();
    if (selected.isEmpty() && view_->currentIndex().isValid()) selected << view_->currentIndex();
    if (selected.isEmpty()) return;
    // The bounding block of the selection, row by row; unselected cells
    // inside it stay empty, as spreadsheets copy them.
    int top = selected.front().row(), bottom = top, left = selected.front().column(), right = left;
    std::map<std::pair<int, int>, QString> cells;
    for (const QModelIndex& i : selected) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
        cells[{i.row(), i.column()}] = QString::fromStdString(ap::formatFloat(i.data(Qt::EditRole).toFloat()));
    }
    QString text;
    for (int r = top; r <= bottom; ++r) {
        for (int c = left; c <= right; ++c) {
            if (c > left) text += QLatin1Char('\t');
            if (auto it = cells.find({r, c}); it != cells.end()) text += it->second;
        }
        text += QLatin1Char('\n');
    }
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

}  // namespace ui
