// Where the shipped resources (corpora, example scenes) are found at run time.
#pragma once

#include <QString>

namespace ui {

// Run from a build tree (a marker file `attention-playground-build-tree`
// one folder above the executable names the source tree's resources/):
// that folder. Otherwise `../share/attention-playground` next to the
// executable, where `cmake --install` puts them (bin/ and share/ side by
// side under any prefix). Returns an absolute path without a trailing
// slash; the directory may be missing.
QString resourcesDir();

// The build tree's resources folder, or an empty string when the
// executable does not run from a build tree.
QString buildTreeResourcesDir();

}  // namespace ui
