#include "command_output.h"

#include "command_line.h"
#include "io/text_file.h"

#include <cerrno>
#include <cstdio>

namespace app {
namespace {
constexpr std::size_t kChunkBytes = 1 << 20;
}

int CommandOutput::openFile(const QString& path) {
    toFile_ = true;
    if (path.isEmpty()) {
        printErr(QStringLiteral("the output file name is empty"));
        return kBadInput;
    }
    if (const ap::Status s = file_.open(nativePath(path)); !s.ok) {
        printErrBytes(s.message);
        return kWriteFailed;
    }
    return kOk;
}

bool CommandOutput::flush() {
    if (buffer_.empty()) return true;
    bool ok = true;
    if (toFile_) {
        ok = file_.write(buffer_);
    } else if (stdoutError_ == 0) {
        if (std::fwrite(buffer_.data(), 1, buffer_.size(), stdout) != buffer_.size())
            stdoutError_ = errno ? errno : EIO;
        ok = stdoutError_ == 0;
    } else {
        ok = false;
    }
    buffer_.clear();
    return ok;
}

bool CommandOutput::write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kChunkBytes) return flush();
    return toFile_ ? file_.error().ok : stdoutError_ == 0;
}

int CommandOutput::finish() {
    flush();
    if (toFile_) {
        if (const ap::Status s = file_.commit(); !s.ok) {
            printErrBytes(s.message);
            return kWriteFailed;
        }
        return kOk;
    }
    if (stdoutError_ == 0 && std::fflush(stdout) != 0) stdoutError_ = errno ? errno : EIO;
    if (stdoutError_ != 0) {
        printErrBytes("standard output: " + ap::errnoText(stdoutError_));
        return kWriteFailed;
    }
    return kOk;
}

bool printJsonLine(const std::function<void(ap::json::InlineObjectWriter&)>& write) {
    const std::string text = ap::json::writeToString([&](ap::json::Writer& w) {
        ap::json::InlineObjectWriter o(w);
        write(o);
        o.close();
    });
    return printOut(QString::fromStdString(text));
}

void writeBool(ap::json::Writer& w, bool value) { w.out() += value ? "true" : "false"; }

void writeNumberOrNull(ap::json::Writer& w, bool known, double value) {
    if (known)
        w.number(value);
    else
        w.out() += "null";
}

void writeSeed(ap::json::Writer& w, std::uint64_t seed) {
    const std::string text = std::to_string(seed);
    if (seed <= (std::uint64_t(1) << 53))
        w.out() += text;
    else
        w.string(text);
}

}  // namespace app
