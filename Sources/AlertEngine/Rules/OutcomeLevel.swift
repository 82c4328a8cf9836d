/// The four outcome names a rule's `results` may use (engine.md §3.5).
///
/// The raw value is the name as written in rule documents.
public enum OutcomeLevel: String, Sendable, Equatable, Hashable, CaseIterable {
    /// `low_critical` (severity CRITICAL, Lua code 2).
    case lowCritical = "low_critical"
    /// `low_warning` (severity WARNING, Lua code 1).
    case lowWarning = "low_warning"
    /// `high_warning` (severity WARNING, Lua code −1).
    case highWarning = "high_warning"
    /// `high_critical` (severity CRITICAL, Lua code −2).
    case highCritical = "high_critical"

    /// The severity, always derived from the name (engine.md §3.5: a `severity` member is ignored).
    public var severity: Severity {
        switch self {
        case .lowCritical, .highCritical: return .critical
        case .lowWarning, .highWarning: return .warning
        }
    }
}
