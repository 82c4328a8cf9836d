/// The state of an alert produced by the engine's evaluation (engine.md §7).
///
/// The engine itself only ever publishes `ACTIVE` and `RESOLVED`; the `ACK-*` states are handled
/// downstream (engine.md §8). The raw value is the exact `state` field of the ALERT.
public enum AlertState: String, Sendable, Hashable, CaseIterable, Codable {
    /// A threshold is breached: `ACTIVE`.
    case active = "ACTIVE"
    /// Back to normal, or resolved by a rule-management operation: `RESOLVED`.
    case resolved = "RESOLVED"
}
