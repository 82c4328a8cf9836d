/// Settings of the embedded Malamute-compatible broker (wire.md §2.5.10).
public struct BrokerConfiguration: Sendable {
    /// Endpoints to bind, in order (42ity: `ipc://@/malamute`).
    public var endpoints: [String]
    /// Session inactivity expiry (`server/timeout`); `nil` or zero disables expiry. Default 60 s,
    /// the reference's compiled-in default (wire.md §2.5.4). Silence is checked about every 100 ms.
    public var sessionTimeout: Duration?

    /// Creates a configuration binding `endpoints`.
    public init(endpoints: [String], sessionTimeout: Duration? = .seconds(60)) {
        self.endpoints = endpoints
        self.sessionTimeout = sessionTimeout
    }
}
