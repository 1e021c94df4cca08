// Temporary files that an interrupt must not leave behind. AtomicFile
// registers its hidden temporary file here while it is being written; on
// SIGINT, SIGTERM or SIGHUP the handler unlinks every registered file and
// then lets the signal end the process as it would have (so Ctrl-C during
// a 7 GB `compute -o` leaves neither the old file touched nor a half-written
// copy). The handler is installed the first time a file is registered, and
// only for signals whose disposition is still the default: a program that
// handles the signal itself keeps its handler.
#pragma once

namespace ap {

// Returns a slot to pass to unregisterTempFile(), or -1 when every slot is
// taken (the file is then not removed on a signal; nothing else changes).
int registerTempFile(const char* path);
void unregisterTempFile(int slot);

}  // namespace ap
