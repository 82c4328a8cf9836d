/// A user name and password for the ZMQ PLAIN mechanism (ZMTP RFC 24), as
/// `mlm_client_set_plain_auth` sets them. Sent in clear text: use it on IPC or a trusted network.
public struct PlainCredentials: Sendable, Equatable {
    /// The user name, as the broker's passwords file lists it (at most 255 bytes of UTF-8).
    public var user: String
    /// The user's password (at most 255 bytes of UTF-8).
    public var password: String

    /// Creates credentials for `user`.
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
