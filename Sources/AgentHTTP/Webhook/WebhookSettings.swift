import AlertHistory

/// How the Alertmanager webhook receiver behaves (issue 10 item 6; SeS, integrations.md §2).
public struct WebhookSettings: Sendable, Equatable {
    /// Who may post: anybody, or one user with a password (HTTP basic auth).
    public enum Authentication: Sendable, Equatable {
        /// No check (SeS `OXSES_AUTHMODE=none`, its default).
        case none
        /// HTTP basic auth against this user and password, compared in constant time.
        case basic(user: String, password: String)
    }

    /// The first path component: `POST /<basePath>/<partition>` (SeS `OXSES_PATH`, default `logs`).
    public var basePath: String
    /// The check on every webhook request.
    public var authentication: Authentication
    /// The largest body accepted; a larger one is answered 413 (default 1 MiB).
    public var maxBodyBytes: Int
    /// Whether each recorded change is also published as an fty_proto ALERT on `_ALERTS_SYS`.
    public var publish: Bool
    /// How a webhook alert maps onto a 42ity rule, element and severity.
    public var mapping: WebhookMapping

    /// The default body limit: 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    /// Creates settings; the defaults are SeS's (`logs`, no auth) with a 1 MiB body limit.
    public init(
        basePath: String = "logs", authentication: Authentication = .none, maxBodyBytes: Int = defaultMaxBodyBytes,
        publish: Bool = false, mapping: WebhookMapping = WebhookMapping()
    ) {
        self.basePath = basePath
        self.authentication = authentication
        self.maxBodyBytes = maxBodyBytes
        self.publish = publish
        self.mapping = mapping
    }
}
