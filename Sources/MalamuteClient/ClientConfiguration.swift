/// Settings of a Malamute client connection (wire.md §3).
public struct ClientConfiguration: Sendable {
    /// Broker endpoint, e.g. `ipc://@/malamute`.
    public var endpoint: String
    /// The client's name (its mailbox address); empty = anonymous.
    public var name: String
    /// How long connect and subscription calls wait for the broker's OK.
    public var timeout: Duration
    /// Heartbeat period (the reference pings every second).
    public var heartbeat: Duration

    /// Creates a configuration for `name` at `endpoint`.
    public init(endpoint: String, name: String, timeout: Duration = .seconds(5), heartbeat: Duration = .seconds(1)) {
        self.endpoint = endpoint
        self.name = name
        self.timeout = timeout
        self.heartbeat = heartbeat
    }
}
