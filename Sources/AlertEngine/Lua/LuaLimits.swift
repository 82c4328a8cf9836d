/// The budgets a Lua rule runs under (decisions.md D4).
///
/// The instruction budget applies to each run separately: the one execution of the rule's chunk
/// when it is compiled, and every later call of `main`. The memory cap applies to the rule's
/// interpreter state as a whole, for as long as the rule lives.
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions one run may execute before it is aborted.
    public var instructionsPerRun: Int
    /// Bytes the rule's interpreter state may hold, libraries and globals included.
    public var memoryBytes: Int

    /// Budgets of decisions.md D4 unless overridden: 1,000,000 instructions, 8 MiB.
    public init(instructionsPerRun: Int = 1_000_000, memoryBytes: Int = 8 << 20) {
        self.instructionsPerRun = instructionsPerRun
        self.memoryBytes = memoryBytes
    }

    /// The defaults of decisions.md D4.
    public static let `default` = LuaLimits()
}
