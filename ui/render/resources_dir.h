// Where the shipped resources (corpora, example scenes) are found at run time.
#pragma once

#include <QString>

namespace ui {

// `../share/attention-playground` next to the executable when that exists
// (an installed copy: bin/ and share/ side by side), else the source tree's
// resources/ (a build run in place). Returns an absolute path without a
// trailing slash; the directory may be missing when neither exists.
QString resourcesDir();

}  // namespace ui
