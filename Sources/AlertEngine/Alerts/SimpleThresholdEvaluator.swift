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
        let checks: [(name: String, breached: Bool)] = [
            ("high_critical", levels.highCritical.map { value > $0 } ?? false),
            ("high_warning", levels.highWarning.map { value > $0 } ?? false),
            ("low_critical", levels.lowCritical.map { value < $0 } ?? false),
            ("low_warning", levels.lowWarning.map { value < $0 } ?? false),
        ]
        for check in checks where check.breached {
            // engine.md Q7: a level with no outcome is skipped, not fatal.
            if let outcome = outcomes.alertOutcome(named: check.name) {
                return .active(element: element, outcome: outcome)
            }
        }
        return .resolvedByThreshold(element: element)
    }
}
