#include "io/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ap {

std::string errnoText(int err) { return std::generic_category().message(err); }

std::string mebibytes(std::int64_t bytes) {
    constexpr std::int64_t kMiB = 1024 * 1024;
    return std::to_string((bytes + kMiB - 1) / kMiB) + " MiB";
}

Result<std::string> readTextFile(const std::string& path, std::int64_t maxBytes) {
    Result<std::string> result;
    auto fail = [&](const std::string& what) {
        result.error = what;
        result.value.clear();
        return result;
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail("cannot open: " + errnoText(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > maxBytes)
        return fail("file is " + mebibytes(st.st_size) + ", over the limit of " + mebibytes(maxBytes));

    // Read in chunks up to one byte past the limit: the size may have changed
    // since fstat, and pipes have none.
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("cannot read: " + errnoText(errno));
        }
        if (n == 0) break;
        result.value.append(buf, std::size_t(n));
        if (std::int64_t(result.value.size()) > maxBytes)
            return fail("file is over the limit of " + mebibytes(maxBytes));
    }
    result.ok = true;
    return result;
}

}  // namespace ap
