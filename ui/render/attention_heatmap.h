// Heatmaps of imported attention: the labels, title and colour range of one
// matrix chosen from an attention file (a head, an aggregate or the
// rollout), for the command line's export and the model view alike.
#pragma once

#include "analysis/aggregate.h"
#include "import/attention_tensor.h"
#include "render/heatmap_data.h"

#include <QString>

namespace ui {

// "model.npy · layer 11 · head 11"
QString attentionTitle(const ap::import::AttentionTensor& t, const ap::analysis::AttentionChoice& choice);

// Wraps `values` (queries x keys of `t`) with the tokens and a 0..1 scale
// (widened to the largest value when one exceeds 1).
HeatmapData heatmapFromAttention(const ap::import::AttentionTensor& t, const ap::analysis::AttentionChoice& choice,
                                 ap::Matrix values);

// The file's query and key labels (tokens, or q0.. and k0..).
QStringList attentionQueryLabels(const ap::import::AttentionTensor& t);
QStringList attentionKeyLabels(const ap::import::AttentionTensor& t);

}  // namespace ui
