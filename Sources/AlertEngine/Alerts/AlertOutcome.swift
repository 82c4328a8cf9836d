/// What one outcome of a rule (an entry of its `results`) puts into an ACTIVE alert.
///
/// engine.md §3.5: the severity is derived from the outcome name (`CRITICAL` for `*_critical`,
/// `WARNING` for `*_warning`) by the rule parser; this type just carries the result.
public struct AlertOutcome: Sendable, Hashable {
    /// `CRITICAL` or `WARNING`, exactly as published.
    public var severity: String
    /// The alert description, as written in the rule (UTF-8 kept, engine.md Q8).
    public var description: String
    /// The action strings in rule order (`EMAIL`, `GPO_INTERACTION:gpo-1:open`, …).
    public var actions: [String]

    /// Creates an outcome.
    public init(severity: String, description: String, actions: [String]) {
        self.severity = severity
        self.description = description
        self.actions = actions
    }
}
