/// Severity of an outcome as it appears in ALERT messages and stream subjects (engine.md §7.3).
public enum Severity: String, Sendable, Equatable, Hashable {
    /// `CRITICAL`.
    case critical = "CRITICAL"
    /// `WARNING`.
    case warning = "WARNING"
}
