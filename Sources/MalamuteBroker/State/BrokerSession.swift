/// The broker's state for one connection (one ROUTER routing id), wire.md §2.5.1.
struct BrokerSession: Sendable {
    /// `start` until a CONNECTION_OPEN succeeds, then `connected`.
    var isConnected = false
    /// The registered address; empty while in `start` and for anonymous sessions.
    var address: [UInt8] = []
    /// When the last message (valid or not) arrived; drives expiry (wire.md §2.5.4).
    var lastActivity: ContinuousClock.Instant
    /// Index (into ``BrokerState``'s stream list) of the single stream this session publishes on.
    var producerStream: Int?

    init(now: ContinuousClock.Instant) {
        lastActivity = now
    }
}
