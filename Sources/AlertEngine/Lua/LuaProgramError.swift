/// Why a Lua rule could not be compiled; the engine answers each case with `BAD_LUA`
/// (engine.md §4, decisions.md D4).
public enum LuaProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The evaluation text is not valid Lua; `line` is the line Lua reported, if any.
    case syntax(message: String, line: Int?)
    /// Running the evaluation text once raised an error (e.g. calling `os.execute`: `os` is nil).
    case runtime(message: String, line: Int?)
    /// Running the evaluation text once exhausted a budget.
    case budgetExceeded(LuaBudget)
    /// After the run, the global `main` is not a function; `found` is the Lua type it has.
    case mainIsNotAFunction(found: String)
    /// Lua could not allocate the interpreter state.
    case stateUnavailable

    public var description: String {
        switch self {
        case .syntax(let message, _): "Lua syntax error: \(message)"
        case .runtime(let message, _): "Lua error while running the evaluation: \(message)"
        case .budgetExceeded(let budget): "Lua evaluation aborted: \(budget)"
        case .mainIsNotAFunction(let found): "Lua global 'main' is \(found), not a function"
        case .stateUnavailable: "cannot create a Lua state"
        }
    }
}
