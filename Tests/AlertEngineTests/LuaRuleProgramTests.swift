import Foundation
import Testing

@testable import AlertEngine

@Suite struct LuaRuleProgramTests {
    private func outcome(
        of evaluation: String, values: [(name: String, value: Double)] = [], arguments: [Double] = []
    ) throws -> Result<LuaOutcome, LuaEvaluationError> {
        try LuaRuleProgram(evaluation: evaluation, values: values).evaluate(arguments)
    }

    @Test func setsTheOutcomeConstantsWithTheirOriginalValues() throws {
        let check = """
            function main()
              if HIGH_CRITICAL == -2 and HIGH_WARNING == -1 and OK == 0 and LOW_WARNING == 1
                 and LOW_CRITICAL == 2 and UNKNOWN == 3 then return OK end
              return UNKNOWN
            end
            """
        #expect(try outcome(of: check) == .success(.ok))
        for expected in LuaOutcome.allCases {
            let program = "function main() return \(expected.globalName) end"
            #expect(try outcome(of: program) == .success(expected))
        }
    }

    @Test func setsValuesAsGlobalNumbersAfterTheConstants() throws {
        let program = "function main(v) if v > high_warning then return HIGH_WARNING end return OK end"
        #expect(try outcome(of: program, values: [("high_warning", 50)], arguments: [51]) == .success(.highWarning))
        #expect(try outcome(of: program, values: [("high_warning", 50)], arguments: [50]) == .success(.ok))
        // engine.md §4: a value named like a constant overrides it.
        #expect(try outcome(of: "function main() return OK end", values: [("OK", 2)]) == .success(.lowCritical))
    }

    @Test func acceptsValueNamesThatAreNotIdentifiers() throws {
        let program = #"function main() return _G["low critical@ups-1"] - 4 end"#
        #expect(try outcome(of: program, values: [("low critical@ups-1", 5)]) == .success(.lowWarning))
    }

    @Test func keepsTheFirstOfRepeatedValueNames() throws {
        #expect(try outcome(of: "function main() return a end", values: [("a", 1), ("a", 2)]) == .success(.lowWarning))
    }

    @Test func passesArgumentsInOrderAsNumbers() throws {
        let program = "function main(a, b, c) if math.type(a) ~= 'float' then return UNKNOWN end return a - b + c end"
        #expect(try outcome(of: program, arguments: [1, 2, 3]) == .success(.lowCritical))
        #expect(try outcome(of: program, arguments: [3, 2, 1]) == .success(.lowCritical))
        #expect(try outcome(of: program, arguments: [1, 3, 0]) == .success(.highCritical))
    }

    @Test func acceptsNumericStringResults() throws {
        // engine.md Q23: lua_isnumber semantics.
        #expect(try outcome(of: #"function main() return "2" end"#) == .success(.lowCritical))
        #expect(try outcome(of: #"function main() return " -1 " end"#) == .success(.highWarning))
        #expect(try outcome(of: #"function main() return "0x1" end"#) == .success(.lowWarning))
        #expect(try outcome(of: #"function main() return "1.9" end"#) == .success(.lowWarning))
    }

    @Test func refusesResultsThatAreNotNumbers() throws {
        #expect(
            try outcome(of: #"function main() return "high" end"#) == .failure(.resultIsNotANumber(found: "string")))
        #expect(try outcome(of: "function main() end") == .failure(.resultIsNotANumber(found: "nil")))
        #expect(try outcome(of: "function main() return {} end") == .failure(.resultIsNotANumber(found: "table")))
        #expect(try outcome(of: "function main() return true end") == .failure(.resultIsNotANumber(found: "boolean")))
    }

    @Test func integerAndFloatResultsGiveTheSameOutcome() throws {
        // Lua 5.4 subtypes must not change outcomes: results are truncated toward zero.
        #expect(try outcome(of: "function main() return 1 + 1 end") == .success(.lowCritical))
        #expect(try outcome(of: "function main() return 2.0 end") == .success(.lowCritical))
        #expect(try outcome(of: "function main() return 5 // 2 end") == .success(.lowCritical))
        #expect(try outcome(of: "function main() return -2.7 end") == .success(.highCritical))
        #expect(try outcome(of: "function main() return 0.5 end") == .success(.ok))
        #expect(try outcome(of: "function main() return math.maxinteger end") == .success(.unknown))
        #expect(try outcome(of: "function main() return 0/0 end") == .success(.unknown))
        #expect(try outcome(of: "function main() return math.huge end") == .success(.unknown))
        // Only the first result counts.
        #expect(try outcome(of: "function main() return 1, 2 end") == .success(.lowWarning))
    }

    @Test func keepsGlobalsBetweenEvaluations() throws {
        // engine.md Q22: globals written by the script persist.
        let program = try LuaRuleProgram(
            evaluation: "function main() calls = (calls or 0) + 1 return calls end", values: [])
        #expect(program.evaluate([]) == .success(.lowWarning))
        #expect(program.evaluate([]) == .success(.lowCritical))
        #expect(program.evaluate([]) == .success(.unknown))
    }

    @Test func statesOfTwoProgramsAreIndependent() throws {
        let source = "function main() calls = (calls or 0) + 1 return calls end"
        let first = try LuaRuleProgram(evaluation: source, values: [])
        let second = try LuaRuleProgram(evaluation: source, values: [])
        #expect(first.evaluate([]) == .success(.lowWarning))
        #expect(first.evaluate([]) == .success(.lowCritical))
        #expect(second.evaluate([]) == .success(.lowWarning))
    }

    @Test func reportsSyntaxErrorsWithTheirLine() {
        #expect(throws: LuaProgramError.self) {
            try LuaRuleProgram(evaluation: "function main( return OK end", values: [])
        }
        do {
            _ = try LuaRuleProgram(evaluation: "function main()\n  return OK\nend end", values: [])
            Issue.record("compiled")
        } catch {
            guard case .syntax(let message, let line) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(line == 3)
            #expect(message.hasPrefix("evaluation:3:"))
            #expect(message.contains("'end'"))
        }
    }

    @Test func reportsRuntimeErrorsOfTheChunkWithTheirLine() {
        #expect(throws: LuaProgramError.runtime(message: "evaluation:2: boom", line: 2)) {
            try LuaRuleProgram(evaluation: "function main() return OK end\nerror('boom')", values: [])
        }
    }

    @Test func requiresMainToBeAFunction() {
        #expect(throws: LuaProgramError.mainIsNotAFunction(found: "nil")) {
            try LuaRuleProgram(evaluation: "function mein() return OK end", values: [])
        }
        #expect(throws: LuaProgramError.mainIsNotAFunction(found: "number")) {
            try LuaRuleProgram(evaluation: "main = 5", values: [])
        }
        #expect(throws: LuaProgramError.mainIsNotAFunction(found: "nil")) {
            try LuaRuleProgram(evaluation: "", values: [])
        }
    }

    @Test func bareCodeReturningOutcomeNamesIsRefused() {
        // engine.md §4: only the "function main(...)" style is supported.
        #expect(throws: LuaProgramError.mainIsNotAFunction(found: "nil")) {
            try LuaRuleProgram(
                evaluation: #"local v = 3 if v < 5 then return "low_critical" end return "ok""#, values: [])
        }
    }

    @Test func reportsRuntimeErrorsOfMainAndStaysUsable() throws {
        let program = try LuaRuleProgram(
            evaluation: "function main(x)\n  if x > 0 then return x.field end\n  return OK\nend", values: [])
        guard case .failure(.runtime(let message, let line)) = program.evaluate([1]) else {
            Issue.record("no runtime error")
            return
        }
        #expect(line == 2)
        #expect(message.contains("attempt to index a number value"))
        #expect(program.evaluate([0]) == .success(.ok))
    }

    @Test func reportsNonStringErrorObjectsWithoutRunningThem() throws {
        let program = try LuaRuleProgram(
            evaluation: """
                function main(x)
                  if x > 0 then error(setmetatable({}, {__tostring = function() while true do end end})) end
                  error(42)
                end
                """, values: [])
        #expect(program.evaluate([1]) == .failure(.runtime(message: "(error object is a table value)", line: nil)))
        #expect(program.evaluate([0]) == .failure(.runtime(message: "42.0", line: nil)))
    }

    @Test func keepsOnlyTheStartOfAHugeErrorMessage() throws {
        let program = try LuaRuleProgram(evaluation: #"function main() error(string.rep("x", 1e6), 0) end"#, values: [])
        #expect(program.evaluate([]) == .failure(.runtime(message: String(repeating: "x", count: 1_024), line: nil)))
    }

    @Test func aMissingArgumentIsNil() throws {
        let program = try LuaRuleProgram(
            evaluation: "function main(a, b) if b == nil then return LOW_WARNING end return OK end", values: [])
        #expect(program.evaluate([1]) == .success(.lowWarning))
        #expect(program.evaluate([1, 2]) == .success(.ok))
    }

    @Test func passesManyArguments() throws {
        // More arguments than the C stack slots Lua guarantees (LUA_MINSTACK = 20).
        let program = try LuaRuleProgram(
            evaluation: "function main(...) return select('#', ...) - select(300, ...) end", values: [])
        #expect(program.evaluate((1...300).map(Double.init)) == .success(.ok))
        #expect(program.evaluate((1...300).map { _ in 299 }) == .success(.lowWarning))
    }

    @Test func evaluatesConcurrentlyFromManyTasks() async throws {
        let program = try LuaRuleProgram(
            evaluation: "function main(v) if v > limit then return HIGH_WARNING end return OK end",
            values: [("limit", 10)])
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<4 {
                group.addTask {
                    var wrong = 0
                    for i in 0..<500 {
                        let value = Double((i + task) % 20)
                        let expected: LuaOutcome = value > 10 ? .highWarning : .ok
                        if program.evaluate([value]) != .success(expected) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
