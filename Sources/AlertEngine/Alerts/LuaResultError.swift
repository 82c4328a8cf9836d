/// Why a Lua rule's `main` result yields no alert (engine.md §4 last bullet, §6.2).
///
/// Either way nothing is published and the alert state stays as it was; the caller logs it
/// (and the audit line shows state `UNKNOWN`, engine.md §13).
public enum LuaResultError: Error, Sendable, Hashable {
    /// The result, truncated toward zero, is none of −2…2 (`LuaOutcome.unknown`).
    case unknownResult
    /// The result names a level (`high_warning`, …) for which the rule has no outcome.
    case missingOutcome(name: String)
}
