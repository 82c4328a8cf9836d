/// Maps the number returned by a Lua rule's `main` to an alert candidate (engine.md §4, §6.2).
///
/// The Lua constants are HIGH_CRITICAL −2, HIGH_WARNING −1, OK 0, LOW_WARNING 1, LOW_CRITICAL 2.
public enum LuaResultMapping {
    /// The name an integer result maps to (`high_critical` … `ok` … `low_critical`), nil if unknown.
    public static func outcomeName(forCode code: Int) -> String? {
        switch code {
        case -2: return "high_critical"
        case -1: return "high_warning"
        case 0: return "ok"
        case 1: return "low_warning"
        case 2: return "low_critical"
        default: return nil
        }
    }

    /// The candidate for the integer result `code` of a rule with `outcomes`.
    ///
    /// engine.md §4: an outcome of that name → ACTIVE with it; else 0 → `resolvedByLua`; else
    /// (an unknown code, or a level the rule has no outcome for) → throws, and the evaluation
    /// yields nothing.
    public static func candidate(
        forCode code: Int, outcomes: some AlertOutcomeLookup, element: String
    ) throws(LuaResultError) -> AlertCandidate {
        guard let name = outcomeName(forCode: code) else { throw .unknownResult(Double(code)) }
        if let outcome = outcomes.alertOutcome(named: name) {
            return .active(element: element, outcome: outcome)
        }
        if code == 0 { return .resolvedByLua(element: element) }
        throw .missingOutcome(name: name)
    }

    /// The candidate for the raw numeric result of `main`, truncated toward zero first.
    ///
    /// engine.md §4: 1.9 counts as 1, −0.5 as 0; NaN and infinities are unknown results. A thrown
    /// `unknownResult` carries the raw, untruncated result.
    public static func candidate(
        forResult result: Double, outcomes: some AlertOutcomeLookup, element: String
    ) throws(LuaResultError) -> AlertCandidate {
        let truncated = result.rounded(.towardZero)
        // Only −2…2 mean anything; checking the range first also keeps Int(_:) from trapping.
        guard truncated.isFinite, abs(truncated) <= 2 else { throw .unknownResult(result) }
        return try candidate(forCode: Int(truncated), outcomes: outcomes, element: element)
    }
}
