// Where a command writes its text: a file given with -o (written through
// an AtomicFile, so it is complete or untouched) or standard output. Text
// is buffered and handed over a chunk at a time, so output of gigabytes is
// never held whole.
#pragma once

#include "io/atomic_file.h"
#include "io/json_writer.h"

#include <QString>

#include <cstdint>
#include <functional>
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

// Prints one JSON object on one line, {"a": 1, "b": [2, 3]}, to standard
// output: the members `write` adds. Returns what printOut() returns.
bool printJsonLine(const std::function<void(ap::json::InlineObjectWriter&)>& write);

// Values json::Writer leaves to its caller.
void writeBool(ap::json::Writer& w, bool value);
// null where there is no figure (`known` false) rather than a number that
// would look like a measurement.
void writeNumberOrNull(ap::json::Writer& w, bool known, double value);
// JSON numbers are doubles: seeds beyond 2^53 are written as text.
void writeSeed(ap::json::Writer& w, std::uint64_t seed);

}  // namespace app
