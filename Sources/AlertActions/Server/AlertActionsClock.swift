#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the alert-actions actor reads "now" for its caches and timers (engine.md §12.2, §12.6).
///
/// Monotonic milliseconds, as the original's `zclock_mono`. Tests pass a clock they move by
/// hand, so reminders and expiries happen without waiting for them.
public protocol AlertActionsClock: Sendable {
    /// The current time in monotonic milliseconds.
    func milliseconds() -> UInt64
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`).
public struct MonotonicClock: AlertActionsClock {
    /// Creates the clock.
    public init() {}

    /// `CLOCK_MONOTONIC` in milliseconds, as `zclock_mono`.
    public func milliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}
