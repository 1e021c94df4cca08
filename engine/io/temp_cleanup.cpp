#include "io/temp_cleanup.h"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>

#include <unistd.h>

namespace ap {
namespace {

// Fixed storage: the handler may only read memory that no allocation can
// move. A slot's path is written before `used` is set, and `used` is
// cleared before the path can change, so the handler never sees half a name.
constexpr int kSlots = 64;
struct Slot {
    std::atomic<bool> used{false};
    std::atomic<bool> taken{false};
    char path[PATH_MAX];
};
Slot gSlots[kSlots];

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

void onSignal(int signal) {
    // unlink(), signal() and raise() are async-signal-safe (POSIX.1-2017, 2.4.3).
    for (Slot& s : gSlots)
        if (s.used.load(std::memory_order_acquire)) ::unlink(s.path);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void install() {
    for (int sig : kSignals) {
        struct sigaction old {};
        if (sigaction(sig, nullptr, &old) != 0) continue;
        if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL) continue;
        struct sigaction action {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        for (int other : kSignals) sigaddset(&action.sa_mask, other);
        sigaction(sig, &action, nullptr);
    }
}

}  // namespace

int registerTempFile(const char* path) {
    static std::once_flag once;
    std::call_once(once, install);
    const std::size_t length = std::strlen(path);
    if (length >= PATH_MAX) return -1;
    for (int i = 0; i < kSlots; ++i) {
        bool expected = false;
        if (!gSlots[i].taken.compare_exchange_strong(expected, true)) continue;
        std::memcpy(gSlots[i].path, path, length + 1);
        gSlots[i].used.store(true, std::memory_order_release);
        return i;
    }
    return -1;
}

void unregisterTempFile(int slot) {
    if (slot < 0 || slot >= kSlots) return;
    gSlots[slot].used.store(false, std::memory_order_release);
    gSlots[slot].taken.store(false, std::memory_order_release);
}

}  // namespace ap
