/// Settings of a Malamute client connection (wire.md §3).
public struct ClientConfiguration: Sendable {
    /// Broker endpoint, e.g. `ipc://@/malamute`.
    public var endpoint: String
    /// The client's name (its mailbox address); empty = anonymous. At most 255 bytes of UTF-8.
    public var name: String
    /// How long connect and subscription calls wait for the broker's OK.
    public var timeout: Duration
    /// Heartbeat period (the reference pings every second); the session counts as disconnected
    /// after 4 heartbeats of silence (wire.md §3.1).
    public var heartbeat: Duration
    /// How long close waits for the OK to CONNECTION_CLOSE.
    public var closeTimeout: Duration
    /// ZMQ_SNDHWM of the DEALER; 0 = unbounded (the default, see ``MalamuteClient`` on D1).
    public var sendHighWaterMark: Int32
    /// ZMQ_RCVHWM of the DEALER (czmq's default, 1000).
    public var receiveHighWaterMark: Int32
    /// ZMQ PLAIN user and password presented to the broker (`mlm_client_set_plain_auth`); `nil`
    /// (the default) is the NULL mechanism, the wire stays what it was.
    public var plainCredentials: PlainCredentials?

    /// Creates a configuration for `name` at `endpoint`.
    public init(
        endpoint: String, name: String, timeout: Duration = .seconds(5), heartbeat: Duration = .seconds(1),
        closeTimeout: Duration = .seconds(1), sendHighWaterMark: Int32 = 0, receiveHighWaterMark: Int32 = 1000,
        plainCredentials: PlainCredentials? = nil
    ) {
        self.plainCredentials = plainCredentials
        self.endpoint = endpoint
        self.name = name
        self.timeout = timeout
        self.heartbeat = heartbeat
        self.closeTimeout = closeTimeout
        self.sendHighWaterMark = sendHighWaterMark
        self.receiveHighWaterMark = receiveHighWaterMark
    }

    /// The session timers these settings imply.
    public var timing: SessionTiming {
        SessionTiming(callTimeout: timeout, heartbeat: heartbeat, closeTimeout: closeTimeout)
    }
}
