#include "widgets/model/sentence_input.h"

#include "widgets/model/model_worker.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QToolBar>

namespace ui {

SentenceInput::SentenceInput(QMainWindow* window) : QObject(window) {
    text_ = new QLineEdit;
    text_->setPlaceholderText(tr("Type a sentence; every head follows as you type"));
    text_->setClearButtonEnabled(true);
    text_->setEnabled(false);
    words_ = new QCheckBox(tr("Words"));
    words_->setToolTip(tr("Gather sub-word tokens into words: a word's attention to another is the sum over the "
                          "other word's tokens, averaged over its own tokens."));
    auto* bar = new QToolBar(tr("Text"));
    bar->setObjectName(QStringLiteral("textToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr("Text:") + QLatin1Char(' ')));
    bar->addWidget(text_);
    bar->addWidget(words_);
    window->addToolBar(Qt::TopToolBarArea, bar);
    window->addToolBarBreak();
    auto* legendBar = new QToolBar(tr("Legend"));
    legendBar->setObjectName(QStringLiteral("legendToolBar"));
    legendBar->setMovable(false);
    legend_ = new QLabel;
    legendBar->addWidget(legend_);
    window->addToolBar(Qt::TopToolBarArea, legendBar);
    updateLegend();

    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &SentenceInput::textSettled);
    connect(text_, &QLineEdit::textChanged, this, [this] { debounce_.start(); });
    connect(words_, &QCheckBox::toggled, this, [this](bool on) {
        updateLegend();
        emit wordsToggled(on);
    });
}

QString SentenceInput::text() const { return text_->text(); }

bool SentenceInput::words() const { return words_->isChecked(); }

void SentenceInput::setWords(bool words) { words_->setChecked(words); }

void SentenceInput::setEnabled(bool enabled) { text_->setEnabled(enabled); }

void SentenceInput::updateLegend() {
    legend_->setText(words_->isChecked()
                         ? tr("Words: a word attends to another with the sum of the weights on that word's tokens, "
                              "averaged over its own tokens.")
                         : tr("Tokens as the model sees them; %1 marks a piece that continues the word before it.")
                               .arg(kContinuationMark));
}

}  // namespace ui
