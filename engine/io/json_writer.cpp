#include "io/json_writer.h"

#include "io/json.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace ap::json {
namespace {

template <class T>
void appendNumbers(Writer& w, std::span<const T> values) {
    w.out() += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) w.out() += ", ";
        w.number(values[i]);
    }
    w.out() += ']';
}

}  // namespace

std::string formatFloat(float value) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

void Writer::string(std::string_view s) { buf_ += quote(s); }

// A valid scene or result holds only finite numbers. Should a non-finite one
// slip through, null keeps the text parseable, reading it back names the
// exact place, and the flag lets a writer refuse to finish such a file.
template <typename T>
void Writer::appendNumber(T value) {
    if (std::isfinite(value)) {
        char b[32];
        const auto [end, ec] = std::to_chars(b, b + sizeof b, value);
        buf_.append(b, ec == std::errc() ? end : b);
    } else {
        buf_ += "null";
        nonFinite_ = true;
    }
}

void Writer::number(float f) { appendNumber(f); }

void Writer::number(double d) { appendNumber(d); }

void Writer::numbers(std::span<const float> values) { appendNumbers(*this, values); }

void Writer::numbers(std::span<const double> values) { appendNumbers(*this, values); }

template <typename RowWriter>
void Writer::rows(Eigen::Index rows, int indent, RowWriter writeRow) {
    if (rows == 0) {
        buf_ += "[]";
        return;
    }
    const std::string pad(std::size_t(indent) + 2, ' ');
    buf_ += "[\n";
    for (Eigen::Index i = 0; i < rows; ++i) {
        buf_ += pad;
        buf_ += '[';
        writeRow(i);
        buf_ += i + 1 < rows ? "],\n" : "]\n";
        flushIfLarge();
    }
    buf_.append(std::size_t(indent), ' ');
    buf_ += ']';
}

// One matrix row per line: diffs and eyes both read it row by row.
void Writer::matrix(const Matrix& m, int indent) {
    rows(m.rows(), indent, [&](Eigen::Index i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) buf_ += ", ";
            number(m(i, j));
        }
    });
}

void Writer::mask(const MaskMatrix& m, int indent) {
    rows(m.rows(), indent, [&](Eigen::Index i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            if (j) buf_ += ", ";
            buf_ += m(i, j) ? "true" : "false";
        }
    });
}

void Writer::vector(const Vector& v) { numbers(std::span<const float>(v.data(), std::size_t(v.size()))); }

void Writer::tokens(const std::vector<std::string>& tokens) {
    buf_ += '[';
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i) buf_ += ", ";
        string(tokens[i]);
    }
    buf_ += ']';
}

Writer& ObjectWriter::key(std::string_view name) {
    std::string& out = w_.out();
    if (!first_) out += ",\n";
    first_ = false;
    out.append(std::size_t(indent_) + 2, ' ');
    w_.string(name);
    out += ": ";
    return w_;
}

Writer& InlineObjectWriter::key(std::string_view name) {
    if (!first_) w_.out() += ", ";
    first_ = false;
    w_.string(name);
    w_.out() += ": ";
    return w_;
}

void ObjectWriter::close() {
    std::string& out = w_.out();
    out += '\n';
    out.append(std::size_t(indent_), ' ');
    out += '}';
}

}  // namespace ap::json
