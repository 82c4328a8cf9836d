/// A rule's outcomes by level, built once when the rule is loaded (engine.md §3.5).
///
/// `Rule.alertOutcome(named:)` scans the outcomes and builds an `AlertOutcome` on every call;
/// the evaluators ask on every breached evaluation, so the engine keeps this table instead.
struct OutcomeTable: AlertOutcomeLookup, Sendable {
    private var lowCritical: AlertOutcome?
    private var lowWarning: AlertOutcome?
    private var highWarning: AlertOutcome?
    private var highCritical: AlertOutcome?

    /// The first outcome of each level of `rule` (duplicates: the first wins, as `Rule` does).
    init(_ rule: Rule) {
        lowCritical = rule.alertOutcome(named: OutcomeLevel.lowCritical.rawValue)
        lowWarning = rule.alertOutcome(named: OutcomeLevel.lowWarning.rawValue)
        highWarning = rule.alertOutcome(named: OutcomeLevel.highWarning.rawValue)
        highCritical = rule.alertOutcome(named: OutcomeLevel.highCritical.rawValue)
    }

    /// The outcome of `level`.
    subscript(level: OutcomeLevel) -> AlertOutcome? {
        switch level {
        case .lowCritical: lowCritical
        case .lowWarning: lowWarning
        case .highWarning: highWarning
        case .highCritical: highCritical
        }
    }

    /// The outcome called `name` (`low_critical`, …); nil for any other name.
    func alertOutcome(named name: String) -> AlertOutcome? {
        OutcomeLevel(rawValue: name).flatMap { self[$0] }
    }
}
