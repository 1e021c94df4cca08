// Asks what to export (the heatmap shown, or the grid of every head) and at
// which size; the file name and format come from the save dialog after it.
// The view, size and format chosen last are remembered (QSettings).
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
    // `initialSize` is used until a size has been accepted once.
    ExportDialog(QSize initialSize, bool hasGrid, QWidget* parent = nullptr);
    Target target() const;
    QSize imageSize() const;
    void accept() override;

    // The file format ("png", "svg" or "pdf") of the last export, "png" at
    // first, and the save dialog's filter for it.
    static QString lastFormat();
    static void rememberFormat(const QString& suffix);
    static QString filters();
    static QString filterFor(const QString& suffix);

private:
    QComboBox* target_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
};

}  // namespace ui
