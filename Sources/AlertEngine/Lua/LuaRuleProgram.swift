import Foundation

/// The compiled Lua of one rule (complex threshold, single or pattern): its own sandboxed
/// interpreter state, ready to call `main` (engine.md §4, §6.2, §6.4; decisions.md D4).
///
/// Creating it opens a fresh state with the sandboxed libraries, sets the outcome constants
/// (`HIGH_CRITICAL` = −2 … `UNKNOWN` = 3) and then every value as a global number, runs the
/// evaluation text once, and requires `main` to be a function. Globals the script writes persist
/// from one evaluation to the next (engine.md Q22). Calls are serialised by a lock, so a program
/// can be shared between tasks; one state never runs two calls at once.
public final class LuaRuleProgram: @unchecked Sendable {
    /// The budgets every run of this program gets.
    public let limits: LuaLimits

    private let state: LuaState
    private let lock = NSLock()

    /// Compiles `evaluation` with `values` as globals.
    ///
    /// Values are set in order after the constants, so a value named like a constant overrides
    /// it; names need not be Lua identifiers. When a name repeats, the first occurrence wins
    /// (engine.md §3.4). Numbers are set as Lua floats, as every number is in Lua 5.1.
    /// - Throws: `LuaProgramError`, which the engine answers with `BAD_LUA`.
    public init(
        evaluation: String, values: [(name: String, value: Double)], limits: LuaLimits = .default
    ) throws(LuaProgramError) {
        guard let state = LuaState(memoryLimit: limits.memoryBytes) else { throw .stateUnavailable }
        self.state = state
        self.limits = limits
        state.open(LuaSandbox.libraries)
        state.closeSandbox()
        for outcome in LuaOutcome.allCases {
            state.setGlobal(outcome.globalName, to: Double(outcome.code))
        }
        var named = Set<String>()
        for (name, value) in values where named.insert(name).inserted {
            state.setGlobal(name, to: value)
        }
        guard state.memoryInUse <= limits.memoryBytes else {
            throw .budgetExceeded(.memory(limitBytes: limits.memoryBytes))
        }
        if let failure = state.run(
            evaluation, chunkName: LuaSandbox.evaluationChunkName,
            instructionLimit: limits.instructionsPerRun)
        {
            throw Self.programError(failure, limits: limits)
        }
        if let found = state.referenceGlobalFunction("main") {
            throw .mainIsNotAFunction(found: found)
        }
        // The compiled chunk's main function and its source string are garbage now; a state this small would keep them until its first cycle, ~1 KB per rule.
        state.collectGarbage()
    }

    /// Calls `main` with one number per argument (in `target` order) and maps its result.
    ///
    /// `main` was looked up once at compilation; reassigning the global later has no effect.
    /// A failure leaves the state usable: the next call runs with fresh budgets.
    public func evaluate(_ arguments: [Double]) -> Result<LuaOutcome, LuaEvaluationError> {
        lock.lock()
        defer { lock.unlock() }
        return call(arguments)
    }

    /// `evaluate`, with the global `name` set to `value` first (`previous_outcome`, issue 13).
    public func evaluate(
        _ arguments: [Double], setting name: String, to value: Double
    ) -> Result<LuaOutcome, LuaEvaluationError> {
        lock.lock()
        defer { lock.unlock() }
        state.setGlobal(name, to: value)
        return call(arguments)
    }

    /// Calls `main`; the caller holds the lock.
    private func call(_ arguments: [Double]) -> Result<LuaOutcome, LuaEvaluationError> {
        switch state.call(arguments, instructionLimit: limits.instructionsPerRun) {
        case .number(let result):
            return .success(LuaOutcome(result: result))
        case .notANumber(let typeName):
            return .failure(.resultIsNotANumber(found: typeName))
        case .failed(.syntax(let message)), .failed(.runtime(let message)):
            return .failure(.runtime(message: message, line: Self.line(in: message)))
        case .failed(.instructionBudgetExhausted):
            return .failure(.budgetExceeded(.instructions(limit: limits.instructionsPerRun)))
        case .failed(.memoryBudgetExhausted):
            return .failure(.budgetExceeded(.memory(limitBytes: limits.memoryBytes)))
        }
    }

    private static func programError(_ failure: LuaState.Failure, limits: LuaLimits) -> LuaProgramError {
        switch failure {
        case .syntax(let message): .syntax(message: message, line: line(in: message))
        case .runtime(let message): .runtime(message: message, line: line(in: message))
        case .instructionBudgetExhausted: .budgetExceeded(.instructions(limit: limits.instructionsPerRun))
        case .memoryBudgetExhausted: .budgetExceeded(.memory(limitBytes: limits.memoryBytes))
        }
    }

    /// The line of the evaluation text a Lua message starts with (`evaluation:3: …` → 3).
    static func line(in message: String) -> Int? {
        let prefix = LuaSandbox.evaluationChunkName + ":"
        guard message.hasPrefix(prefix) else { return nil }
        let digits = message.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
