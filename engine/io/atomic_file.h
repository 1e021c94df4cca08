// Writing a file so that it is either the old or the complete new content,
// never half written: the bytes go to a hidden temporary file in the same
// folder, which is flushed to disk and renamed over the target. An interrupt
// (SIGINT, SIGTERM, SIGHUP) while it is written removes the temporary file
// (io/temp_cleanup.h). The engine's
// one way of writing output files; the Qt side uses QSaveFile, which works
// the same way.
#pragma once

#include "core/status.h"

#include <string>
#include <string_view>

namespace ap {

class AtomicFile {
public:
    AtomicFile() = default;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    // Removes the temporary file unless commit() succeeded.
    ~AtomicFile();

    // Creates the temporary file for `path`. Through a symbolic link (or a
    // chain of them), the file the link points to is written and the link
    // kept, even where that file does not exist yet. A device or pipe
    // (/dev/null, a FIFO) is written in place. Messages name `path`.
    Status open(const std::string& path);
    // Appends bytes; false once anything has failed (the first error is kept
    // for commit() to report).
    bool write(std::string_view bytes);
    // Flushes, closes and renames over the target. On failure the target is
    // untouched and no temporary file is left.
    Status commit();
    // The first failure so far, or success.
    const Status& error() const { return error_; }

private:
    void abandon(const std::string& what, int err);

    std::string path_;    // as given, for messages
    std::string target_;  // after following links
    std::string dir_;
    std::string temp_;
    int fd_ = -1;
    int cleanupSlot_ = -1;  // temp_ registered for removal on SIGINT/SIGTERM
    bool inPlace_ = false;  // a device or pipe, written directly
    Status error_;
};

// The whole of `bytes` through an AtomicFile; a failure names the file
// ("out.json: cannot write: No space left on device").
Status writeFileAtomically(const std::string& path, std::string_view bytes);

// Where a path ends up after following symbolic links, the last one included,
// even when the final file does not exist yet. Relative link targets are taken
// relative to the link's folder. Gives up after 40 links, as the kernel does.
std::string followLinks(const std::string& path);

}  // namespace ap
