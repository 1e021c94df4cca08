#include "import/mapped_read.h"

#include <csetjmp>
#include <csignal>
#include <mutex>

namespace ap::import {
namespace {

// Per thread, so that OpenMP workers reading different slices each jump
// back to their own readMapped().
thread_local sigjmp_buf* tGuard = nullptr;
struct sigaction gPrevious {};

void onSigbus(int signal, siginfo_t* info, void* context) {
    if (sigjmp_buf* guard = tGuard) {
        tGuard = nullptr;
        siglongjmp(*guard, 1);
    }
    // Not ours: hand it to whoever had it before (the default kills).
    if (gPrevious.sa_flags & SA_SIGINFO) {
        if (gPrevious.sa_sigaction) gPrevious.sa_sigaction(signal, info, context);
        return;
    }
    if (gPrevious.sa_handler != SIG_DFL && gPrevious.sa_handler != SIG_IGN && gPrevious.sa_handler) {
        gPrevious.sa_handler(signal);
        return;
    }
    // Returning re-runs the faulting access, which now gets the default.
    ::signal(SIGBUS, SIG_DFL);
}

void install() {
    struct sigaction action {};
    action.sa_sigaction = onSigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &gPrevious);
}

}  // namespace

bool readMapped(void (*fn)(void*), void* context) {
    static std::once_flag once;
    std::call_once(once, install);
    sigjmp_buf guard;
    if (sigsetjmp(guard, 1) != 0) return false;  // tGuard was cleared by the handler
    tGuard = &guard;
    fn(context);
    tGuard = nullptr;
    return true;
}

}  // namespace ap::import
