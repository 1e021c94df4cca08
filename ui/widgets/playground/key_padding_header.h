// The K table's row header: each key's token with a check box that pads the
// key (masks it for every query). Sitting in the header, the boxes scroll
// with their rows and leave the matrix model's columns untouched.
#pragma once

#include <QHeaderView>
#include <QPointer>

namespace ui {

class SceneDocument;

class KeyPaddingHeader : public QHeaderView {
    Q_OBJECT
public:
    explicit KeyPaddingHeader(SceneDocument* document, QWidget* parent = nullptr);

    // The check box of a row, in header coordinates (for tests and clicks).
    QRect checkBoxRect(int logicalIndex) const;

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;
    void mousePressEvent(QMouseEvent* event) override;
    // A quick second click on a box toggles it again, and does not rename.
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    QRect boxIn(const QRect& section) const;
    QSize boxSize() const;
    // The key whose box is under pos, or -1.
    int boxAt(const QPoint& pos) const;

    QPointer<SceneDocument> doc_;
};

}  // namespace ui
