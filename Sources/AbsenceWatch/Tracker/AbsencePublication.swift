/// What the owner of an ``ExpectationTracker`` publishes after a transition.
///
/// The engine turns it into an fty_proto ALERT on `_ALERTS_SYS` for the rule
/// `absence@<topic>` (see the README, "Expected signals").
public enum AbsencePublication: Sendable, Hashable {
    /// `alert-low` reached: ACTIVE, severity WARNING.
    case activeWarning
    /// `alert-high` reached: ACTIVE, severity CRITICAL.
    case activeCritical
    /// A signal arrived (or the expectation was stopped) while an alert was out: RESOLVED.
    case resolved
}
