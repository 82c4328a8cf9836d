import Synchronization

/// A counter the engine loop bumps once per turn (issue 12 item 4): the systemd watchdog sender
/// pets the watchdog only when it has advanced since its last look, so a stuck loop stops the
/// `WATCHDOG=1` messages and systemd restarts the service.
///
/// The loop turns at least every ``EngineLoop`` tick (100 ms) even with nothing to do, so a
/// reader that looks less often than that sees it advance while the loop lives.
public final class LoopTurns: Sendable {
    private let count = Atomic<UInt64>(0)

    /// Creates a counter at zero.
    public init() {}

    /// One more turn (called by the engine loop).
    public func bump() {
        count.add(1, ordering: .relaxed)
    }

    /// The turns so far.
    public var value: UInt64 {
        count.load(ordering: .relaxed)
    }
}
