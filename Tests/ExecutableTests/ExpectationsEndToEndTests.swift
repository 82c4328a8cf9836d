import Foundation
import TestSupport
import Testing

/// `expectations` and `GET /api/v1/expectations` on the built binary (issue 12 item 5): every
/// expected topic with its rung, filtered by rung, the same over the mailbox and HTTP, and the
/// rung counts in the self-metrics.
@Suite struct ExpectationsEndToEndTests {
    /// `load@NAME` expected every `every`; ladder 1,1,1000 so a stopped topic stays at alert-low.
    static func rule(_ name: String, every: String) -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "load@\(name)", "element": "\(name)",
         "values": [{"high_critical": "1000"}],
         "expect": {"every": "\(every)", "degraded_to_failed": 1, "failed_to_alert_low": 1, "alert_low_to_alert_high": 1000},
         "results": [{"high_critical": {"action": [], "description": "too high"}}]}}
        """
    }

    static func rungs(_ report: [String: Any]) -> [String: String] {
        var rungs: [String: String] = [:]
        for entry in report["expectations"] as? [[String: Any]] ?? [] {
            if let topic = entry["topic"] as? String { rungs[topic] = entry["rung"] as? String }
        }
        return rungs
    }

    @Test func theCommandTheRouteAndTheMetricsShowEachExpectationsRung() throws {
        let agent = try HTTPAgent.start("expectations")
        defer { agent.stop() }
        // Nothing expected yet: an empty report, no rung gauge.
        let empty = try agent.json("/api/v1/expectations")
        #expect((empty["expectations"] as? [Any])?.isEmpty == true)
        #expect(!(try httpRequest(port: agent.port, path: "/metrics").body.contains("fty_alert_engine_expectations")))

        try HistoryEndToEndTests.add(Self.rule("exp-a", every: "200ms"), to: agent)
        try HistoryEndToEndTests.add(Self.rule("exp-b", every: "1h"), to: agent)
        try HistoryEndToEndTests.publishLoad("10", asset: "exp-a", on: agent)
        #expect(
            eventually(timeout: .seconds(10)) {
                (try? Self.rungs(agent.json("/api/v1/expectations"))) == ["load@exp-a": "alert-low", "load@exp-b": "normal"]
            })

        let low = try agent.json("/api/v1/expectations?state=alert-low")
        #expect(Self.rungs(low) == ["load@exp-a": "alert-low"])
        let entry = try #require((low["expectations"] as? [[String: Any]])?.first)
        #expect(entry["period_ms"] as? Int == 200)
        #expect(entry["ladder"] as? [Int] == [1, 1, 1000])
        #expect((entry["misses"] as? Int ?? 0) >= 3)
        #expect(entry["last_arrival_ms"] is Int)
        let counts = try #require(low["counts"] as? [String: Int])
        #expect(counts == ["normal": 1, "degraded": 0, "failed": 0, "alert-low": 1, "alert-high": 0])
        let bad = try httpRequest(port: agent.port, path: "/api/v1/expectations?state=dead")
        #expect(bad.status == 400)

        // The command over the mailbox: the same report.
        let json = try CLIProcess.run(["expectations", "--endpoint", agent.endpoint, "--json", "--state", "alert-low"])
        #expect(json.status == 0, "\(json)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Self.rungs(decoded) == ["load@exp-a": "alert-low"])
        #expect(decoded["counts"] as? [String: Int] == counts)
        let text = try CLIProcess.run(["expectations", "--endpoint", agent.endpoint])
        #expect(text.status == 0, "\(text)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("TOPIC       RUNG       MISSED  PERIOD  LADDER") == true, "\(text.stdout)")
        #expect(lines.contains { $0.hasPrefix("load@exp-a  alert-low  ") && $0.contains("  200ms   1,1,1000  20") })
        #expect(lines.contains { $0.hasPrefix("load@exp-b  normal     0       1h      1,1,1000  never") })
        #expect(lines.last == "2 expected: normal 1, degraded 0, failed 0, alert-low 1, alert-high 0")
        let refused = try CLIProcess.run(["expectations", "--endpoint", agent.endpoint, "--state", "dead"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--state must be one of normal, degraded, failed, alert-low, alert-high"))

        let metrics = try httpRequest(port: agent.port, path: "/metrics").body
        #expect(prometheusSample(metrics, #"fty_alert_engine_expectations{rung="alert-low"}"#) == 1)
        #expect(prometheusSample(metrics, #"fty_alert_engine_expectations{rung="normal"}"#) == 1)
        #expect(prometheusSample(metrics, #"fty_alert_engine_expectations{rung="alert-high"}"#) == 0)
    }
}
