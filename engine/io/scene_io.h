// Scene and result files in one include: the reader, the writers and the
// atomic file they write through.
#pragma once

#include "io/atomic_file.h"
#include "io/result_writer.h"
#include "io/scene_reader.h"
#include "io/scene_writer.h"
