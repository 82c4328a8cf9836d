import AbsenceWatch
import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// The `expect` rule kind (issue 12 item 1): topics or a topic pattern expected every period,
/// accepted only in the `.withExpect` dialect (`--expect-rules`); in the original's dialect the
/// mailbox answers as the original does.
@Suite struct ExpectRuleKindTests {
    static let topics = #"{"expect": {"rule_name": "ups-1-reports", "target": ["status.ups@ups-1", "load.default@ups-1"], "every": "100ms", "failed_to_alert_low": 2}}"#
    static let one = #"{"expect": {"rule_name": "ups-2-reports", "target": "status.ups@ups-2", "every": "1s"}}"#
    static let pattern = #"{"expect": {"rule_name": "every-ups", "pattern": "^status\\.ups@.+", "every": "100ms", "degraded_to_failed": 1, "failed_to_alert_low": 1, "alert_low_to_alert_high": 1}}"#

    static func reason(_ text: String, _ dialect: RuleDialect = .withExpect) -> BadJSONReason? {
        do {
            _ = try RuleParser.parse(text, dialect: dialect)
            return nil
        } catch {
            guard case .badJSON(let reason) = error else { return nil }
            return reason
        }
    }

    @Test func theOriginalDialectRefusesTheKindAsTheOriginalDoes() throws {
        #expect(Self.reason(Self.one, .original) == .unknownKind("expect"))
        #expect(throws: RuleError.invalidType("expect")) { try RuleListFilter(wireType: "expect") }
        #expect(try RuleListFilter(wireType: "expect", dialect: .withExpect) == .expect)
    }

    @Test func topicsATopicOrAPatternWithTheirPeriodAndCounts() throws {
        let rule = try RuleParser.parse(Self.topics, dialect: .withExpect)
        #expect(rule.kind == .expect && rule.kind.listType == "expect" && !rule.kind.usesLua)
        #expect(rule.name == "ups-1-reports")
        #expect(rule.targets == ["status.ups@ups-1", "load.default@ups-1"])
        #expect(rule.expectation == RuleExpectation(every: .milliseconds(100), failedToAlertLow: 2))
        #expect(rule.indexKeys == rule.targets && rule.outcomes.isEmpty && rule.evaluation == nil)
        #expect(try RuleParser.parse(Self.one, dialect: .withExpect).targets == ["status.ups@ups-2"])
        let pattern = try RuleParser.parse(Self.pattern, dialect: .withExpect)
        #expect(pattern.targets == [#"^status\.ups@.+"#])
        #expect(pattern.expectation?.pattern == true)
        // The stored form is the pretty-printed document, as for every kind.
        #expect(try RuleParser.parse(pattern.storedBytes, dialect: .withExpect) == pattern)
    }

    @Test func aBadExpectRuleSaysWhichMember() {
        #expect(Self.reason(#"{"expect": {"rule_name": "x", "every": "1s"}}"#) == .missingField(path: "expect.target"))
        #expect(Self.reason(#"{"expect": {"rule_name": "x", "target": "a@b"}}"#) == .missingField(path: "expect.every"))
        #expect(Self.reason(#"{"expect": {"rule_name": "", "target": "a@b", "every": "1s"}}"#) == .emptyRuleName)
        #expect(Self.reason(#"{"expect": []}"#) == .wrongType(path: "expect", expected: "an object"))
        let both = Self.reason(#"{"expect": {"rule_name": "x", "target": "a@b", "pattern": "a", "every": "1s"}}"#)
        guard case .wrongType(let path, _)? = both else { Issue.record("\(String(describing: both))"); return }
        #expect(path == "expect.pattern")
        for bad in [#""target": """#, #""target": []"#, #""target": [""]"#, #""pattern": """#, #""target": {}"#] {
            #expect(Self.reason(#"{"expect": {"rule_name": "x", \#(bad), "every": "1s"}}"#) != nil, "\(bad)")
        }
        #expect(Self.reason(#"{"expect": {"rule_name": "x", "target": "a@b", "every": "soon"}}"#) != nil)
    }

    @Test func theMailboxAddsListsAndGetsExpectRulesOnlyInTheirDialect() throws {
        let original = try EngineHarness()
        #expect(original.reply("ADD", Self.one) == ["ERROR", "BAD_JSON"])
        #expect(original.reply("LIST", "expect") == ["ERROR", "INVALID_TYPE"])
        let engine = try EngineHarness(dialect: .withExpect)
        #expect(engine.reply("ADD", Self.one) == ["OK", Self.one])
        engine.add(EngineMailboxTests.simple("t1"))
        #expect(engine.reply("LIST", "expect")?.count == 4)
        #expect(engine.reply("LIST", "expect")?.last?.contains("ups-2-reports") == true)
        #expect(engine.reply("LIST", "threshold")?.contains { $0.contains("ups-2-reports") } == false)
        #expect(engine.reply("LIST", "all")?.count == 5)
        #expect(engine.reply("GET", "ups-2-reports")?.first == "OK")
        // On disk, and loaded again at start-up in the same dialect.
        let stored = try engine.scratch.read("ups-2-reports.rule")
        #expect(try RuleParser.parse(stored, dialect: .withExpect).kind == .expect)
        // No metric evaluates it.
        #expect(engine.core.store.index.rules(forQuantity: "status.ups", asset: "ups-2").isEmpty)
        #expect(engine.reply("DELETE", "ups-2-reports")?.first == "OK")
    }

    @Test func aStoreVersionChangeIsSeenForRulesTheIndexLeavesOut() throws {
        let engine = try EngineHarness(dialect: .withExpect)
        let before = engine.core.store.version
        engine.add(Self.one)
        #expect(engine.core.store.version != before)
    }

    @Test func listedTopicsAreExpectedFromTheStart() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        _ = supervisor.sync(rules: [try RuleParser.parse(Self.topics, dialect: .withExpect)], now: AbsenceSupervisorTests.at(0))
        #expect(supervisor.tracker.count == 2)
        #expect(supervisor.tracker["load.default@ups-1"]?.thresholds == LadderThresholds(failedToAlertLow: 2))
    }

    @Test func aPatternExpectsEveryMatchingTopicFromItsFirstMetric() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        let rule = try RuleParser.parse(Self.pattern, dialect: .withExpect)
        _ = supervisor.sync(rules: [rule], now: AbsenceSupervisorTests.at(0))
        #expect(supervisor.tracker.count == 0)  // nothing seen yet
        #expect(supervisor.signal(topic: "load.default@ups-9", at: AbsenceSupervisorTests.at(0)).isEmpty)
        #expect(supervisor.signal(topic: "status.ups@ups-9", at: AbsenceSupervisorTests.at(0)).isEmpty)
        #expect(supervisor.tracker.count == 1)
        // 1/1/1 on 100 ms: alert-low at 300 ms, alert-high at 400 ms, then one RESOLVED.
        let low = supervisor.sweep(now: AbsenceSupervisorTests.at(300))
        #expect(low.map(\.ruleName) == ["absence@status.ups@ups-9"])
        #expect(low.map(\.severity) == ["WARNING"])
        #expect(low.first?.element == "ups-9")
        #expect(supervisor.sweep(now: AbsenceSupervisorTests.at(400)).map(\.severity) == ["CRITICAL"])
        #expect(supervisor.signal(topic: "status.ups@ups-9", at: AbsenceSupervisorTests.at(500)).map(\.state) == [.resolved])
        // The rules change but the pattern stays: the topic stays expected with its ladder.
        _ = supervisor.sync(rules: [rule, try AbsenceSupervisorTests.rule(expect: AbsenceSupervisorTests.small)], now: AbsenceSupervisorTests.at(600))
        #expect(supervisor.tracker["status.ups@ups-9"] != nil)
        // The pattern goes: so does the topic, with a RESOLVED when its alert was out.
        // At 800 ms ups-9 has missed three periods (WARNING); ups-1, expected since 600 ms, only two.
        let silent = supervisor.sweep(now: AbsenceSupervisorTests.at(800))
        #expect(silent.map(\.severity) == ["WARNING"] && silent.first?.element == "ups-9")
        let gone = supervisor.sync(rules: [], now: AbsenceSupervisorTests.at(801))
        #expect(gone.map(\.state) == [.resolved] && gone.first?.element == "ups-9")
        #expect(supervisor.tracker.count == 0)
    }

    @Test func aPatternRuleWithExpectIsWatchedToo() throws {
        let rule = try RuleParser.parse(
            #"""
            {"pattern": {"rule_name": "warranty-like", "target": "^end_warranty_date@.+", "values": [],
             "results": [{"low_warning": {"action": [], "description": "d"}}],
             "evaluation": "function main(v) return OK end", "expect": {"every": "1s"}}}
            """#)
        #expect(rule.expectation?.pattern == true)
        let supervisor = AbsenceSupervisor(settle: .zero)
        _ = supervisor.sync(rules: [rule], now: AbsenceSupervisorTests.at(0))
        _ = supervisor.signal(topic: "end_warranty_date@ups-3", at: AbsenceSupervisorTests.at(0))
        #expect(supervisor.tracker["end_warranty_date@ups-3"]?.period == .seconds(1))
    }

    @Test func aRestartKeepsTheRungOfATopicAPatternMatched() throws {
        let rule = try RuleParser.parse(Self.pattern, dialect: .withExpect)
        let before = AbsenceSupervisor(settle: .zero)
        _ = before.sync(rules: [rule], now: AbsenceSupervisorTests.at(0))
        _ = before.signal(topic: "status.ups@ups-4", at: AbsenceSupervisorTests.at(0))
        #expect(before.sweep(now: AbsenceSupervisorTests.at(300)).map(\.severity) == ["WARNING"])
        let after = AbsenceSupervisor(settle: .zero)
        _ = after.sync(rules: [rule], now: AbsenceSupervisorTests.at(1000))
        after.restore(before.tracker.saved, now: AbsenceSupervisorTests.at(1000))
        #expect(after.tracker["status.ups@ups-4"]?.rung == .alertLow)
        #expect(after.sweep(now: AbsenceSupervisorTests.at(1100)).map(\.severity) == ["CRITICAL"])
    }

    @Test func theShippedHeartbeatRuleExpectsTheHeartbeatTopic() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("rules/optional/heartbeat-expected@fty-alert-engine.rule")
        let rule = try RuleParser.parse(try String(contentsOf: url, encoding: .utf8), dialect: .withExpect)
        #expect(rule.targets == [HeartbeatSettings.topic])
        #expect(rule.name + ".rule" == url.lastPathComponent)
        let ladder = try #require(rule.expectation).thresholds(over: .deepSentinel)
        // 30 s heartbeats: WARNING after 2 minutes of silence, CRITICAL after 5.
        #expect(try #require(rule.expectation).every == .seconds(30))
        #expect(ladder.misses(toReach: .alertLow) == 4 && ladder.misses(toReach: .alertHigh) == 10)
    }

    @Test func theShippedExpectationTemplatesGiveExpectRules() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("templates/expect")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["load.input.L1@__device_epdu__.rule", "status.ups@__device_ups__.rule", "temperature.default@__device_sensor__.rule"])
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let rule = try RuleParser.parse(text.replacingOccurrences(of: "__name__", with: "asset-1"), dialect: .withExpect)
            let quantity = String(file.prefix { $0 != "@" })
            #expect(rule.kind == .expect)
            #expect(rule.targets == ["\(quantity)@asset-1"], "\(file)")
            #expect(rule.name == "\(quantity)-expected@asset-1", "\(file)")
        }
    }
}
