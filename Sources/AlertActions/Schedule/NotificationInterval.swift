/// How often an alert is notified again, by severity and asset priority (engine.md §12.6).
public enum NotificationInterval {
    private static let minute: UInt64 = 60_000
    private static let hour: UInt64 = 60 * minute

    /// The interval in ms for `severity` and aux `priority`; 0 = never.
    ///
    /// | severity \ priority | 1 | 2–5 | other |
    /// |---|---|---|---|
    /// | CRITICAL | 5 min | 15 min | never |
    /// | WARNING | 1 h | 4 h | never |
    /// | INFO | 8 h | 24 h | never |
    /// | other | never | never | never |
    public static func milliseconds(severity: String, priority: Int) -> UInt64 {
        let (first, rest): (UInt64, UInt64)
        switch severity {
        case "CRITICAL": (first, rest) = (5 * minute, 15 * minute)
        case "WARNING": (first, rest) = (hour, 4 * hour)
        case "INFO": (first, rest) = (8 * hour, 24 * hour)
        default: return 0
        }
        switch priority {
        case 1: return first
        case 2...5: return rest
        default: return 0
        }
    }
}
