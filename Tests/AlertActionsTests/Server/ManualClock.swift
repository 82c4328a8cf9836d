import Locking
import AlertActions

/// A clock the test moves by hand (virtual monotonic milliseconds).
final class ManualClock: AlertActionsClock {
    private let now: Locked<UInt64>

    init(start: UInt64 = 1_000_000) {
        now = Locked(start)
    }

    func milliseconds() -> UInt64 { now.withLock { $0 } }

    /// Moves the clock forward by `milliseconds`.
    func advance(by milliseconds: UInt64) {
        now.withLock { $0 += milliseconds }
    }
}
