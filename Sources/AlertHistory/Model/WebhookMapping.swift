/// How a webhook alert becomes a 42ity alert (issue 10 item 6): rule = label `alertname`,
/// element = label `elementLabel`, severity = label `severity` (`critical` → CRITICAL, `warning`
/// → WARNING, anything else → INFO), firing → ACTIVE, resolved → RESOLVED, description =
/// annotation `description`, else `summary`, else "".
public struct WebhookMapping: Sendable, Equatable {
    /// The label naming the element (default `instance`).
    public var elementLabel: String

    /// The producer recorded for webhook alerts.
    public static let producer = "alertmanager"

    /// Creates a mapping.
    public init(elementLabel: String = "instance") {
        self.elementLabel = elementLabel
    }

    /// The 42ity severity of `alert`.
    public func severity(of alert: WebhookAlert) -> String {
        switch alert.labels["severity"]?.lowercased() {
        case "critical": "CRITICAL"
        case "warning": "WARNING"
        default: "INFO"
        }
    }

    /// The record of `alert` (id and kind filled in by the store).
    func record(of alert: WebhookAlert, partition: String, kind: TransitionKind) -> HistoryRecord {
        HistoryRecord(
            id: 0, time: alert.time, rule: alert.labels["alertname"] ?? "", element: alert.labels[elementLabel] ?? "",
            state: alert.status == .firing ? "ACTIVE" : "RESOLVED", severity: severity(of: alert),
            description: alert.annotations["description"] ?? alert.annotations["summary"] ?? "", actions: [],
            producer: Self.producer, kind: kind, partition: partition, fingerprint: alert.fingerprint)
    }
}
