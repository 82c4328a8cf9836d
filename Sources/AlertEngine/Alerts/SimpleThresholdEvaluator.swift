/// Evaluates a simple threshold rule against the triggering metric's value (engine.md §6.1).
///
/// Pure: no cache, no clock. Always yields a candidate (a simple threshold cannot fail).
public enum SimpleThresholdEvaluator {
    /// The candidate for `value`: the first breached level that has an outcome, else RESOLVED.
    ///
    /// Checks in this exact order, all strict, first match wins: v > high_critical,
    /// v > high_warning, v < low_critical, v < low_warning. A level that is defined but has no
    /// outcome in `outcomes` is skipped and the next check runs (engine.md Q7: the original
    /// crashes). Nothing breached → `AlertCandidate.resolvedByThreshold`. A NaN value breaches
    /// nothing (every comparison is false) and so resolves, as in the original.
    public static func evaluate(
        value: Double, levels: ThresholdLevels, outcomes: some AlertOutcomeLookup, element: String
    ) -> AlertCandidate {
        // Straight-line checks, no table: this runs for most metrics of a busy bus.
        // engine.md Q7: a breached level with no outcome is skipped, not fatal.
        if let level = levels.highCritical, value > level,
            let outcome = outcomes.alertOutcome(named: OutcomeLevel.highCritical.rawValue)
        {
            return .active(element: element, outcome: outcome)
        }
        if let level = levels.highWarning, value > level,
            let outcome = outcomes.alertOutcome(named: OutcomeLevel.highWarning.rawValue)
        {
            return .active(element: element, outcome: outcome)
        }
        if let level = levels.lowCritical, value < level,
            let outcome = outcomes.alertOutcome(named: OutcomeLevel.lowCritical.rawValue)
        {
            return .active(element: element, outcome: outcome)
        }
        if let level = levels.lowWarning, value < level,
            let outcome = outcomes.alertOutcome(named: OutcomeLevel.lowWarning.rawValue)
        {
            return .active(element: element, outcome: outcome)
        }
        return .resolvedByThreshold(element: element)
    }
}
