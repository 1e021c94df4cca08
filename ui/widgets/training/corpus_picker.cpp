#include "widgets/training/corpus_picker.h"

#include "render/resources_dir.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>

namespace ui {

CorpusPicker::CorpusPicker(QAction* loadAction, QAction* generateAction, QWidget* parent) : QWidget(parent) {
    combo_ = new QComboBox(this);
    combo_->setObjectName(QStringLiteral("corpusCombo"));
    combo_->setToolTip(tr("The shipped corpora, and the files loaded with Load pairs…"));
    const QString corpora = resourcesDir() + QStringLiteral("/corpora/");
    const struct {
        const char* file;
        QString name;
    } shipped[] = {
        {"fr-en.tsv", tr("French → English")},
        {"zh-en.tsv", tr("Chinese → English")},
        {"de-en.tsv", tr("German → English")},
    };
    for (const auto& s : shipped) {
        const QString path = corpora + QLatin1String(s.file);
        combo_->addItem(s.name, path);
        combo_->setItemData(combo_->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    connect(combo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) emit chosen(combo_->itemData(index).toString());
    });

    auto* label = new QLabel(tr("&Corpus:"), this);
    label->setBuddy(combo_);
    auto* button = new QToolButton(this);
    button->setDefaultAction(loadAction);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setObjectName(loadAction->objectName() + QStringLiteral("Button"));
    if (generateAction) {
        // The button loads at a click; its arrow offers the other ways to
        // get pairs.
        auto* menu = new QMenu(button);
        menu->setObjectName(QStringLiteral("corpusMenu"));
        menu->addAction(loadAction);
        menu->addAction(generateAction);
        button->setMenu(menu);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(combo_, 1);
    row->addWidget(button);
}

void CorpusPicker::setCurrentPath(const QString& path) {
    current_ = path;
    const QSignalBlocker block(combo_);
    int index = -1;
    for (int i = 0; i < combo_->count() && index < 0; ++i)
        if (QFileInfo(combo_->itemData(i).toString()).absoluteFilePath() == path) index = i;
    if (index < 0 && !path.isEmpty()) {
        combo_->addItem(QFileInfo(path).fileName(), path);
        index = combo_->count() - 1;
        combo_->setItemData(index, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    combo_->setCurrentIndex(index);
}

QString CorpusPicker::currentPath() const { return current_; }

int CorpusPicker::shippedCount() const { return combo_->count(); }

QString CorpusPicker::pathAt(int index) const { return combo_->itemData(index).toString(); }

}  // namespace ui
