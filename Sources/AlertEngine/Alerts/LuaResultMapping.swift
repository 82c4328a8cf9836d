/// Maps what a Lua rule's `main` decided to an alert candidate (engine.md §4, §6.2).
///
/// `LuaOutcome` is the one mapping of result codes (HIGH_CRITICAL −2 … LOW_CRITICAL 2, truncated
/// toward zero); this adds the rule's outcomes to it.
public enum LuaResultMapping {
    /// The candidate for `outcome` of a rule with `outcomes`.
    ///
    /// engine.md §4: an outcome of that name → ACTIVE with it; else `ok` → `resolvedByLua`; else
    /// (`unknown`, or a level the rule has no outcome for) → throws, and the evaluation yields
    /// nothing.
    public static func candidate(
        for outcome: LuaOutcome, outcomes: some AlertOutcomeLookup, element: String
    ) throws(LuaResultError) -> AlertCandidate {
        switch outcome {
        case .ok:
            // A rule cannot have an `ok` outcome (§3.5 refuses it), so 0 always resolves.
            return .resolvedByLua(element: element)
        case .unknown:
            throw .unknownResult
        case .highCritical, .highWarning, .lowWarning, .lowCritical:
            let name = outcome.resultName ?? ""
            guard let found = outcomes.alertOutcome(named: name) else { throw .missingOutcome(name: name) }
            return .active(element: element, outcome: found)
        }
    }
}
