/// What one successful evaluation of a rule yields for one element, before de-duplication.
///
/// engine.md §6: either ACTIVE with an outcome's severity, description and actions, or RESOLVED
/// with the resolution values of the rule's kind. Feed it to `AlertTracker.apply` to learn whether
/// anything is published.
public struct AlertCandidate: Sendable, Hashable, Codable {
    /// The asset the alert is about: the rule's `element`, or for pattern rules the metric's asset.
    public var element: String
    /// ACTIVE or RESOLVED.
    public var state: AlertState
    /// `CRITICAL`/`WARNING` when active; "" (simple threshold) or `OK` (Lua) when resolved.
    public var severity: String
    /// The outcome description, or the resolution text of the kind.
    public var description: String
    /// The outcome actions; `[]` (simple threshold) or `[""]` (Lua) when resolved.
    public var actions: [String]

    /// Creates a candidate from its parts.
    public init(element: String, state: AlertState, severity: String, description: String, actions: [String]) {
        self.element = element
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
    }

    /// An ACTIVE candidate carrying `outcome`.
    public static func active(element: String, outcome: AlertOutcome) -> AlertCandidate {
        AlertCandidate(
            element: element, state: .active, severity: outcome.severity,
            description: outcome.description, actions: outcome.actions)
    }

    /// The resolution of a simple threshold: description `ok`, severity "", no actions.
    ///
    /// engine.md §6.1 step 5, §7.3, Q10: these exact values are on the wire.
    public static func resolvedByThreshold(element: String) -> AlertCandidate {
        AlertCandidate(element: element, state: .resolved, severity: "", description: "ok", actions: [])
    }

    /// The resolution of a Lua rule: description `everything is ok`, severity `OK`, actions `[""]`.
    ///
    /// engine.md §6.2, §7.3, Q10: the action list holds ONE EMPTY STRING, as the original sends.
    public static func resolvedByLua(element: String) -> AlertCandidate {
        AlertCandidate(
            element: element, state: .resolved, severity: "OK", description: "everything is ok",
            actions: luaResolutionActions)
    }

    /// `[""]`, allocated once: most Lua evaluations resolve.
    private static let luaResolutionActions = [""]
}
