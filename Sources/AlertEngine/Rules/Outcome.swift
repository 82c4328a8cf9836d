/// One entry of a rule's `results`: what an alert at that level says and does (engine.md §3.5).
public struct Outcome: Sendable, Equatable {
    /// The outcome name (`low_critical`, …).
    public var level: OutcomeLevel
    /// The alert description, as written (UTF-8 kept, engine.md Q8).
    public var description: String
    /// The action strings in document order (`EMAIL`, `SMS`, `GPO_INTERACTION:<asset>:<mode>`, …).
    public var actions: [String]

    /// The severity derived from the level (`CRITICAL` or `WARNING`).
    public var severity: Severity { level.severity }

    /// Creates an outcome.
    public init(level: OutcomeLevel, description: String, actions: [String]) {
        self.level = level
        self.description = description
        self.actions = actions
    }
}
