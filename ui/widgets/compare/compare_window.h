// Compare mode: two settings of the same scene side by side (A and B, each
// with its own controls), the difference of their mean weights B − A on a
// diverging colour map centred on 0, and per query row the Jensen-Shannon
// divergence and the largest |Δ|. Selection and hover follow each other in
// the three heatmaps.
#pragma once

#include "attention/divergence.h"
#include "core/scene.h"

#include <QMainWindow>

class QLabel;
class QTableWidget;

namespace ui {

class CompareSide;
class HeatmapView;
class MessageBar;

class CompareWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit CompareWindow(const ap::Scene& scene, QWidget* parent = nullptr);

    CompareSide* sideA() const { return a_; }
    CompareSide* sideB() const { return b_; }
    HeatmapView* differenceView() const { return difference_; }
    QTableWidget* rowTable() const { return rows_; }
    // The current comparison; empty until both sides have a result of the
    // same shape.
    const ap::RowDifferences& differences() const { return diff_; }
    int selectedRow() const { return selectedRow_; }
    // Where a refused edit, a failed computation or export is reported.
    MessageBar* messageBar() const { return messageBar_; }
    void selectRow(int row);

    // Exports: the difference heatmap as PNG, SVG or PDF, the per-row
    // table as CSV. Return "" or a message naming the file.
    QString exportDifference(const QString& path, const QSize& size = {900, 700}) const;
    QString exportRowsCsv(const QString& path) const;

private:
    void recompare();
    void hover(int row, int column);
    void exportDialog();

    CompareSide* a_ = nullptr;
    CompareSide* b_ = nullptr;
    HeatmapView* difference_ = nullptr;
    QTableWidget* rows_ = nullptr;
    QLabel* status_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    ap::RowDifferences diff_;
    int selectedRow_ = -1;
};

}  // namespace ui
