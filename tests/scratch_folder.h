// Folders a test process makes under the temporary directory, removed when
// the process ends. ctest runs tests in parallel processes, so a name
// should carry the process id.
#pragma once

#include <filesystem>
#include <system_error>
#include <vector>

struct ScratchFolders {
    std::vector<std::filesystem::path> paths;
    ~ScratchFolders() {
        std::error_code ignored;
        for (const auto& p : paths) std::filesystem::remove_all(p, ignored);
    }
};

// Remembers `path` for removal at exit and returns it.
inline std::filesystem::path scratchFolder(std::filesystem::path path) {
    static ScratchFolders folders;
    folders.paths.push_back(path);
    return path;
}
