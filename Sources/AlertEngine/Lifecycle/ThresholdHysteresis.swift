/// Hysteresis of a simple threshold (issue 13 item 2): the outcome of a value given the outcome
/// last confirmed for the element and the rule's clear values.
///
/// Once at a level, a clear value takes the place of that level's threshold, so the alert stays
/// at that level until the value is back past the clear value (below it for the high levels,
/// above it for the low ones); every other level is checked as usual, in the order of
/// engine.md §6.1.
public enum ThresholdHysteresis {
    /// The candidate and its outcome code (−2…2, 0 when resolved) for `value`.
    public static func evaluate(
        value: Double, levels: ThresholdLevels, clear: ThresholdLevels, previousOutcome: Int?,
        outcomes: some AlertOutcomeLookup, element: String
    ) -> (candidate: AlertCandidate, outcome: Int) {
        var levels = levels
        switch previousOutcome.flatMap(OutcomeLevel.init(code:)) {
        case .highCritical?: levels.highCritical = clear.highCritical ?? levels.highCritical
        case .highWarning?: levels.highWarning = clear.highWarning ?? levels.highWarning
        case .lowCritical?: levels.lowCritical = clear.lowCritical ?? levels.lowCritical
        case .lowWarning?: levels.lowWarning = clear.lowWarning ?? levels.lowWarning
        case nil: break
        }
        let checks: [(OutcomeLevel, Double?, Bool)] = [
            (.highCritical, levels.highCritical, true), (.highWarning, levels.highWarning, true),
            (.lowCritical, levels.lowCritical, false), (.lowWarning, levels.lowWarning, false),
        ]
        for (level, threshold, high) in checks {
            guard let threshold, high ? value > threshold : value < threshold,
                let outcome = outcomes.alertOutcome(named: level.rawValue)
            else { continue }
            return (.active(element: element, outcome: outcome), level.code)
        }
        return (.resolvedByThreshold(element: element), 0)
    }
}

extension OutcomeLevel {
    /// The outcome code of the level, as Lua's constants have it (`HIGH_CRITICAL` = −2 …
    /// `LOW_CRITICAL` = 2).
    public var code: Int {
        switch self {
        case .highCritical: -2
        case .highWarning: -1
        case .lowWarning: 1
        case .lowCritical: 2
        }
    }

    /// The level of outcome code `code`, nil for 0 (OK) and any other code.
    public init?(code: Int) {
        guard let level = OutcomeLevel.allCases.first(where: { $0.code == code }) else { return nil }
        self = level
    }
}
