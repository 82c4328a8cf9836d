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

    /// The level a Lua `main` result maps to (engine.md §4), or nil for 0 (`ok`) and unknown codes.
    ///
    /// `code` is the result already truncated toward zero: −2 → high_critical,
    /// −1 → high_warning, 1 → low_warning, 2 → low_critical.
    public init?(luaCode code: Int) {
        switch code {
        case -2: self = .highCritical
        case -1: self = .highWarning
        case 1: self = .lowWarning
        case 2: self = .lowCritical
        default: return nil
        }
    }
}
