/// The answer of `GET /api/v1/alerts` and `alerts --json`: `{"alerts": [...]}`.
public struct ActiveAlertList: Sendable, Codable, Equatable {
    /// The active alerts, most recently changed first.
    public var alerts: [ActiveAlert]

    /// Wraps `alerts`.
    public init(alerts: [ActiveAlert]) {
        self.alerts = alerts
    }
}
