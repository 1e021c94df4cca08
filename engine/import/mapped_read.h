// Reading bytes of a file mapping that another program may shorten while
// they are read. A page past the new end of the file raises SIGBUS, which
// would kill the whole process (and a window with unsaved edits); inside
// readMapped() it ends the read instead, and the caller reports that the
// file changed.
#pragma once

namespace ap::import {

// Runs fn(context) and returns true, or returns false when a SIGBUS arrived
// on this thread while fn ran (fn was cut short: whatever it wrote is
// partial). fn must not allocate, lock or throw: it is left by a jump.
// SIGBUS on any other code keeps its usual effect.
bool readMapped(void (*fn)(void* context), void* context);

// The message for a read that readMapped() cut short.
inline constexpr const char* kFileChangedMessage =
    "the file changed while it was read (it is shorter than when it was opened)";

}  // namespace ap::import
