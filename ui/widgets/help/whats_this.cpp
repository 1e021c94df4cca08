#include "widgets/help/whats_this.h"

#include <QCoreApplication>
#include <QWidget>

namespace ui {
namespace {

struct Entry {
    const char* objectName;
    const char* text;
};

// QT_TRANSLATE_NOOP marks the texts for lupdate; they are translated when
// installed.
const Entry kEntries[] = {
    {"scoringCombo",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>Scoring</b> turns a query q and a key k into a score. Dot and scaled dot compare the vectors "
         "directly (scaled dot divides by √dₕ so that wide heads do not saturate the softmax); general "
         "(Luong) puts a matrix W between them; additive (Bahdanau) runs both through a small layer, "
         "vᵀ tanh(W_q q + W_k k); cosine compares directions only.")},
    {"normalizationCombo",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>Normalization</b> turns each query's scores into weights that sum to 1. Softmax gives every key "
         "some weight; hard gives all of it to the best key; top-k keeps the k best; sparsemax sets low "
         "scores to exactly 0.")},
    {"topKSpin",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>k</b>: how many of the highest-scoring keys top-k keeps for each query. The others get weight 0.")},
    {"temperatureSlider",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>Temperature T</b> divides the scores before normalization. Drag left (T &lt; 1) and the weights "
         "sharpen towards hard attention; drag right (T &gt; 1) and they flatten towards uniform.")},
    {"temperatureSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Temperature T</b>, typed exactly. The slider beside it moves on a logarithmic scale.")},
    {"headsCombo",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Heads</b>: the width d is split into h equal parts and each head attends on its own part. "
                       "The grid on the right shows every head; the output puts their contexts side by side.")},
    {"maskPresetCombo",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Mask preset</b>: causal hides every later key from a query, as in a decoder that must not "
                       "look ahead. Key padding (the boxes in the K table) and single masked cells apply on top.")},
    {"maskEditButton",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>Mask edit mode</b> (M): while it is on, clicking a heatmap cell masks or unmasks it. A masked "
         "cell gets weight exactly 0 and its row is renormalized over the other keys.")},
    {"selfAttentionCheck",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Self-attention</b>: one matrix of tokens is used as queries, keys and values, so a sentence "
                       "attends to its own words. Only Q can then be edited.")},
    {"kEqualsVCheck",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>K = V</b>: the values are the keys, as in encoder–decoder attention where both are the "
                       "encoder's states.")},
    {"showScoresCheck",
     QT_TRANSLATE_NOOP(
         "ui::WhatsThis",
         "<b>Show raw scores</b>: the heatmap shows the scores before temperature, mask and normalization, "
         "on their own colour scale, instead of the weights.")},
    {"trainScoringCombo",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Scoring</b> of the translator's attention: how the decoder state scores each encoder state. "
                       "Changing it takes effect when you press Train.")},
    {"trainNormalizationCombo",
     QT_TRANSLATE_NOOP("ui::WhatsThis", "<b>Normalization</b> of the translator's attention: softmax or sparsemax.")},
    {"trainHeadsSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis", "<b>Heads</b> of the translator's attention; the heatmap shows their mean.")},
    {"trainHiddenSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Hidden size</b>: the width of the encoder and decoder states. Larger learns more and trains "
                       "more slowly.")},
    {"trainEpochsSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis", "<b>Epochs</b>: how many times training goes over every sentence pair.")},
    {"trainLearningRateSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Learning rate</b>: the step size of the Adam optimizer. Too large and the loss jumps; too "
                       "small and it falls slowly.")},
    {"trainSeedSpin",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Seed</b>: the same seed gives the same initial model and the same order of pairs, so a run "
                       "can be repeated exactly.")},
    {"corpusCombo",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Corpus</b>: the sentence pairs to train on. Each line of a corpus file holds a source "
                       "sentence, a tab, its translation and optionally a gold word alignment.")},
    {"pairList",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Sentence pairs</b>: select one to see the decoder's attention over its source words, with "
                       "the gold alignment drawn as rings.")},
    {"translateEdit",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Translate</b>: type a sentence in the source language and press Enter. The latest model "
                       "translates it word by word and the heatmap shows where it looked.")},
    {"lossPlot",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Loss</b>: the mean cross-entropy per target word after each epoch, on a logarithmic axis. "
                       "It should fall steadily.")},
    {"metricsPlot",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Alignment and accuracy</b>: AER compares the strongest attention of each target word with "
                       "the gold alignment (lower is better); token accuracy and exact match measure the translations "
                       "(higher is better).")},
    {"trainingHeatmap",
     QT_TRANSLATE_NOOP("ui::WhatsThis",
                       "<b>Attention of the translator</b>: one row per target word, one column per source word. Rings "
                       "mark the gold alignment; dashed rings its possible links.")},
};

}  // namespace

int installWhatsThis(QWidget* root) {
    if (!root) return 0;
    int found = 0;
    for (const Entry& e : kEntries) {
        const QString name = QString::fromLatin1(e.objectName);
        QList<QWidget*> widgets = root->findChildren<QWidget*>(name);
        if (root->objectName() == name) widgets.prepend(root);
        for (QWidget* w : widgets) {
            w->setWhatsThis(QCoreApplication::translate("ui::WhatsThis", e.text));
            ++found;
        }
    }
    return found;
}

}  // namespace ui
