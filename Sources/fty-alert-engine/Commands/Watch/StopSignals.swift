import Foundation
import Synchronization

/// Set by the SIGINT / SIGTERM handler; read by the `watch` loop between two waits.
private let stopRequested = Atomic<Bool>(false)

/// SIGINT and SIGTERM turned into a flag, so a loop can look for them between two waits.
///
/// `watch` waits on the bus in short slices; catching the two signals turns them from "kill the
/// process" into a flag it reads after each slice, so it can close its session and exit 0. A
/// handler (rather than a blocked signal mask) works whichever thread the kernel picks: the
/// root command is async, so the concurrency pool's threads exist before `watch` runs.
struct StopSignals {
    /// Installs the handler for SIGINT and SIGTERM.
    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            // Only an atomic store happens in the handler: async-signal-safe.
            signal(signalNumber) { _ in stopRequested.store(true, ordering: .relaxed) }
        }
    }

    /// True once SIGINT or SIGTERM has been received.
    var arrived: Bool { stopRequested.load(ordering: .relaxed) }
}
