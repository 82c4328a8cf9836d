import AlertEngine
import Foundation
import FtyProto
import Logging
import MetricsTestKit
import TestSupport
import Testing

/// What the engine core counts, through an injected test factory (no process-wide bootstrap).
@Suite struct EngineMetricsTests {
    static let threshold = """
        {"threshold": {"rule_name": "load-a", "target": "load@a", "element": "a",
         "values": [{"high_critical": "90"}],
         "results": [{"high_critical": {"action": ["EMAIL"], "description": "overload"}}]}}
        """
    /// `main` fails differently by value: 1 raises, 2 loops past the budget, 3 returns a table.
    static let single = """
        {"single": {"rule_name": "moody", "target": ["mood@b"], "element": "b",
         "results": [{"high_critical": {"action": [], "description": "bad mood"}}],
         "evaluation": "function main(v) if v == 1 then error('boom') end if v == 2 then while true do end end if v == 3 then return {} end return OK end"}}
        """

    /// A fresh scratch directory path; the caller removes it.
    private static func scratchPath() -> String {
        NSTemporaryDirectory() + "fty-selfmetrics-\(UUID().uuidString)"
    }

    /// An engine core on the rules directory `path` counting into `metrics`.
    private static func engine(_ metrics: TestMetrics, at path: String) throws -> EngineCore {
        let directory = try RuleDirectory(path: path)
        let core = EngineCore(
            storage: directory, now: { 1_700_000_000 }, logger: Logger(label: "test"),
            luaLimits: LuaLimits(instructionsPerRun: 50_000), metricsFactory: metrics)
        try core.load(from: directory)
        return core
    }

    private static func request(_ core: EngineCore, _ frames: String...) -> [String]? {
        core.handleRequest(subject: EngineCore.mailboxSubject, frames: frames.map { Array($0.utf8) })
            .reply?.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func metric(_ quantity: String, _ asset: String, _ value: String) -> FtyMetric {
        FtyMetric(time: 1_700_000_000, ttl: 60, type: quantity, name: asset, value: value, unit: "")
    }

    private static func count(_ metrics: TestMetrics, _ name: String, _ labels: [(String, String)] = []) -> Int64 {
        metrics.counterTotal(label: "fty_alert_engine_" + name, dimensions: labels)
    }

    @Test func mailboxRequestsAreCountedByCommandAndResultAndTheRulesGaugeFollows() throws {
        let metrics = TestMetrics()
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let core = try Self.engine(metrics, at: path)
        let rules = try metrics.expectGauge("fty_alert_engine_rules_loaded")
        #expect(rules.lastValue == 0)

        #expect(Self.request(core, "ADD", Self.threshold)?.first == "OK")
        #expect(Self.request(core, "ADD", Self.threshold) == ["ERROR", "ALREADY_EXISTS"])
        #expect(Self.request(core, "ADD", Self.single)?.first == "OK")
        #expect(rules.lastValue == 2)
        #expect(Self.request(core, "GET", "nope") == ["ERROR", "NOT_FOUND"])
        #expect(Self.request(core, "LIST", "all")?.count == 5)
        #expect(Self.request(core, "BOGUS", "x") == nil)
        #expect(Self.request(core, "DELETE", "moody") == ["OK", "moody"])
        #expect(rules.lastValue == 1)

        let requests = "mailbox_requests_total"
        #expect(Self.count(metrics, requests, [("command", "ADD"), ("result", "OK")]) == 2)
        #expect(Self.count(metrics, requests, [("command", "ADD"), ("result", "ALREADY_EXISTS")]) == 1)
        #expect(Self.count(metrics, requests, [("command", "GET"), ("result", "NOT_FOUND")]) == 1)
        #expect(Self.count(metrics, requests, [("command", "LIST"), ("result", "OK")]) == 1)
        #expect(Self.count(metrics, requests, [("command", "OTHER"), ("result", "IGNORED")]) == 1)
        #expect(Self.count(metrics, requests, [("command", "DELETE"), ("result", "OK")]) == 1)
        #expect(metrics.counterTotal(label: "fty_alert_engine_" + requests) == 7)
    }

    @Test func metricsEvaluationsAndLuaFailuresAreCounted() throws {
        let metrics = TestMetrics()
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let core = try Self.engine(metrics, at: path)
        _ = Self.request(core, "ADD", Self.threshold)
        _ = Self.request(core, "ADD", Self.single)

        #expect(core.handleMetric(Self.metric("load", "a", "95")).map(\.state) == [.active])
        #expect(core.handleMetric(Self.metric("load", "a", "96")).isEmpty)  // decided by the shortcut
        #expect(core.handleMetric(Self.metric("load", "zzz", "96")).isEmpty)  // no rule
        for value in ["1", "2", "3", "5"] { _ = core.handleMetric(Self.metric("mood", "b", value)) }
        _ = core.handleMetric(ShmMetric(quantity: "load", asset: "a", value: "10", unit: "", ttl: 60, time: 1_700_000_000))
        _ = core.handleUnavailable(frames: [Array("METRICUNAVAILABLE".utf8), Array("load@a".utf8)])
        // The hot-path counts are held until the shell's flush.
        #expect(Self.count(metrics, "metrics_received_total", [("input", "bus")]) == 0)
        core.flushSelfMetrics()

        #expect(Self.count(metrics, "metrics_received_total", [("input", "bus")]) == 7)
        #expect(Self.count(metrics, "metrics_received_total", [("input", "shm")]) == 1)
        #expect(Self.count(metrics, "metric_unavailable_notices_total") == 1)
        #expect(Self.count(metrics, "evaluations_total", [("kind", "simple_threshold")]) == 3)
        #expect(Self.count(metrics, "evaluations_total", [("kind", "single")]) == 4)
        #expect(Self.count(metrics, "evaluations_total", [("kind", "pattern")]) == 0)
        #expect(Self.count(metrics, "lua_errors_total", [("reason", "runtime")]) == 1)
        #expect(Self.count(metrics, "lua_errors_total", [("reason", "not_a_number")]) == 1)
        #expect(Self.count(metrics, "lua_budget_stops_total", [("budget", "instructions")]) == 1)
        #expect(Self.count(metrics, "lua_budget_stops_total", [("budget", "memory")]) == 0)
    }

    @Test func aboutOneEvaluationInSixteenIsTimed() throws {
        let metrics = TestMetrics()
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let core = try Self.engine(metrics, at: path)
        _ = Self.request(core, "ADD", Self.single)
        let evaluations = 1_600
        for index in 0..<evaluations { _ = core.handleMetric(Self.metric("mood", "b", "\(10 + index)")) }
        let timer = try metrics.expectTimer("fty_alert_engine_evaluation_duration_seconds", [("kind", "single")])
        // Pseudo-random sampling at 1/16: 100 expected; far from both none and all.
        #expect((50...150).contains(timer.values.count))
        #expect(timer.values.allSatisfy { $0 > 0 && $0 < 1_000_000_000 })
    }

    @Test func publishedAlertsAreCountedByState() throws {
        let metrics = TestMetrics()
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let core = try Self.engine(metrics, at: path)
        _ = Self.request(core, "ADD", Self.threshold)
        for publication in core.handleMetric(Self.metric("load", "a", "95")) { core.countPublished(publication) }
        for publication in core.handleMetric(Self.metric("load", "a", "5")) { core.countPublished(publication) }
        #expect(Self.count(metrics, "alerts_published_total", [("state", "ACTIVE")]) == 1)
        #expect(Self.count(metrics, "alerts_published_total", [("state", "RESOLVED")]) == 1)
    }
}
