// The per-head parameters of general (W, dh × dh) and additive (Wq, Wk of
// da × dh, and v) scoring for one head at a time, with Reset to identity and
// Randomize. Shows a note instead when the scoring kind has no parameters.
#pragma once

#include "document/scene_document.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace ui {

class HeadParamsModel;

class HeadParamsEditor : public QWidget {
    Q_OBJECT
public:
    explicit HeadParamsEditor(SceneDocument* document, QWidget* parent = nullptr);
    ~HeadParamsEditor() override;

    int currentHead() const;
    void setCurrentHead(int head);
    // Whether the scoring kind has parameters (the tables show, not the note).
    bool showsParameters() const;
    HeadParamsModel* model(HeadParamField field) const;
    QTableView* view(HeadParamField field) const;
    QSpinBox* seedBox() const { return seed_; }

    // The buttons' actions, for the current head.
    void resetToIdentity();
    void randomize();

private:
    void refresh();
    QWidget* table(HeadParamField field, const QString& title, const QString& tip);

    SceneDocument* doc_;
    QComboBox* head_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QLabel* none_ = nullptr;
    QWidget* general_ = nullptr;
    QWidget* additive_ = nullptr;
    QPushButton* reset_ = nullptr;
    QPushButton* randomize_ = nullptr;
    QSpinBox* seed_ = nullptr;
    HeadParamsModel* models_[4] = {};
    QTableView* views_[4] = {};
};

}  // namespace ui
