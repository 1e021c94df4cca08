// Where a command writes its text: a file given with -o (written through
// an AtomicFile, so it is complete or untouched) or standard output. Text
// is buffered and handed over a chunk at a time, so output of gigabytes is
// never held whole.
#pragma once

#include "io/atomic_file.h"
#include "io/json_writer.h"

#include <QString>

#include <string>
#include <string_view>

namespace app {

class CommandOutput {
public:
    // Without openFile() the text goes to standard output. Returns kOk, or
    // prints the message and returns kBadInput for an empty name and
    // kWriteFailed when the file cannot be created.
    int openFile(const QString& path);
    // Appends text; false once anything has failed.
    bool write(std::string_view text);
    // A sink for json::Writer.
    ap::json::Sink sink() {
        return [this](std::string_view text) { return write(text); };
    }
    // Flushes and commits. Returns kOk, or prints one message ("out.csv:
    // cannot write: No space left on device", "standard output: ...") and
    // returns kWriteFailed.
    int finish();

private:
    bool flush();

    bool toFile_ = false;
    ap::AtomicFile file_;
    std::string buffer_;
    int stdoutError_ = 0;
};

}  // namespace app
