import Testing

@testable import AlertEngine

/// Issue 14 item 5: string-library calls run in C, out of the instruction budget's sight; the
/// sandbox refuses those whose worst case is unbounded, so a hostile rule fails at once instead of
/// stalling the evaluation.
@Suite struct LuaStringBudgetTests {
    /// A program whose `main()` runs `body` and returns OK.
    private func program(running body: String) throws -> LuaRuleProgram {
        try LuaRuleProgram(evaluation: "function main()\n\(body)\nreturn OK\nend", values: [])
    }

    /// Evaluates `body`, expects a runtime error whose message contains `fragment`, returned well
    /// within the budget (generous for a debug build on a loaded machine).
    private func expectRefused(_ body: String, saying fragment: String) throws {
        let program = try program(running: body)
        let clock = ContinuousClock()
        let start = clock.now
        let result = program.evaluate([])
        let elapsed = clock.now - start
        guard case .failure(.runtime(let message, let line)) = result else {
            Issue.record("\(body): \(result)")
            return
        }
        #expect(message.contains(fragment), "\(message)")
        #expect(line == 2)
        #expect(elapsed < .milliseconds(500), "\(body) took \(elapsed)")
    }

    @Test func hugeRepStopsAtTheMemoryBudget() throws {
        // rep is linear in its result, so the memory budget (LuaSandboxTests) is its bound too.
        try expectMemoryBudget(#"local s = ("ab"):rep(1e8, ",")"#)
    }

    @Test func pathologicalFindIsRefused() throws {
        try expectRefused(
            #"local s = ("a"):rep(1e5) local i = string.find(s, ".-.-.-.-.-b")"#, saying: "string.find: pattern too costly")
    }

    @Test func pathologicalMatchGmatchAndGsubAreRefused() throws {
        try expectRefused(
            #"local s = ("a"):rep(1e5) local m = s:match("(.*)(.*)(.*)b")"#, saying: "string.match: pattern too costly")
        try expectRefused(
            #"local s = ("a"):rep(1e5) for w in s:gmatch("a-a-a-b") do end"#, saying: "string.gmatch: pattern too costly")
        try expectRefused(
            #"local s = ("a"):rep(1e5) local r = s:gsub(".-.-b", ("x"):rep(1000))"#,
            saying: "string.gsub: pattern too costly")
        try expectRefused(
            #"local s = ("a"):rep(1e5) for w in string.gfind(s, "a-a-a-b") do end"#,
            saying: "string.gmatch: pattern too costly")
    }

    @Test func aLoopOfAcceptedCostlyCallsRunsOutOfInstructionBudget() throws {
        // Each call is accepted ((900 + 1)^2 steps) but charged: 2 calls would use the budget up.
        let program = try program(running: #"local s = ("a"):rep(900) for i = 1, 1e6 do s:find(".-b") end"#)
        let clock = ContinuousClock()
        let start = clock.now
        let result = program.evaluate([])
        let elapsed = clock.now - start
        #expect(
            result == .failure(.budgetExceeded(.instructions(limit: LuaLimits.default.instructionsPerRun))), "\(result)")
        #expect(elapsed < .milliseconds(500), "took \(elapsed)")
    }

    @Test func hugeFormatWidthIsRefused() throws {
        try expectRefused(#"local s = string.format("%99999d", 1)"#, saying: "invalid conversion")
    }

    @Test func concatenationGrowthStopsAtTheMemoryBudget() throws {
        try expectMemoryBudget(#"local s = "a" while true do s = s .. s end"#)
        try expectMemoryBudget(#"local t = { ("a"):rep(1 << 20) } while true do t = { table.concat(t), t[1] } end"#)
    }

    /// Evaluates `body`, expects the memory budget exceeded, returned well within the budget.
    private func expectMemoryBudget(_ body: String) throws {
        let program = try program(running: body)
        let clock = ContinuousClock()
        let start = clock.now
        let result = program.evaluate([])
        let elapsed = clock.now - start
        #expect(result == .failure(.budgetExceeded(.memory(limitBytes: LuaLimits.default.memoryBytes))), "\(result)")
        #expect(elapsed < .milliseconds(500), "\(body) took \(elapsed)")
    }

    @Test func ordinaryStringWorkIsUnchanged() throws {
        let program = try program(
            running: """
                local a, b = ("ups-12.load"):match("^(%w+)%-(%d+)")
                local n = select(2, ("a,b,,c"):gsub(",", ";"))
                local words = 0
                for _ in ("one two three"):gmatch("%a+") do words = words + 1 end
                local plain = ("x"):rep(10000):find("x.", 1, true)
                local long = ("%d+"):rep(3, " ")
                local sized = ("a"):rep(1 << 20)
                if a ~= "ups" or b ~= "12" or n ~= 3 or words ~= 3 or plain ~= nil or long ~= "%d+ %d+ %d+"
                   or #sized ~= 1 << 20 or ("load.default@ups"):find("@", 1, true) ~= 13 then
                  error("string library changed")
                end
                """)
        #expect(program.evaluate([]) == .success(.ok))
    }
}
