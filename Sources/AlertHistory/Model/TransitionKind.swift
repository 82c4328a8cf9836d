/// What one recorded change of an alert was (issue 10 item 2).
public enum TransitionKind: String, Sendable, Codable, CaseIterable {
    /// New, or active again after RESOLVED.
    case raised
    /// Still active, another severity.
    case severityChanged = "severity_changed"
    /// Still active with the same severity, another description.
    case descriptionChanged = "description_changed"
    /// Its state became an `ACK-*` state (fty-alert-list on the alerts stream).
    case acknowledged
    /// RESOLVED after being active or acknowledged.
    case resolved
    /// A crossing that waits for its minimum duration before it is published (alert lifecycle).
    case pending
}
