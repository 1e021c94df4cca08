// The translation window's "Load model…" under way: the file's name, a busy
// bar (the reader reports no fraction) and Cancel (Esc). The file is read
// by a ModelLoader on a thread of its own; the bar hides when it is done.
#pragma once

#include "widgets/training/model_loader.h"

#include <QWidget>

class QLabel;

namespace ui {

class ModelLoadBar : public QWidget {
    Q_OBJECT
public:
    explicit ModelLoadBar(QWidget* parent = nullptr);

    void load(const QString& path);
    void cancel();
    bool isLoading() const { return loader_->isLoading(); }

signals:
    void finished(const QString& path, std::shared_ptr<ap::ModelReadResult> result);
    void cancelled();

private:
    ModelLoader* loader_ = nullptr;
    QLabel* label_ = nullptr;
};

}  // namespace ui
