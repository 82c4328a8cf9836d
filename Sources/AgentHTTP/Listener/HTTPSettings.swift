import SelfMetrics

/// Where the agent's HTTP listener binds and how its routes behave (issue 10 item 5).
public struct HTTPSettings: Sendable, Equatable {
    /// The address to bind (`--http-listen`, default `127.0.0.1:9105`).
    public var listen: ListenAddress
    /// The Alertmanager webhook receiver.
    public var webhook: WebhookSettings
    /// Seconds between two reloads of the status page (its `<meta http-equiv="refresh">`).
    public var statusRefreshSeconds: Int

    /// The default address: loopback, today's self-metrics port.
    public static let defaultListen = ListenAddress(host: "127.0.0.1", port: 9105)

    /// Creates settings.
    public init(listen: ListenAddress = defaultListen, webhook: WebhookSettings = WebhookSettings(), statusRefreshSeconds: Int = 10) {
        self.listen = listen
        self.webhook = webhook
        self.statusRefreshSeconds = statusRefreshSeconds
    }
}
