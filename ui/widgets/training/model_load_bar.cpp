#include "widgets/training/model_load_bar.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace ui {

ModelLoadBar::ModelLoadBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modelLoadBar"));
    loader_ = new ModelLoader(this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("modelLoadLabel"));
    auto* bar = new QProgressBar(this);
    bar->setRange(0, 0);
    bar->setMaximumWidth(120);
    bar->setToolTip(tr("The model file is read on a worker thread; the window stays usable"));
    auto* cancel = new QToolButton(this);
    cancel->setObjectName(QStringLiteral("modelLoadCancel"));
    cancel->setText(tr("Cancel"));
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setToolTip(tr("Stop loading the model and keep the one there is (Esc)"));
    connect(cancel, &QToolButton::clicked, this, &ModelLoadBar::cancel);
    layout->addWidget(label_, 1);
    layout->addWidget(bar);
    layout->addWidget(cancel);
    connect(loader_, &ModelLoader::finished, this, [this](const QString& path, std::shared_ptr<ap::ModelReadResult> r) {
        hide();
        emit finished(path, std::move(r));
    });
    hide();
}

void ModelLoadBar::load(const QString& path) {
    label_->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    loader_->load(path);
    show();
}

void ModelLoadBar::cancel() {
    if (!loader_->isLoading()) return;
    loader_->cancel();
    hide();
    emit cancelled();
}

}  // namespace ui
