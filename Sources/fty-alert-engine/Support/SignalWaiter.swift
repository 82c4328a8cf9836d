import Foundation

/// Blocks SIGINT/SIGTERM for the whole process and lets the main thread wait for them.
///
/// Created before any thread is started so every thread inherits the blocked mask; the signals
/// are then taken synchronously with `sigwait`, so no handler runs in an arbitrary thread.
struct SignalWaiter {
    private var set = sigset_t()

    init(blocking signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits for one of the blocked signals and returns its number.
    func wait() -> Int32 {
        var set = self.set
        var signal: Int32 = 0
        while sigwait(&set, &signal) != 0 {}
        return signal
    }
}
