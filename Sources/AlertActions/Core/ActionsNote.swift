/// Something the core decided that the actor should log (engine.md §12.4, §12.5).
public enum ActionsNote: Equatable, Sendable, CustomStringConvertible {
    /// An entry of an alert's action list was ignored.
    case ignoredAction(rule: String, action: String, reason: String)
    /// A new alert's asset is unknown and was not looked up (integration-test mode) or the
    /// lookup's answer did not end up in the cache: the alert uses an empty asset (Q13).
    case unknownAsset(rule: String, asset: String)
    /// The asset lookup for a new alert failed: the alert is dropped (§12.4).
    case droppedAlert(rule: String, asset: String)
    /// An alert in a state the actor does not handle.
    case ignoredState(rule: String, state: String)
    /// A cached alert was not refreshed within its ttl and was removed (§12.6).
    case expired(rule: String)

    /// The log line.
    public var description: String {
        switch self {
        case .ignoredAction(let rule, let action, let reason): "alert '\(rule)': ignoring action '\(action)': \(reason)"
        case .unknownAsset(let rule, let asset): "alert '\(rule)': asset '\(asset)' is unknown; notifying with no contact"
        case .droppedAlert(let rule, let asset): "alert '\(rule)': asset '\(asset)' could not be looked up; alert dropped"
        case .ignoredState(let rule, let state): "alert '\(rule)': ignoring state '\(state)'"
        case .expired(let rule): "alert '\(rule)' timed out"
        }
    }
}
