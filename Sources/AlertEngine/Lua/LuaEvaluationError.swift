/// Why one call of a Lua rule's `main` produced no outcome (engine.md §4, decisions.md D4).
///
/// The engine logs it and publishes nothing; the rule's state stays usable for the next call.
public enum LuaEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `main` raised an error; `line` is the line Lua reported, if any.
    case runtime(message: String, line: Int?)
    /// `main` returned something that is neither a number nor a numeric string; `found` is its
    /// Lua type.
    case resultIsNotANumber(found: String)
    /// The call exhausted a budget.
    case budgetExceeded(LuaBudget)

    public var description: String {
        switch self {
        case .runtime(let message, _): "Lua error in main: \(message)"
        case .resultIsNotANumber(let found): "Lua main returned \(found), not a number"
        case .budgetExceeded(let budget): "Lua main aborted: \(budget)"
        }
    }
}
