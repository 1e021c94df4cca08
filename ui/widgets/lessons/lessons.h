// The seven guided lessons: each a scene (resources/lessons/lesson-N.json),
// a short text (lesson-N.md, or lesson-N.<locale>.md where a translation
// exists), and a "try this" task that the application checks on every new
// result.
#pragma once

#include "attention/attention.h"
#include "core/scene.h"

#include <QString>

#include <functional>
#include <vector>

namespace ui {

struct Lesson {
    QString title;  // translated
    QString task;   // the "try this" sentence, translated
    // True when the learner has done the task on this scene and result.
    std::function<bool(const ap::Scene&, const ap::AttentionResult&)> check;
};

// The lessons in order (index 0 is lesson 1), in the current language.
std::vector<Lesson> lessons();

// Lesson `index`'s scene and text, from the application's resources. An
// empty scene title and a message in `error` on failure.
bool loadLessonScene(int index, ap::Scene& scene, QString* error = nullptr);
QString lessonText(int index);

// Lesson 5: random queries and keys of width d (rows of 6 tokens, entries
// normal(0, 1) from a fixed seed), scoring as in `base`.
ap::Scene saturationScene(int d, const ap::Scene& base);
// The mean over the rows of each row's largest weight, for `scoring`.
double meanRowMaximum(const ap::Scene& scene, ap::Scoring scoring);

// Shared by the checks: the row of a token (-1 if absent), the key a row of
// the heads' mean attends to most (-1 if fully masked), and the softmax of
// a head's raw score row (what the sample normalizer draws from).
int queryIndex(const ap::Scene& scene, const char* token);
int keyIndex(const ap::Scene& scene, const char* token);
int argmaxKey(const ap::Matrix& weights, int row);
std::vector<float> softmaxRow(const ap::Scene& scene, const ap::AttentionResult& result, int head, int row);

}  // namespace ui
