// Asks what to export (the heatmap shown, or the grid of every head) and at
// which size; the file name and format come from the save dialog after it.
#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QSpinBox;

namespace ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Target { Heatmap, HeadGrid };
    ExportDialog(QSize initialSize, bool hasGrid, QWidget* parent = nullptr);
    Target target() const;
    QSize imageSize() const;

private:
    QComboBox* target_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
};

}  // namespace ui
