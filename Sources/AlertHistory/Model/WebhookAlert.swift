/// One alert of an Alertmanager webhook batch (integrations.md §1), as the store applies it.
public struct WebhookAlert: Sendable, Equatable {
    /// `firing` or `resolved`.
    public enum Status: String, Sendable {
        case firing, resolved
    }

    public var status: Status
    public var labels: [String: String]
    public var annotations: [String: String]
    /// Milliseconds since the epoch.
    public var startsAt: Int64
    /// Milliseconds since the epoch; nil for Go's zero time (no end).
    public var endsAt: Int64?
    public var fingerprint: String
    public var generatorURL: String

    /// Creates an alert.
    public init(
        status: Status, labels: [String: String], annotations: [String: String], startsAt: Int64, endsAt: Int64?,
        fingerprint: String, generatorURL: String
    ) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.fingerprint = fingerprint
        self.generatorURL = generatorURL
    }

    /// The time SeS compares: `startsAt` when firing, `endsAt` (or `startsAt`) when resolved.
    public var time: Int64 { status == .firing ? startsAt : (endsAt ?? startsAt) }
}
