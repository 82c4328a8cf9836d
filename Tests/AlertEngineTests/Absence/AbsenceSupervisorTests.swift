import AbsenceWatch
import Testing

@testable import AlertEngine

/// The engine's absence ladders on a virtual clock (issue 12): rules with `expect` feed them,
/// the sweep climbs them, alert-low / alert-high publish ACTIVE WARNING / CRITICAL as
/// `absence@<topic>` on the topic's element, a metric publishes one RESOLVED.
@Suite struct AbsenceSupervisorTests {
    static func rule(_ name: String = "r", target: String = "status.ups@ups-1", expect: String) throws -> Rule {
        try RuleParser.parse(
            """
            {"threshold": {"rule_name": "\(name)", "target": "\(target)", "element": "ups-1",
             "values": [{"low_critical": "30"}], "expect": \(expect),
             "results": [{"low_critical": {"action": [], "description": "d"}}]}}
            """)
    }

    static let start = AbsenceInstant(milliseconds: 1_700_000_000_000)
    static func at(_ milliseconds: Int64) -> AbsenceInstant { start + .milliseconds(milliseconds) }

    /// Period 100 ms, counts 1/1/1: degraded at 1 miss, failed at 2, alert-low at 3, alert-high at 4.
    static let small = #"{"every": "100ms", "degraded_to_failed": 1, "failed_to_alert_low": 1, "alert_low_to_alert_high": 1}"#

    static func seen(_ supervisor: AbsenceSupervisor) -> [AlertPublication] {
        supervisor.signal(topic: "status.ups@ups-1", at: at(0))
    }

    @Test func eachRungAtItsCountAndOneResolved() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        #expect(supervisor.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(0)).isEmpty)
        #expect(Self.seen(supervisor).isEmpty)
        // Deadlines at 100, 200, 300, 400 ms after the signal.
        #expect(supervisor.sweep(now: Self.at(299)).isEmpty)
        #expect(supervisor.tracker["status.ups@ups-1"]?.rung == .failed)
        let low = supervisor.sweep(now: Self.at(300))
        #expect(low.count == 1)
        #expect(low.first?.ruleName == "absence@status.ups@ups-1")
        #expect(low.first?.element == "ups-1")
        #expect(low.first?.state == .active)
        #expect(low.first?.severity == "WARNING")
        #expect(supervisor.sweep(now: Self.at(399)).isEmpty)
        let high = supervisor.sweep(now: Self.at(400))
        #expect(high.map(\.severity) == ["CRITICAL"])
        #expect(high.first?.state == .active)
        #expect(supervisor.sweep(now: Self.at(5000)).isEmpty)
        let resolved = supervisor.signal(topic: "status.ups@ups-1", at: Self.at(5001))
        #expect(resolved.map(\.state) == [.resolved])
        #expect(resolved.first?.ruleName == "absence@status.ups@ups-1")
        #expect(supervisor.signal(topic: "status.ups@ups-1", at: Self.at(5002)).isEmpty)
    }

    @Test func metricUnavailableStopsWithoutAlerting() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        _ = supervisor.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(0))
        _ = Self.seen(supervisor)
        #expect(supervisor.unavailable(topic: "status.ups@ups-1", now: Self.at(50)).isEmpty)
        #expect(supervisor.sweep(now: Self.at(10_000)).isEmpty)
        #expect(supervisor.tracker.count == 0)
        // A later metric starts the expectation again.
        #expect(supervisor.signal(topic: "status.ups@ups-1", at: Self.at(10_001)).isEmpty)
        #expect(supervisor.tracker.count == 1)
    }

    @Test func settlePeriodKeepsAFreshEngineQuiet() throws {
        let supervisor = AbsenceSupervisor()  // settle: one period
        _ = supervisor.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(0))
        // Never seen: first miss at settle (100) + period (100) = 200 ms; alert-low at 400 ms.
        #expect(supervisor.sweep(now: Self.at(199)).isEmpty)
        #expect(supervisor.tracker["status.ups@ups-1"]?.rung == .normal)
        #expect(supervisor.sweep(now: Self.at(399)).isEmpty)
        #expect(supervisor.sweep(now: Self.at(400)).map(\.severity) == ["WARNING"])
    }

    @Test func globalCountsApplyWhereTheRuleSetsNone() throws {
        let global = LadderThresholds(degradedToFailed: 2, failedToAlertLow: 3, alertLowToAlertHigh: 4)
        let supervisor = AbsenceSupervisor(global: global, settle: .zero)
        _ = supervisor.sync(rules: [try Self.rule(expect: #"{"every": "100ms", "failed_to_alert_low": 1}"#)], now: Self.at(0))
        _ = Self.seen(supervisor)
        // alert-low at 1 + 2 + 1 = 4 misses, alert-high at 4 + 4 = 8 misses.
        #expect(supervisor.sweep(now: Self.at(399)).isEmpty)
        #expect(supervisor.sweep(now: Self.at(400)).map(\.severity) == ["WARNING"])
        #expect(supervisor.sweep(now: Self.at(799)).isEmpty)
        #expect(supervisor.sweep(now: Self.at(800)).map(\.severity) == ["CRITICAL"])
    }

    @Test func aRuleWithoutExpectIsNotWatched() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        let plain = try RuleParser.parse(
            """
            {"threshold": {"rule_name": "p", "target": "status.ups@ups-1", "element": "ups-1",
             "values": [{"low_critical": "30"}], "results": [{"low_critical": {"action": [], "description": "d"}}]}}
            """)
        _ = supervisor.sync(rules: [plain], now: Self.at(0))
        #expect(supervisor.isEmpty)
        #expect(Self.seen(supervisor).isEmpty)
        #expect(supervisor.sweep(now: Self.at(100_000)).isEmpty)
    }

    @Test func removingTheRuleResolvesAnAlertOut() throws {
        let supervisor = AbsenceSupervisor(settle: .zero)
        _ = supervisor.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(0))
        _ = Self.seen(supervisor)
        #expect(supervisor.sweep(now: Self.at(300)).map(\.state) == [.active])
        #expect(supervisor.sync(rules: [], now: Self.at(301)).map(\.state) == [.resolved])
        #expect(supervisor.isEmpty)
    }

    @Test func aRestoredRungIsNotPublishedAgain() throws {
        let before = AbsenceSupervisor(settle: .zero)
        _ = before.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(0))
        _ = Self.seen(before)
        #expect(before.sweep(now: Self.at(300)).map(\.severity) == ["WARNING"])
        let saved = before.tracker.saved
        let after = AbsenceSupervisor(settle: .zero)
        _ = after.sync(rules: [try Self.rule(expect: Self.small)], now: Self.at(1000))
        after.restore(saved, now: Self.at(1000))
        #expect(after.tracker["status.ups@ups-1"]?.rung == .alertLow)
        // Next miss one period later: alert-high, never a second WARNING.
        #expect(after.sweep(now: Self.at(1100)).map(\.severity) == ["CRITICAL"])
        #expect(after.signal(topic: "status.ups@ups-1", at: Self.at(1200)).map(\.state) == [.resolved])
    }
}
