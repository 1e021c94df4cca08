#include "widgets/compare/compare_window.h"

#include "render/csv_export.h"
#include "render/image_export.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/common/window_fit.h"
#include "widgets/compare/compare_side.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {

CompareWindow::CompareWindow(const ap::Scene& scene, QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("Compare — %1").arg(QString::fromStdString(scene.title)));
    // A starts as the scene; B with sparsemax, the first comparison most
    // learners want. Both are independent copies from here on.
    ap::Scene other = scene;
    other.normalization =
        scene.normalization == ap::Normalization::Sparsemax ? ap::Normalization::Softmax : ap::Normalization::Sparsemax;
    a_ = new CompareSide(tr("A"), scene, this);
    b_ = new CompareSide(tr("B"), other, this);

    auto* middle = new QWidget(this);
    auto* mid = new QVBoxLayout(middle);
    mid->setContentsMargins(0, 0, 0, 0);
    difference_ = new HeatmapView(middle);
    difference_->setObjectName(QStringLiteral("differenceHeatmap"));
    difference_->setColormap(Colormap::Kind::Diverging);
    difference_->setToolTip(tr("B − A: red where B gives more weight, blue where A does, white where they agree."));
    mid->addWidget(difference_, 2);
    rows_ = new QTableWidget(middle);
    rows_->setObjectName(QStringLiteral("compareRows"));
    rows_->setColumnCount(3);
    rows_->setHorizontalHeaderLabels({tr("query"), tr("JS divergence"), tr("max |Δ|")});
    rows_->horizontalHeader()->setStretchLastSection(true);
    rows_->verticalHeader()->setVisible(false);
    rows_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    rows_->setSelectionBehavior(QAbstractItemView::SelectRows);
    rows_->setSelectionMode(QAbstractItemView::SingleSelection);
    rows_->setToolTip(tr("Per query: the Jensen–Shannon divergence of the two weight rows (base 2: 0 equal, "
                         "1 disjoint) and the largest absolute difference of a weight."));
    connect(rows_, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0) selectRow(row);
    });
    mid->addWidget(rows_, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(a_);
    split->addWidget(middle);
    split->addWidget(b_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 1);
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    messageBar_ = new MessageBar(central);
    column->addWidget(messageBar_);
    column->addWidget(split, 1);
    setCentralWidget(central);
    status_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* exportAction = file->addAction(tr("&Export Difference…"), this, &CompareWindow::exportDialog);
    exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportAction->setToolTip(tr("Save the difference heatmap as PNG, SVG or PDF, or the per-row table as CSV"));
    QAction* close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    for (CompareSide* side : {a_, b_}) {
        connect(side, &CompareSide::resultChanged, this, &CompareWindow::recompare);
        connect(side, &CompareSide::failed, this, [this](const QString& m) { messageBar_->showMessage(m); });
    }
    for (HeatmapView* v : {a_->heatmap(), b_->heatmap(), difference_}) {
        connect(v, &HeatmapView::cellClicked, this, [this](int row, int) { selectRow(row); });
        connect(v, &HeatmapView::cellHovered, this, &CompareWindow::hover);
    }
    resizeWithinScreen(this, QSize(1500, 820));
}

void CompareWindow::recompare() {
    const ResultPtr ra = a_->result(), rb = b_->result();
    if (!ra || !rb) return;
    if (!ap::compareRows(ra->weightsMean, rb->weightsMean, diff_)) {
        diff_ = {};
        status_->clear();
        messageBar_->showMessage(tr("A and B have different shapes: compare needs the same queries and keys."));
        return;
    }
    // The comparison replaces what went wrong before, as the status text did.
    messageBar_->hide();
    const ap::Scene& scene = *a_->resultScene();
    HeatmapData data;
    data.title = tr("B − A (mean weights)");
    for (int i = 0; i < scene.queryCount(); ++i) data.rowLabels << QString::fromStdString(scene.queryLabel(i));
    for (int j = 0; j < scene.keyCount(); ++j) data.columnLabels << QString::fromStdString(scene.keyLabel(j));
    data.values = diff_.difference;
    // Symmetric about 0 so that white is "no difference"; never narrower
    // than ±0.05, so that rounding noise does not fill the map with colour.
    const double extent = std::max(0.05, double(diff_.difference.cwiseAbs().maxCoeff()));
    data.minValue = -extent;
    data.maxValue = extent;
    data.scaleLabel = tr("Δ weight");
    difference_->setData(std::move(data));

    const int n = int(diff_.jensenShannon.size());
    rows_->setRowCount(n);
    const QLocale locale;
    for (int i = 0; i < n; ++i) {
        auto set = [&](int col, const QString& text) {
            auto* item = rows_->item(i, col);
            if (!item) {
                item = new QTableWidgetItem;
                rows_->setItem(i, col, item);
            }
            item->setText(text);
        };
        set(0, QString::fromStdString(scene.queryLabel(i)));
        set(1, locale.toString(diff_.jensenShannon[std::size_t(i)], 'f', 4));
        set(2, locale.toString(diff_.maxAbsDifference[std::size_t(i)], 'f', 4));
    }
    double worst = 0;
    int worstRow = 0;
    for (int i = 0; i < n; ++i)
        if (diff_.jensenShannon[std::size_t(i)] > worst) {
            worst = diff_.jensenShannon[std::size_t(i)];
            worstRow = i;
        }
    status_->setText(n ? tr("The rows differ most at “%1” (JS divergence %2).")
                             .arg(QString::fromStdString(scene.queryLabel(worstRow)), locale.toString(worst, 'f', 4))
                       : QString());
    if (selectedRow_ >= n) selectedRow_ = -1;
    selectRow(selectedRow_);
}

void CompareWindow::selectRow(int row) {
    selectedRow_ = row;
    for (HeatmapView* v : {a_->heatmap(), b_->heatmap(), difference_}) v->setSelectedRow(row);
    if (row >= 0 && row < rows_->rowCount() && rows_->currentRow() != row) {
        const QSignalBlocker block(rows_);
        rows_->setCurrentCell(row, 0);
    }
}

void CompareWindow::hover(int row, int column) {
    const std::optional<QPoint> cell = row >= 0 ? std::optional<QPoint>(QPoint(column, row)) : std::nullopt;
    for (HeatmapView* v : {a_->heatmap(), b_->heatmap(), difference_})
        if (v != sender()) v->setHoveredCell(cell);
}

QString CompareWindow::exportDifference(const QString& path, const QSize& size) const {
    if (difference_->data().rows() == 0) return tr("%1: nothing to export yet").arg(path);
    HeatmapStyle style;
    style.colormap = Colormap(Colormap::Kind::Diverging);
    return exportHeatmap(difference_->data(), style, size, path);
}

QString CompareWindow::exportRowsCsv(const QString& path) const {
    const int n = int(diff_.jensenShannon.size());
    ap::Matrix m(n, 2);
    QStringList labels;
    for (int i = 0; i < n; ++i) {
        m(i, 0) = float(diff_.jensenShannon[std::size_t(i)]);
        m(i, 1) = float(diff_.maxAbsDifference[std::size_t(i)]);
        labels << rows_->item(i, 0)->text();
    }
    return writeTextFile(path,
                         matrixToCsv(m, labels, {QStringLiteral("js_divergence"), QStringLiteral("max_abs_delta")}));
}

void CompareWindow::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Difference"), QString(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Per-row CSV (*.csv)"));
    if (path.isEmpty()) return;
    const QString error =
        path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? exportRowsCsv(path) : exportDifference(path);
    if (!error.isEmpty()) messageBar_->showMessage(error);
}

}  // namespace ui
