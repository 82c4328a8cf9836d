/// Settings of the embedded Malamute-compatible broker (wire.md §2.5.10).
public struct BrokerConfiguration: Sendable {
    /// Endpoints to bind, in order (42ity: `ipc://@/malamute`).
    public var endpoints: [String]
    /// Session inactivity expiry (`server/timeout`); `nil` or zero disables expiry. Default 60 s,
    /// the reference's compiled-in default (wire.md §2.5.4). Silence is checked about every 100 ms.
    public var sessionTimeout: Duration?
    /// PLAIN authentication (`mlm_server/security/mechanism = plain` with the passwords file of
    /// `server/auth/plain`): every TCP/IPC client must present a user and password found here,
    /// others get no session. `nil` (the default) is the NULL mechanism: nothing on the wire
    /// changes. In-process (`inproc://`) clients are never authenticated (libzmq runs no
    /// handshake on inproc).
    public var plainPasswords: PlainPasswords?

    /// Creates a configuration binding `endpoints`.
    public init(endpoints: [String], sessionTimeout: Duration? = .seconds(60), plainPasswords: PlainPasswords? = nil) {
        self.endpoints = endpoints
        self.sessionTimeout = sessionTimeout
        self.plainPasswords = plainPasswords
    }
}
