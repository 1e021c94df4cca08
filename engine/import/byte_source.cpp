#include "import/byte_source.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ap::import {
namespace {

struct Mapping {
    void* address = nullptr;
    std::size_t length = 0;
    ~Mapping() {
        if (address) munmap(address, length);
    }
};

}  // namespace

Result<ByteSource> mapFile(const std::string& path) {
    Result<ByteSource> r;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        r.error = std::string("cannot open: ") + std::strerror(errno);
        return r;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        r.error = std::string("cannot read: ") + std::strerror(errno);
        ::close(fd);
        return r;
    }
    if (!S_ISREG(st.st_mode)) {
        r.error = "not a regular file";
        ::close(fd);
        return r;
    }
    auto mapping = std::make_shared<Mapping>();
    if (st.st_size > 0) {
        void* p = mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            r.error = std::string("cannot map: ") + std::strerror(err);
            // The whole file is mapped (not read): only the address space
            // must hold it, which `ulimit -v` may not allow.
            if (err == ENOMEM)
                r.error += " (mapping its " + std::to_string(st.st_size) +
                           " bytes needs that much address space; is it limited, ulimit -v?)";
            ::close(fd);
            return r;
        }
        mapping->address = p;
        mapping->length = std::size_t(st.st_size);
    }
    ::close(fd);  // the mapping stays valid without the descriptor
    ByteSource bytes;
    bytes.data = static_cast<const unsigned char*>(mapping->address);
    bytes.size = mapping->length;
    bytes.owner = mapping;
    bytes.mapped = true;
    return Result<ByteSource>::success(std::move(bytes));
}

void releaseMappedPages(const void* data, std::size_t size) {
    static const std::uintptr_t page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (std::uintptr_t(data) + page - 1) / page * page;
    const std::uintptr_t end = (std::uintptr_t(data) + size) / page * page;
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

ByteSource copyBytes(const void* data, std::size_t size) {
    auto buffer = std::make_shared<std::vector<unsigned char>>(size);
    if (size) std::memcpy(buffer->data(), data, size);
    ByteSource s;
    s.data = buffer->data();
    s.size = size;
    s.owner = buffer;
    return s;
}

}  // namespace ap::import
