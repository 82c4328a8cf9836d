import Logging

/// The audit line of one alert transition (logger `audit/alarms`, engine.md §13; issue 6).
///
/// One INFO line per published alert whose state or severity changed (or that is the element's
/// first): `Alert <old state> <old severity> -> <new state> <new severity>` with `rule` and
/// `element` metadata; `NONE` stands for an element with no cached alert. Re-publications of an
/// unchanged alert give none. Transitions are rare, so these lines are on at the default level.
public enum AlertTransitionAudit {
    /// The message and metadata for `publication`, or nil when it is not a transition.
    public static func entry(for publication: AlertPublication) -> (message: String, metadata: Logger.Metadata)? {
        guard publication.isTransition else { return nil }
        let old = publication.previousState.map { "\($0.rawValue) \(publication.previousSeverity ?? "")" } ?? "NONE"
        let new = "\(publication.state.rawValue) \(publication.severity)"
        let message = "Alert \(trimmed(old)) -> \(trimmed(new))"
        return (message, ["rule": "\(publication.ruleField)", "element": "\(publication.element)"])
    }

    /// `RESOLVED ` (empty severity) reads as `RESOLVED`.
    private static func trimmed(_ text: String) -> String {
        text.hasSuffix(" ") ? String(text.dropLast()) : text
    }
}
