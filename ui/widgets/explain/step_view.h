// The step-by-step view: how the selected weight comes about, one step per
// line with its formula and numbers (ap::explainCell), copyable as plain
// text or LaTeX. Hovering a step reports which numbers it uses, so that the
// window can highlight them in the tables and the heatmap.
#pragma once

#include "attention/explain.h"

#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

class StepView : public QWidget {
    Q_OBJECT
public:
    explicit StepView(QWidget* parent = nullptr);

    // Shows `e` for the cell named by `cell` ("a → étudiant, head 1").
    void setExplanation(const ap::Explanation& e, const QString& cell);
    // Nothing selected (or the scene does not compute): says `message`.
    void clear(const QString& message);

    const ap::Explanation& explanation() const { return explanation_; }
    bool hasExplanation() const { return has_; }
    int stepCount() const;
    QString stepTitle(int step) const;
    QString stepFormula(int step) const;
    QString plainText() const;
    QString latex() const;

    // The heading a step gets on screen (translated), by its engine name.
    static QString titleFor(const ap::ExplainStep& step);

public slots:
    void copyPlainText();
    void copyLatex();

signals:
    // The numbers the hovered step uses; empty when the pointer leaves.
    void stepHovered(const std::vector<ap::ExplainUse>& uses);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onItemEntered(QTreeWidgetItem* item);
    // Step names take what they need up to a third of the width; the
    // formulas get the rest, wrapped.
    void fitColumns();

    QLabel* header_ = nullptr;
    QTreeWidget* steps_ = nullptr;
    QPushButton* copyText_ = nullptr;
    QPushButton* copyLatex_ = nullptr;
    ap::Explanation explanation_;
    QString cell_;
    bool has_ = false;
};

}  // namespace ui
