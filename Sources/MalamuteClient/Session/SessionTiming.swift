/// The durations that drive a ``ClientSession``'s timers (wire.md §3.1).
public struct SessionTiming: Equatable, Sendable {
    /// How long connect and subscription calls wait for OK; also the re-open wait.
    public var callTimeout: Duration
    /// Period of CONNECTION_PING once the session is open.
    public var heartbeat: Duration
    /// Silence after which the session counts as disconnected (the reference uses 4 × heartbeat).
    public var expiry: Duration
    /// How long close waits for the OK to CONNECTION_CLOSE.
    public var closeTimeout: Duration

    /// Creates timings; `expiry` defaults to 4 × `heartbeat` as in the reference (wire.md §3.1).
    ///
    /// The heartbeat is at least 1 ms (a zero period would make the shell ping in a busy loop).
    public init(
        callTimeout: Duration = .seconds(5), heartbeat: Duration = .seconds(1), expiry: Duration? = nil,
        closeTimeout: Duration = .seconds(1)
    ) {
        self.callTimeout = callTimeout
        let heartbeat = max(heartbeat, .milliseconds(1))
        self.heartbeat = heartbeat
        self.expiry = expiry ?? heartbeat * 4
        self.closeTimeout = closeTimeout
    }
}
