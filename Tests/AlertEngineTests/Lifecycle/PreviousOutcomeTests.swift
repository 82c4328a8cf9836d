import Testing

@testable import AlertEngine

/// The `previous_outcome` Lua global (issue 13 item 2): a Lua rule whose evaluation names it
/// finds there, at every call of `main`, the outcome code last confirmed for the element
/// (`UNKNOWN` before the first evaluation), so a script can implement its own hysteresis; a
/// rule that does not name it never gets it.
@Suite struct PreviousOutcomeTests {
    /// A Lua threshold rule: CRITICAL above 40, and stays CRITICAL while above `reset` (37).
    static func rule(evaluation: String) -> String {
        """
        {"threshold": {"rule_name": "hot@room-1", "target": ["temperature@room-1"], "element": "room-1",
          "values": [{"high_critical": "40"}, {"reset": "37"}],
          "results": [{"high_critical": {"action": [], "description": "hot"}}],
          "evaluation": "\(evaluation)"}}
        """
    }

    static let hysteresis =
        "function main(t) if t > high_critical then return HIGH_CRITICAL end "
        + "if previous_outcome == HIGH_CRITICAL and t > reset then return HIGH_CRITICAL end return OK end"

    /// Per value, fed one minute apart: "C" for an ACTIVE CRITICAL publication, "OK" for a
    /// RESOLVED one, "-" for none.
    static func run(_ values: [String], evaluation: String) throws -> [String] {
        let harness = try EngineHarness()
        harness.add(rule(evaluation: evaluation))
        return values.map { value in
            harness.time += 60
            guard let publication = harness.metric("temperature@room-1", value, ttl: 300).last else { return "-" }
            return publication.state == .resolved ? "OK" : String(publication.severity.prefix(1))
        }
    }

    @Test func aLuaRuleImplementsItsOwnHysteresisWithPreviousOutcome() throws {
        // 38 after a crossing: still CRITICAL (above reset); 36: resolved.
        #expect(try Self.run(["20", "41", "38", "39", "36", "38"], evaluation: Self.hysteresis) == ["OK", "C", "-", "-", "OK", "-"])
    }

    @Test func theSameScriptWithoutItResolvesAtOnce() throws {
        let plain = "function main(t) if t > high_critical then return HIGH_CRITICAL end return OK end"
        #expect(try Self.run(["20", "41", "38", "39", "36", "38"], evaluation: plain) == ["OK", "C", "OK", "-", "-", "-"])
    }

    @Test func itIsUnknownBeforeTheFirstEvaluationThenTheLastCode() throws {
        // Returns HIGH_CRITICAL exactly when previous_outcome is the expected code of that step.
        let probe =
            "expected = {UNKNOWN, OK, HIGH_CRITICAL} n = 0 "
            + "function main(t) n = n + 1 if n > 3 then return OK end "
            + "if previous_outcome == expected[n] then return (t > 0) and HIGH_CRITICAL or OK end return LOW_CRITICAL end"
        let harness = try EngineHarness()
        harness.add(Self.rule(evaluation: probe))
        var got: [String] = []
        for value in ["0", "1", "1"] {
            harness.time += 60
            got.append(harness.metric("temperature@room-1", value, ttl: 300).last.map { "\($0.state.rawValue) \($0.severity)" } ?? "-")
        }
        // 1st: UNKNOWN → OK (value 0); 2nd: OK (confirmed) → CRITICAL; 3rd: HIGH_CRITICAL → CRITICAL again.
        #expect(got == ["RESOLVED OK", "ACTIVE CRITICAL", "-"])
    }

    @Test func aRuleThatDoesNotNameItNeverGetsIt() throws {
        // The name is built at run time, so the rule does not opt in: the global stays nil.
        let sneaky = "function main(t) if _G['previous' .. '_outcome'] ~= nil then return HIGH_CRITICAL end return OK end"
        #expect(try Self.run(["20", "41", "20"], evaluation: sneaky) == ["OK", "-", "-"])
        let rule = try RuleParser.parse(Self.rule(evaluation: sneaky))
        #expect(rule.lifecycle == nil)
        #expect(try RuleParser.parse(Self.rule(evaluation: Self.hysteresis)).lifecycle?.readsPreviousOutcome == true)
    }
}
