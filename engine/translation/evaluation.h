// How well a model translates and aligns a corpus: loss, token accuracy,
// exact match, corpus BLEU and the alignment error rate of its attention.
#pragma once

#include "translation/seq2seq_model.h"

namespace ap {

struct Evaluation {
    double loss = 0.0;           // mean -log P per target step, teacher forced
    double tokenAccuracy = 0.0;  // steps whose argmax is the reference token (<eos> included)
    double exactMatch = 0.0;     // fraction of pairs whose greedy translation is the target
    double bleu = 0.0;           // corpus BLEU-4 of the greedy translations (metrics.h)
    double aer = 0.0;            // corpus AER of the argmax attention (<eos> step left out)
    int pairsWithGold = 0;       // pairs that count in aer
};
Evaluation evaluate(const Seq2SeqModel& model, const Corpus& corpus);

}  // namespace ap
