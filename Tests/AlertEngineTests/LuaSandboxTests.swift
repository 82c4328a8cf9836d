import Testing

@testable import AlertEngine

/// decisions.md D4: what a rule's Lua may not reach, and the budgets it runs under.
@Suite struct LuaSandboxTests {
    private static let instructions = LuaBudget.instructions(limit: LuaLimits.default.instructionsPerRun)
    private static let memory = LuaBudget.memory(limitBytes: LuaLimits.default.memoryBytes)

    /// A program whose `main(x)` runs `body` when x > 0 and returns OK otherwise.
    private func program(running body: String, limits: LuaLimits = .default) throws -> LuaRuleProgram {
        try LuaRuleProgram(
            evaluation: "function main(x)\nif x > 0 then\n\(body)\nend\nreturn OK\nend", values: [], limits: limits)
    }

    // MARK: Libraries

    @Test func opensOnlyBaseStringTableMathAndUtf8() throws {
        let program = try LuaRuleProgram(
            evaluation: """
                function main()
                  if io ~= nil or os ~= nil or package ~= nil or require ~= nil or debug ~= nil
                     or coroutine ~= nil or dofile ~= nil or loadfile ~= nil or string.dump ~= nil then
                    return UNKNOWN
                  end
                  if type(string.format) ~= "function" or type(table.concat) ~= "function"
                     or type(math.max) ~= "function" or type(utf8.char) ~= "function"
                     or type(pcall) ~= "function" or type(tonumber) ~= "function" then
                    return HIGH_CRITICAL
                  end
                  return OK
                end
                """, values: [])
        #expect(program.evaluate([]) == .success(.ok))
    }

    @Test func callingOsExecuteInTheChunkIsRefused() {
        #expect(
            throws: LuaProgramError.runtime(
                message: "evaluation:1: attempt to index a nil value (global 'os')", line: 1)
        ) {
            try LuaRuleProgram(
                evaluation: #"os.execute("touch /tmp/lua-sandbox-escape") function main() return OK end"#, values: [])
        }
    }

    @Test func callingOsExecuteInMainFailsThatEvaluation() throws {
        let program = try program(running: #"os.execute("touch /tmp/lua-sandbox-escape")"#)
        #expect(
            program.evaluate([1])
                == .failure(.runtime(message: "evaluation:3: attempt to index a nil value (global 'os')", line: 3)))
        #expect(program.evaluate([0]) == .success(.ok))
    }

    @Test func requireIsAbsent() throws {
        #expect(
            throws: LuaProgramError.runtime(
                message: "evaluation:1: attempt to call a nil value (global 'require')", line: 1)
        ) {
            try LuaRuleProgram(evaluation: #"local os = require("os") function main() return OK end"#, values: [])
        }
        let program = try program(running: #"require("io")"#)
        #expect(
            program.evaluate([1])
                == .failure(.runtime(message: "evaluation:3: attempt to call a nil value (global 'require')", line: 3)))
    }

    @Test func ioOpenIsAbsent() throws {
        let program = try program(running: #"local f = io.open("/etc/passwd")"#)
        #expect(
            program.evaluate([1])
                == .failure(.runtime(message: "evaluation:3: attempt to index a nil value (global 'io')", line: 3)))
    }

    @Test func dofileAndLoadfileAreAbsent() throws {
        #expect(
            try program(running: #"dofile("/etc/passwd")"#).evaluate([1])
                == .failure(.runtime(message: "evaluation:3: attempt to call a nil value (global 'dofile')", line: 3)))
        #expect(
            try program(running: #"loadfile("/etc/passwd")"#).evaluate([1])
                == .failure(.runtime(message: "evaluation:3: attempt to call a nil value (global 'loadfile')", line: 3))
        )
    }

    @Test func loadRefusesBinaryChunksWhateverTheMode() throws {
        // A precompiled chunk starts with ESC "Lua"; string.dump, which would make one, is gone.
        let program = try LuaRuleProgram(
            evaluation: """
                function main(mode)
                  local binary = "\\27LuaT\\0\\25\\147\\r\\n\\26\\n\\4\\8\\8"
                  local f, err
                  if mode == 0 then f, err = load(binary)
                  elseif mode == 1 then f, err = load(binary, "x", "b")
                  elseif mode == 2 then f, err = load(binary, "x", "bt", {})
                  else f, err = loadstring(binary) end
                  if f ~= nil or not string.find(err, "attempt to load a binary chunk", 1, true) then
                    return HIGH_CRITICAL
                  end
                  return LOW_WARNING
                end
                """, values: [])
        for mode in 0...3 {
            #expect(program.evaluate([Double(mode)]) == .success(.lowWarning), "mode \(mode)")
        }
    }

    @Test func loadStillCompilesTextWithTheGivenEnvironment() throws {
        let program = try LuaRuleProgram(
            evaluation: """
                function main()
                  local plain = load("return LOW_CRITICAL")()
                  local scoped = load("return answer", "chunk", "b", { answer = 1 })()
                  return plain - scoped
                end
                """, values: [])
        #expect(program.evaluate([]) == .success(.lowWarning))
    }

    @Test func finalizersAreRefused() {
        // Lua runs __gc with hooks off: a looping finalizer would escape the instruction budget.
        #expect(
            throws: LuaProgramError.runtime(message: "evaluation:1: __gc metamethods are not allowed in rules", line: 1)
        ) {
            try LuaRuleProgram(
                evaluation:
                    "setmetatable({}, { __gc = function() while true do end end }) function main() return OK end",
                values: [])
        }
    }

    @Test func keepsLua51NamesForHandWrittenRules() throws {
        let program = try LuaRuleProgram(
            evaluation: """
                function main()
                  local a, b = unpack({ 1, 2 })
                  local words = 0
                  for _ in string.gfind("a b c", "%a") do words = words + 1 end
                  if a + b == 3 and math.pow(2, 3) == 8 and math.mod(7, 4) == 3 and table.getn({ 1, 2 }) == 2
                     and words == 3 and math.log10(1000) == 3 and loadstring("return 1")() == 1 then
                    return OK
                  end
                  return UNKNOWN
                end
                """, values: [])
        #expect(program.evaluate([]) == .success(.ok))
    }

    // MARK: Instruction budget

    @Test func anEndlessLoopInMainExhaustsTheInstructionBudgetAndTheStateStaysUsable() throws {
        let program = try program(running: "while true do end")
        #expect(program.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        #expect(program.evaluate([0]) == .success(.ok))
        #expect(program.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        #expect(program.evaluate([0]) == .success(.ok))
    }

    @Test func anEndlessLoopInTheChunkIsRefused() {
        #expect(throws: LuaProgramError.budgetExceeded(Self.instructions)) {
            try LuaRuleProgram(evaluation: "while true do end function main() return OK end", values: [])
        }
    }

    @Test func theBudgetCountsInstructionsAndIsConfigurable() throws {
        let limits = LuaLimits(instructionsPerRun: 5_000)
        let program = try LuaRuleProgram(
            evaluation: "function main(n) local s = 0 for i = 1, n do s = s + i end return OK end",
            values: [], limits: limits)
        #expect(program.evaluate([100]) == .success(.ok))
        #expect(program.evaluate([10_000]) == .failure(.budgetExceeded(.instructions(limit: 5_000))))
        #expect(program.evaluate([100]) == .success(.ok))
    }

    @Test func eachEvaluationGetsAFreshBudget() throws {
        // ~600k instructions per call: two calls together would exceed one budget.
        let program = try program(running: "local s = 0 for i = 1, 150000 do s = s + i end")
        for _ in 0..<3 {
            #expect(program.evaluate([1]) == .success(.ok))
        }
    }

    @Test func pcallCannotSwallowTheInstructionBudget() throws {
        let catching = try program(running: "while true do pcall(function() while true do end end) end")
        #expect(catching.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        #expect(catching.evaluate([0]) == .success(.ok))
    }

    @Test func nestedPcallsCannotSwallowTheInstructionBudget() throws {
        // Every frame below the top one is protected by a pcall of its own.
        let nested = try program(running: "local function f() while true do pcall(f) end end f()")
        #expect(nested.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        #expect(nested.evaluate([0]) == .success(.ok))
    }

    @Test func aLoadReaderCannotSwallowTheInstructionBudget() throws {
        // lua_load runs its reader function protected and turns errors into a nil result.
        let reader = try program(running: "while true do load(function() while true do end end) end")
        #expect(reader.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        #expect(reader.evaluate([0]) == .success(.ok))
    }

    @Test func callbacksFromLibraryFunctionsAreCounted() throws {
        let sorting = try program(running: "table.sort({ 3, 1, 2 }, function(a, b) while true do end end)")
        #expect(sorting.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
        let substituting = try program(running: #"string.gsub("abc", "%a", function() while true do end end)"#)
        #expect(substituting.evaluate([1]) == .failure(.budgetExceeded(Self.instructions)))
    }

    // MARK: Memory cap

    @Test func endlessAllocationInMainExhaustsTheMemoryCapAndTheStateStaysUsable() throws {
        let program = try program(running: #"local t = {} while true do t[#t+1] = string.rep("x", 1000) end"#)
        #expect(program.evaluate([1]) == .failure(.budgetExceeded(Self.memory)))
        #expect(program.evaluate([0]) == .success(.ok))
        #expect(program.evaluate([1]) == .failure(.budgetExceeded(Self.memory)))
        #expect(program.evaluate([0]) == .success(.ok))
    }

    @Test func endlessAllocationInTheChunkIsRefused() {
        #expect(throws: LuaProgramError.budgetExceeded(Self.memory)) {
            try LuaRuleProgram(
                evaluation:
                    #"local t = {} while true do t[#t+1] = string.rep("x", 1000) end function main() return OK end"#,
                values: [])
        }
    }

    @Test func oneHugeAllocationIsRefused() throws {
        let program = try program(running: #"local s = string.rep("x", 1e9)"#)
        #expect(program.evaluate([1]) == .failure(.budgetExceeded(Self.memory)))
        #expect(program.evaluate([0]) == .success(.ok))
    }

    @Test func theMemoryCapIsConfigurable() throws {
        let limits = LuaLimits(memoryBytes: 256 << 10)
        let tight = try program(running: #"local s = string.rep("x", 512 * 1024)"#, limits: limits)
        #expect(tight.evaluate([1]) == .failure(.budgetExceeded(.memory(limitBytes: 256 << 10))))
        let roomy = try program(running: #"local s = string.rep("x", 512 * 1024)"#)
        #expect(roomy.evaluate([1]) == .success(.ok))
    }

    @Test func aMemoryErrorCaughtInsideLuaLeavesAConsistentState() throws {
        let program = try LuaRuleProgram(
            evaluation: """
                function main()
                  local ok, err = pcall(function() local t = {} while true do t[#t+1] = {} end end)
                  if not ok and err == "not enough memory" then return LOW_WARNING end
                  return UNKNOWN
                end
                """, values: [])
        #expect(program.evaluate([]) == .success(.lowWarning))
        #expect(program.evaluate([]) == .success(.lowWarning))
    }

    @Test func valuesThatDoNotFitUnderTheCapRefuseTheRule() throws {
        let limits = LuaLimits(memoryBytes: 48 << 10)  // a rule state takes about 20 KiB
        #expect(
            try LuaRuleProgram(evaluation: "function main() return OK end", values: [], limits: limits)
                .evaluate([]) == .success(.ok))
        let values = (0..<1_000).map { (name: "a rather long value name number \($0)", value: Double($0)) }
        #expect(throws: LuaProgramError.budgetExceeded(.memory(limitBytes: 48 << 10))) {
            try LuaRuleProgram(evaluation: "function main() return OK end", values: values, limits: limits)
        }
    }

    @Test func aCapTooSmallForTheLibrariesRefusesTheRule() {
        #expect(throws: LuaProgramError.budgetExceeded(.memory(limitBytes: 4096))) {
            try LuaRuleProgram(
                evaluation: "function main() return OK end", values: [], limits: LuaLimits(memoryBytes: 4096))
        }
    }
}
