import Foundation

/// SIGINT and SIGTERM held pending, so a loop can look for them between two waits.
///
/// `watch` waits on the bus in short slices; blocking the two signals turns them from "kill the
/// process" into a flag it reads after each slice, so it can close its session and exit 0.
struct StopSignals {
    private var set = sigset_t()

    /// Blocks SIGINT and SIGTERM for the calling thread (call before any other thread starts).
    init() {
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// True once SIGINT or SIGTERM has been sent to the process.
    var arrived: Bool {
        var pending = sigset_t()
        sigpending(&pending)
        return sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1
    }
}
