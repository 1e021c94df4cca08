// The output (context) matrix, read-only, with the
// query tokens as row headers and the fully masked rows marked.
#pragma once

#include "core/scene.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QWidget>

#include <vector>

class QTableView;

namespace ui {

class OutputModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setOutput(const ap::Matrix& output, const QStringList& rowLabels, std::vector<int> fullyMaskedRows);
    bool isFullyMasked(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    ap::Matrix output_;
    QStringList rowLabels_;
    std::vector<bool> fullyMasked_;
};

class OutputView : public QWidget {
    Q_OBJECT
public:
    explicit OutputView(QWidget* parent = nullptr);

    void setOutput(const ap::Matrix& output, const QStringList& rowLabels, std::vector<int> fullyMaskedRows);
    OutputModel* model() const { return model_; }
    QTableView* tableView() const { return table_; }
    // The selected rectangle as tab-separated rows, each number in its
    // shortest exact form, as spreadsheets paste it. Ctrl+C copies it.
    QString selectionAsTsv() const;
    void copySelection() const;

    QSize sizeHint() const override { return {420, 200}; }

private:
    OutputModel* model_ = nullptr;
    QTableView* table_ = nullptr;
};

}  // namespace ui
