import AbsenceWatch
import Testing

@testable import AlertEngine

/// The optional `expect` member of a rule (issue 12 item 1): parsed on threshold, single and
/// pattern rules, refused with a clear BAD_JSON when malformed, absent from every other rule.
@Suite struct RuleExpectationTests {
    static func threshold(_ extra: String) -> String {
        """
        {"threshold": {"rule_name": "r", "target": "status.ups@ups-1", "element": "ups-1",
         "values": [{"low_critical": "30"}], \(extra)
         "results": [{"low_critical": {"action": [], "description": "d"}}]}}
        """
    }

    static func reason(_ text: String) -> BadJSONReason? {
        do {
            _ = try RuleParser.parse(text)
            return nil
        } catch {
            guard case .badJSON(let reason) = error else { return nil }
            return reason
        }
    }

    @Test func aRuleWithoutExpectHasNoExpectation() throws {
        let rule = try RuleParser.parse(Self.threshold(""))
        #expect(rule.expectation == nil)
    }

    /// (`every` text, period) of accepted periods.
    static let periods: [(String, Duration)] = [
        ("200ms", .milliseconds(200)), ("60s", .seconds(60)), ("60", .seconds(60)), ("5m", .seconds(300)),
        ("1h", .seconds(3600)),
    ]

    @Test(arguments: periods.indices)
    func everyTakesAUnit(_ index: Int) throws {
        let (text, period) = Self.periods[index]
        let rule = try RuleParser.parse(Self.threshold(#""expect": {"every": "\#(text)"},"#))
        #expect(rule.expectation == RuleExpectation(every: period))
    }

    @Test func perRuleCountsOverrideTheGlobalLadder() throws {
        let rule = try RuleParser.parse(Self.threshold(
            #""expect": {"every": "1s", "degraded_to_failed": 2, "alert_low_to_alert_high": "4"},"#))
        let expectation = try #require(rule.expectation)
        #expect(expectation.thresholds(over: .deepSentinel)
            == LadderThresholds(degradedToFailed: 2, failedToAlertLow: 20, alertLowToAlertHigh: 4))
        // The stored form keeps the member as written.
        #expect(rule.storedJSON.contains("degraded_to_failed"))
    }

    @Test(arguments: [
        (#""expect": "60s","#, "threshold.expect"),
        (#""expect": {},"#, "threshold.expect.every"),
        (#""expect": {"every": "0s"},"#, "threshold.expect.every"),
        (#""expect": {"every": "soon"},"#, "threshold.expect.every"),
        (#""expect": {"every": "-5s"},"#, "threshold.expect.every"),
        (#""expect": {"every": "31d"},"#, "threshold.expect.every"),
        (#""expect": {"every": "1s", "degraded_to_failed": 0},"#, "threshold.expect.degraded_to_failed"),
        (#""expect": {"every": "1s", "failed_to_alert_low": 1.5},"#, "threshold.expect.failed_to_alert_low"),
        (#""expect": {"every": "1s", "alert_low_to_alert_high": []},"#, "threshold.expect.alert_low_to_alert_high"),
    ])
    func aMalformedExpectIsRefusedNamingTheMember(_ extra: String, _ path: String) {
        let reason = Self.reason(Self.threshold(extra))
        switch reason {
        case .wrongType(let got, _), .missingField(let got): #expect(got == path)
        default: Issue.record("unexpected \(String(describing: reason))")
        }
    }

    @Test func singleAndPatternRulesCarryExpect() throws {
        let single = try RuleParser.parse("""
            {"single": {"rule_name": "s", "target": ["a@x", "b@x"], "element": "x", "expect": {"every": "10s"},
             "results": [{"high_critical": {"action": [], "description": "d"}}],
             "evaluation": "function main(a, b) return OK end"}}
            """)
        #expect(single.expectation?.every == .seconds(10))
        let pattern = try RuleParser.parse("""
            {"pattern": {"rule_name": "p", "target": "^status\\\\.ups@.*", "expect": {"every": "30s"},
             "values": [], "results": [{"high_critical": {"action": [], "description": "d"}}],
             "evaluation": "function main(v) return OK end"}}
            """)
        #expect(pattern.expectation?.every == .seconds(30))
    }
}
