#include "widgets/training/training_panel.h"

#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "render/resources_dir.h"
#include "widgets/training/corpus_picker.h"
#include "widgets/training/generate_corpus_dialog.h"
#include "widgets/training/model_load_bar.h"
#include "widgets/training/pair_list_model.h"
#include "widgets/training/training_heatmap.h"
#include "widgets/training/training_plots.h"
#include "widgets/training/training_settings.h"
#include "translation/corpus_split.h"
#include "translation/metrics.h"
#include "translation/model_file.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QListView>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
namespace {

QString percent(double fraction) { return QLocale().toString(100.0 * fraction, 'f', 1); }

}  // namespace

void TrainingPanel::scheduleRefresh() {
    if (!refreshTimer_->isActive()) refreshTimer_->start();
}

void TrainingPanel::refreshViews() {
    const std::optional<ap::EpochStats> stats = lastStats();
    progress_->setValue(stats ? stats->epoch : 0);
    updateStatus();
    refreshHeatmap();
    refreshBarChart();
    plots_->replot();
    updateActions();
}

void TrainingPanel::refreshHeatmap() {
    HeatmapData data;
    pairAttentionAer_.reset();
    const int pair = currentPairIndex();
    const ModelPtr model = this->model();
    const CorpusPtr corpus = session_->corpus();
    const std::optional<ap::EpochStats> stats = lastStats();
    const int epoch = stats ? stats->epoch : 0;
    // One pair's forward pass (or one greedy decoding) on the snapshot: a
    // fraction of a millisecond at the sizes TrainingSettings offers.
    if (showsTranslation_ && model) {
        // Case as the model knows it: the rule of the translate command, so
        // that window and command give the same translation.
        const std::vector<std::string> source =
            ap::matchSourceWords(*model, session_->modelLowercase(), translationSource_);
        const ap::Translation t = model->translate(source);
        data = translationHeatmap(t);
        data.title = tr("Translation · greedy decoding · epoch %1").arg(epoch);
        QStringList unknown;
        for (const std::string& s : source)
            if (!model->sourceVocabulary().contains(s)) unknown << QString::fromStdString(s);
        const QString words = joinTokens(t.tokens);
        const QString unknownList = QLocale().createSeparatedList(unknown);
        const int limit = int(t.tokens.size());
        QString text;
        if (t.finished && unknown.isEmpty())
            text = tr("→ %1").arg(words);
        else if (t.finished)
            text = tr("→ %1 · unknown words: %2").arg(words, unknownList);
        else if (unknown.isEmpty())
            text = tr("→ %1 … (no end of sentence within %n word(s))", nullptr, limit).arg(words);
        else
            text = tr("→ %1 … (no end of sentence within %n word(s)) · unknown words: %2", nullptr, limit)
                       .arg(words, unknownList);
        translation_->setText(text);
    } else if (corpus && pair >= 0 && pair < int(corpus->pairs.size())) {
        const ap::SentencePair& p = corpus->pairs[size_t(pair)];
        if (model) {
            const ap::PairAttention attention = model->teacherForcedAttention(p);
            data = pairAttentionHeatmap(p, attention);
            if (p.hasGold)
                pairAttentionAer_ =
                    ap::alignmentCounts(ap::argmaxAlignment(attention.mean, int(p.target.size())), p.gold).aer();
            const bool held = session_->isHeldOut(pair);
            if (!data.possibleMarks.empty())
                data.title = held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold "
                                       "alignment (dashed: possible)")
                                        .arg(pair + 1)
                                        .arg(epoch)
                                  : tr("Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment "
                                       "(dashed: possible)")
                                        .arg(pair + 1)
                                        .arg(epoch);
            else if (!data.marks.empty())
                data.title = held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold "
                                       "alignment")
                                        .arg(pair + 1)
                                        .arg(epoch)
                                  : tr("Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment")
                                        .arg(pair + 1)
                                        .arg(epoch);
            else
                data.title =
                    held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2").arg(pair + 1).arg(epoch)
                         : tr("Pair %1 · decoder → encoder attention after epoch %2").arg(pair + 1).arg(epoch);
            if (pairAttentionAer_) {
                const QString aer = QLocale().toString(*pairAttentionAer_, 'f', 3);
                data.title =
                    tr("%1 · AER %2", "heatmap title, then the pair's alignment error rate").arg(data.title, aer);
                // A narrow heatmap elides the title's middle, never the figure.
                data.titleKeep = QStringLiteral("AER ") + aer;
            }
        } else {
            data = goldAlignmentHeatmap(p);
            data.title = tr("Pair %1 · gold alignment (rings) · press Train to see the attention").arg(pair + 1);
        }
    } else {
        data.title = tr("No pair selected");
    }
    selectedRow_ = data.rows() > 0 ? std::clamp(selectedRow_, 0, data.rows() - 1) : -1;
    heatmap_->setData(std::move(data));
    heatmap_->setSelectedRow(selectedRow_);
    refreshAlignerHeatmap(showsTranslation_ ? -1 : pair);
    updateLesson();
}

void TrainingPanel::refreshAlignerHeatmap(int pair) {
    pairAlignerAer_.reset();
    pairAlignerAerTrainOnly_.reset();
    const CorpusPtr corpus = session_->corpus();
    HeatmapData data;
    if (showsTranslation_) {
        data.title = tr("The aligner aligns corpus pairs only, not typed sentences");
    } else if (!corpus || pair < 0 || pair >= int(corpus->pairs.size())) {
        data.title = tr("No pair selected");
    } else if (!alignment_ || std::size_t(pair) >= alignment_->pairs.size()) {
        data.title = isAligning() ? tr("Aligning the corpus with IBM Model 2…") : tr("No alignment");
    } else {
        const ap::SentencePair& p = corpus->pairs[std::size_t(pair)];
        const ap::PairAlignment& a = alignment_->pairs[std::size_t(pair)];
        // The attention heatmap's rows (target words, then <eos>), so that a
        // row means the same word in both pictures; the aligner has no <eos>
        // step, its row stays empty.
        data = goldAlignmentHeatmap(p);
        data.values.topRows(a.soft.rows()) = a.soft;
        // A held-out pair is also aligned by the aligner trained without it.
        const ap::PairAlignment* trainOnly = nullptr;
        if (heldOutAlignment_) {
            const std::vector<int>& held = heldOutAlignment_->indices;
            const auto it = std::lower_bound(held.begin(), held.end(), pair);
            const std::size_t k = std::size_t(it - held.begin());
            if (it != held.end() && *it == pair && k < heldOutAlignment_->summary.pairs.size())
                trainOnly = &heldOutAlignment_->summary.pairs[k];
        }
        if (p.hasGold && trainOnly) {
            pairAlignerAer_ = ap::alignmentCounts(a.links, p.gold).aer();
            pairAlignerAerTrainOnly_ = ap::alignmentCounts(trainOnly->links, p.gold).aer();
            const QLocale locale;
            const QString aer = locale.toString(*pairAlignerAer_, 'f', 3);
            const QString aerTrainOnly = locale.toString(*pairAlignerAerTrainOnly_, 'f', 3);
            // The title's end, kept readable when the title is cut.
            data.titleKeep = tr("AER %1 · trained on the training pairs only: AER %2").arg(aer, aerTrainOnly);
            data.title = tr("IBM Model 2 · soft alignment · grow-diag-final-and links: %1").arg(data.titleKeep);
        } else if (p.hasGold) {
            pairAlignerAer_ = ap::alignmentCounts(a.links, p.gold).aer();
            const QString aer = QLocale().toString(*pairAlignerAer_, 'f', 3);
            data.title = tr("IBM Model 2 · soft alignment · grow-diag-final-and links: AER %1").arg(aer);
            data.titleKeep = QStringLiteral("AER ") + aer;
        } else {
            data.title = tr("IBM Model 2 · soft alignment");
        }
    }
    alignerHeatmap_->setData(std::move(data));
    alignerHeatmap_->setSelectedRow(selectedRow_);
}

void TrainingPanel::updateLesson() {
    QString text = tr("Attention is not alignment. The decoder attends to whichever encoder states help it "
                      "predict the next word, and each encoder state also describes its neighbours, so the "
                      "weight may sit beside the word being translated while the translation stays right. "
                      "The aligner (right) has only the words themselves: its posteriors can rest only on "
                      "source words that occur with the target word.");
    // Sentences follow one another after a space, but not after a
    // full-width full stop (Chinese runs its sentences together).
    const auto append = [&text](const QString& sentence) {
        if (!text.endsWith(QChar(0x3002))) text += QLatin1Char(' ');
        text += sentence;
    };
    append(tr("As word aligners are, it is run on the text it aligns: it learnt from every "
              "pair of the corpus, held-out ones included, from co-occurrences only (never "
              "from gold links)."));
    const int pair = currentPairIndex();
    const bool held = !showsTranslation_ && pair >= 0 && session_->isHeldOut(pair);
    const QLocale locale;
    const auto aer = [&locale](double value) { return locale.toString(value, 'f', 3); };
    if (pairAttentionAer_ && pairAlignerAer_ && held && pairAlignerAerTrainOnly_) {
        // The model never saw a held-out pair, and the aligner above did: the
        // comparison that holds is with the aligner trained as the model was.
        const double gap = *pairAttentionAer_ - *pairAlignerAerTrainOnly_;
        if (gap > 0.005)
            append(tr("This pair is held out: the model never trained on it. The attention (AER %1) aligns it worse "
                      "than the aligner trained on the training pairs only (AER %2): look for rows whose brightest "
                      "cell misses the ring. The aligner run on every pair, this one included, gets AER %3.")
                       .arg(aer(*pairAttentionAer_), aer(*pairAlignerAerTrainOnly_), aer(*pairAlignerAer_)));
        else if (gap < -0.005)
            append(tr("This pair is held out: the model never trained on it. The attention (AER %1) aligns it better "
                      "than the aligner trained on the training pairs only (AER %2). The aligner run on every pair, "
                      "this one included, gets AER %3.")
                       .arg(aer(*pairAttentionAer_), aer(*pairAlignerAerTrainOnly_), aer(*pairAlignerAer_)));
        else
            append(tr("This pair is held out: the model never trained on it. The attention aligns it as well as the "
                      "aligner trained on the training pairs only (AER %1). The aligner run on every pair, this one "
                      "included, gets AER %2.")
                       .arg(aer(*pairAttentionAer_), aer(*pairAlignerAer_)));
    } else if (pairAttentionAer_ && pairAlignerAer_ && !held) {
        // A training pair: the model and the aligner both learnt from it.
        const double gap = *pairAttentionAer_ - *pairAlignerAer_;
        if (gap > 0.005)
            append(tr("Here the attention (AER %1) aligns worse than the aligner (AER %2): "
                      "look for rows whose brightest cell misses the ring.")
                       .arg(aer(*pairAttentionAer_), aer(*pairAlignerAer_)));
        else if (gap < -0.005)
            append(tr("Here the attention (AER %1) aligns better than the aligner (AER %2): "
                      "the model has learnt where the words are, which guided alignment "
                      "makes more likely.")
                       .arg(aer(*pairAttentionAer_), aer(*pairAlignerAer_)));
        else
            append(tr("Here both align equally well (AER %1).").arg(aer(*pairAttentionAer_)));
    }
    lesson_->setText(text);
}

QString TrainingPanel::lessonText() const { return lesson_->text(); }

void TrainingPanel::refreshBarChart() {
    const HeatmapData& d = heatmap_->data();
    if (selectedRow_ < 0 || selectedRow_ >= d.rows()) {
        barChart_->clear();
        return;
    }
    std::vector<float> values(size_t(d.columns()));
    for (int c = 0; c < d.columns(); ++c) values[size_t(c)] = d.values(selectedRow_, c);
    barChart_->setRow(d.rowLabels.value(selectedRow_), d.columnLabels, std::move(values),
                      std::vector<bool>(size_t(d.columns()), false), true);
}

void TrainingPanel::updateStatus() {
    QString text;
    QString heldText;
    const std::optional<ap::EpochStats> stats = lastStats();
    const CorpusPtr corpus = session_->corpus();
    const TrainingSession::State state = session_->state();
    if (stats) {
        const ap::EpochStats& s = *stats;
        const QLocale locale;
        const QString aer = s.pairsWithGold > 0 ? locale.toString(s.aer, 'f', 3) : tr("— (no gold)");
        text = tr("Epoch %1 of %2 · loss %3 · token accuracy %4 % · exact match %5 % · AER %6")
                   .arg(locale.toString(s.epoch), locale.toString(session_->plannedEpochs()),
                        locale.toString(s.loss, 'f', 4), percent(s.tokenAccuracy), percent(s.exactMatch), aer);
        if (s.hasHeldOut) {
            const ap::Evaluation& h = s.heldOut;
            const QString heldAer = h.pairsWithGold > 0 ? locale.toString(h.aer, 'f', 3) : tr("— (no gold)");
            heldText = tr("Held out: loss %1 · token accuracy %2 % · exact match %3 % · BLEU %4 · AER %5")
                           .arg(locale.toString(h.loss, 'f', 4), percent(h.tokenAccuracy), percent(h.exactMatch),
                                locale.toString(h.bleu, 'f', 3), heldAer);
        }
    } else if (corpus) {
        const int held = int(session_->heldOutIndices().size());
        text = tr("%n pair(s) loaded", nullptr, int(corpus->pairs.size()));
        if (held > 0) heldText = tr("%n pair(s) held out for evaluation", nullptr, held);
        if (session_->hasModel()) text = tr("A model is loaded: type a sentence to translate it. %1").arg(text);
    }
    switch (state) {
    case TrainingSession::State::Training:
        if (!stats) text = tr("Starting…");
        break;
    case TrainingSession::State::Paused: text = tr("%1 · paused", "training status, then its state").arg(text); break;
    case TrainingSession::State::Stopping:
        text = tr("%1 · stopping…", "training status, then its state").arg(text);
        break;
    case TrainingSession::State::Idle:
        if (stats)
            text = session_->stoppedEarly() ? tr("%1 · stopped", "training status, then its state").arg(text)
                                            : tr("%1 · done", "training status, then its state").arg(text);
        break;
    }
    status_->setText(text);
    heldOutStatus_->setText(heldText);
}

void TrainingPanel::openSelectedPair() {
    const int pair = currentPairIndex();
    const ModelPtr m = model();
    const CorpusPtr c = session_->corpus();
    if (!m || !c || pair < 0 || pair >= int(c->pairs.size())) return;
    emit openInPlayground(ap::sceneFromPair(*m, c->pairs[size_t(pair)]));
}

QString TrainingPanel::errorText() const { return messageBar_->text(); }

QString TrainingPanel::statusText() const { return status_->text(); }

QString TrainingPanel::heldOutText() const { return heldOutStatus_->text(); }

QString TrainingPanel::translationText() const { return translation_->text(); }

int TrainingPanel::lossPlotPointCount() const { return plots_->lossPointCount(); }

int TrainingPanel::aerPlotPointCount() const { return plots_->aerPointCount(); }

}  // namespace ui
