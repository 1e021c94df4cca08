// Heatmaps of the translation model's attention: decoder steps as
// rows, source tokens as columns, the gold alignment as marks.
#pragma once

#include "render/heatmap_data.h"
#include "translation/seq2seq.h"

namespace ui {

// The gold links of `pair` as marks: sure links in `marks`, possible ones in
// `possibleMarks`, each at QPoint(source index, target index).
void setGoldMarks(HeatmapData& data, const ap::SentencePair& pair);

// The teacher-forced attention of a pair (mean over the heads): one row per
// reference target token and one for <eos>, with the gold marks.
HeatmapData pairAttentionHeatmap(const ap::SentencePair& pair, const ap::PairAttention& attention);

// The pair before any training: the same rows and columns, all weights 0,
// so that the gold alignment can be read before the model exists.
HeatmapData goldAlignmentHeatmap(const ap::SentencePair& pair);

// A greedy translation: one row per produced token, and "<eos>" when it
// finished.
HeatmapData translationHeatmap(const ap::Translation& translation);

}  // namespace ui
