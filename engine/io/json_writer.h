// Pieces shared by the scene and result writers: JSON text built in a buffer
// that is handed to a sink whenever it grows past a chunk, so that writing a
// result of several gigabytes never holds more than one chunk of its text.
#pragma once

#include "core/scene.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace ap::json {

// Receives the text chunk by chunk; returns false to stop the writing (the
// sink keeps its own message saying why).
using Sink = std::function<bool(std::string_view)>;

class Writer {
public:
    static constexpr std::size_t kChunkBytes = 1 << 20;

    explicit Writer(Sink sink) : sink_(std::move(sink)) {}
    // The buffer the append functions write to.
    std::string& out() { return buf_; }
    // Hands the buffer to the sink once it is over a chunk. Called between
    // rows; after the sink has failed, text is dropped.
    void flushIfLarge() {
        if (buf_.size() >= kChunkBytes) flush();
    }
    // Hands over what is left; false if the sink failed at any point.
    bool finish() {
        flush();
        return ok_;
    }
    bool ok() const { return ok_; }
    // Set when a number that is not finite was met (written as null).
    bool sawNonFinite() const { return nonFinite_; }

    void string(std::string_view s);
    void number(float f);
    // Shortest text that reads back to exactly `d`; null when not finite.
    void number(double d);
    // [a, b, c] on one line.
    void numbers(std::span<const float> values);
    void numbers(std::span<const double> values);
    void matrix(const Matrix& m, int indent);
    void mask(const MaskMatrix& m, int indent);
    void vector(const Vector& v);
    void tokens(const std::vector<std::string>& tokens);

private:
    // Shortest text that reads back to exactly `value`, or null.
    template <typename T>
    void appendNumber(T value);
    void flush() {
        if (ok_ && !buf_.empty()) ok_ = sink_(buf_);
        buf_.clear();
    }
    template <typename RowWriter>
    void rows(Eigen::Index rows, int indent, RowWriter writeRow);

    Sink sink_;
    std::string buf_;
    bool ok_ = true;
    bool nonFinite_ = false;
};

// Builds an object member by member, handling commas and indentation.
class ObjectWriter {
public:
    ObjectWriter(Writer& w, int indent) : w_(w), indent_(indent) { w_.out() += "{\n"; }
    // Starts a member; the caller then writes its value.
    Writer& key(std::string_view name);
    int valueIndent() const { return indent_ + 2; }
    void close();

private:
    Writer& w_;
    int indent_;
    bool first_ = true;
};

// Builds an object on one line, {"a": 1, "b": [1, 2]}, for short records.
class InlineObjectWriter {
public:
    explicit InlineObjectWriter(Writer& w) : w_(w) { w_.out() += '{'; }
    // Starts a member; the caller then writes its value.
    Writer& key(std::string_view name);
    void close() { w_.out() += '}'; }

private:
    Writer& w_;
    bool first_ = true;
};

// Runs `write` on a Writer whose text is collected into the returned string.
template <class WriteFunction>
std::string writeToString(WriteFunction write) {
    std::string text;
    Writer w([&text](std::string_view chunk) {
        text += chunk;
        return true;
    });
    write(w);
    w.finish();
    return text;
}

// Shortest decimal text that reads back to exactly `value` (std::to_chars).
std::string formatFloat(float value);

}  // namespace ap::json
