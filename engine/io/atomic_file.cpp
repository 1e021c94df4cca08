#include "io/atomic_file.h"

#include "io/temp_cleanup.h"
#include "io/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace ap {

namespace {

// The process umask, read without changing it (umask(2) can only be read by
// setting it, which would race with other threads creating files).
mode_t currentUmask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Umask:")) return mode_t(std::strtol(line.c_str() + 6, nullptr, 8));
    return 022;
}

// Unique within this process (the counter) and across processes (the pid,
// the clock), in the six characters and more that mkstemp would use.
std::string uniqueSuffix() {
    static std::atomic<std::uint64_t> counter{0};
    const auto now = std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
    std::uint64_t v = (std::uint64_t(::getpid()) << 40) ^ (now * 0x9E3779B97F4A7C15ull) ^ counter.fetch_add(1);
    static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::string out;
    for (int i = 0; i < 8; ++i, v /= 62) out += kDigits[v % 62];
    return out;
}

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string followLinks(const std::string& path) {
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
        std::string link(std::size_t(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
        const ssize_t n = ::readlink(current.c_str(), link.data(), link.size());
        if (n < 0) return current;
        link.resize(std::size_t(n));
        if (link.empty()) return current;
        if (link[0] == '/') {
            current = link;
        } else {
            const std::string dir = folderOf(current);
            current = (dir == "/" ? "/" : dir + "/") + link;
        }
    }
    return current;
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
    unregisterTempFile(cleanupSlot_);
}

void AtomicFile::abandon(const std::string& what, int err) {
    if (!error_.ok) return;
    error_ = Status::error(path_ + ": " + what + ": " + errnoText(err));
}

Status AtomicFile::open(const std::string& path) {
    path_ = path;
    target_ = followLinks(path);
    dir_ = folderOf(target_);
    const std::size_t slash = target_.rfind('/');
    const std::string base = slash == std::string::npos ? target_ : target_.substr(slash + 1);
    if (base.empty()) return error_ = Status::error(path + ": cannot write: is a directory");
    struct stat existing {};
    if (::stat(target_.c_str(), &existing) == 0 &&
        (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode) || S_ISBLK(existing.st_mode))) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
        // place: renaming a file over it would replace the device itself.
        fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) return error_ = Status::error(path + ": cannot write: " + errnoText(errno));
        inPlace_ = true;
        return Status::success();
    }

    // Hidden and named after the target, so that a leftover after a crash
    // says where it came from.
    // The name is registered for removal on a signal before the file exists
    // (mkstemp would create it first, and a signal in between, or before the
    // first registration installs the handlers, would leave it behind);
    // O_EXCL makes it ours, as mkstemp would.
    const std::string prefix = (dir_ == "/" ? "/" : dir_ + "/") + "." + base + ".";
    for (int attempt = 0; fd_ < 0; ++attempt) {
        std::string temp = prefix + uniqueSuffix();
        cleanupSlot_ = registerTempFile(temp.c_str());
        fd_ = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd_ >= 0) {
            temp_ = std::move(temp);
            break;
        }
        const int err = errno;
        unregisterTempFile(std::exchange(cleanupSlot_, -1));
        if (err != EEXIST || attempt == 99)
            return error_ = Status::error(path + ": cannot create a temporary file in " + dir_ + ": " + errnoText(err));
    }
    // mkstemp makes the file 0600; give it the mode the target has, or the
    // one a newly created file would get.
    struct stat st {};
    const mode_t mode =
        ::stat(target_.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? st.st_mode & 07777 : 0666 & ~currentUmask();
    ::fchmod(fd_, mode);  // best effort: the data matters more than its mode
    return Status::success();
}

bool AtomicFile::write(std::string_view bytes) {
    if (!error_.ok || fd_ < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            abandon("cannot write", errno);
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

Status AtomicFile::commit() {
    if (fd_ < 0 && error_.ok) error_ = Status::error(path_ + ": cannot write: not open");
    if (error_.ok && !inPlace_ && ::fsync(fd_) != 0) abandon("cannot write", errno);
    if (fd_ >= 0) {
        const int closed = ::close(fd_);
        const int err = errno;
        fd_ = -1;
        if (closed != 0) abandon("cannot write", err);
    }
    if (error_.ok && !inPlace_ && ::rename(temp_.c_str(), target_.c_str()) != 0) abandon("cannot replace", errno);
    if (inPlace_) return error_;
    if (!error_.ok) {
        if (!temp_.empty()) ::unlink(temp_.c_str());
        temp_.clear();
        unregisterTempFile(std::exchange(cleanupSlot_, -1));
        return error_;
    }
    temp_.clear();
    unregisterTempFile(std::exchange(cleanupSlot_, -1));
    // Make the rename itself durable; failing here loses nothing already written.
    const int dirFd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return Status::success();
}

Status writeFileAtomically(const std::string& path, std::string_view bytes) {
    AtomicFile file;
    if (Status s = file.open(path); !s.ok) return s;
    file.write(bytes);
    return file.commit();
}

}  // namespace ap
