import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Absence of an expected metric through the real executable on the bus (issue 12): a rule with
/// `expect` on a kept-alive metric; the metric stops → ACTIVE WARNING then ACTIVE CRITICAL of
/// `absence@<topic>` on `_ALERTS_SYS` at the counts of `FTY_ALERT_ENGINE_ABSENCE_LADDER`; it
/// resumes → one RESOLVED.
@Suite struct AbsenceEndToEndTests {
    static let rule = """
        {"threshold": {"rule_name": "load-expected@ups-e2e", "target": "load@ups-e2e", "element": "ups-e2e",
         "values": [{"high_critical": "1000"}], "expect": {"every": "200ms"},
         "results": [{"high_critical": {"action": [], "description": "too high"}}]}}
        """

    /// The next absence ALERT on `watcher`, nil after `timeout`.
    static func nextAbsence(_ watcher: MalamuteClient, timeout: Duration) throws -> (FtyAlert, String)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, let delivery = try watcher.receive(timeout: deadline - ContinuousClock.now) {
            if case .alert(let alert) = try FtyProtoCodec.decode(delivery.content), alert.rule.hasPrefix("absence@") {
                return (alert, delivery.senderString)
            }
        }
        return nil
    }

    @Test func aStoppedMetricClimbsToWarningThenCriticalAndResolvesOnce() throws {
        let agent = try HTTPAgent.start("absence", environment: ["FTY_ALERT_ENGINE_ABSENCE_LADDER": "1,1,1"])
        defer { agent.stop() }
        let watcher = try connectedClient(agent.endpoint, "absence-watcher")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@.*")
        try HistoryEndToEndTests.add(Self.rule, to: agent)
        // Kept alive for a while: no absence alert.
        var stopped = ContinuousClock.now
        for _ in 0..<6 {
            try HistoryEndToEndTests.publishLoad("10", asset: "ups-e2e", on: agent)
            stopped = ContinuousClock.now
            #expect(try Self.nextAbsence(watcher, timeout: .milliseconds(100)) == nil)
        }
        // Stopped: 1 miss degraded, 2 failed, 3 alert-low (WARNING), 4 alert-high (CRITICAL).
        let warning = try #require(try Self.nextAbsence(watcher, timeout: .seconds(10)))
        let warned = ContinuousClock.now - stopped
        #expect(warning.0.rule == "absence@load@ups-e2e")
        #expect(warning.0.name == "ups-e2e")
        #expect(warning.0.state == "ACTIVE")
        #expect(warning.0.severity == "WARNING")
        #expect(warning.1 == "fty-alert-engine-stream")
        #expect(warned >= .milliseconds(550), "WARNING after \(warned), expected 3 periods of 200 ms after the last metric")
        let critical = try #require(try Self.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(critical.0.state == "ACTIVE")
        #expect(critical.0.severity == "CRITICAL")
        #expect(try Self.nextAbsence(watcher, timeout: .milliseconds(600)) == nil)
        try HistoryEndToEndTests.publishLoad("10", asset: "ups-e2e", on: agent)
        let resolved = try #require(try Self.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(resolved.0.rule == "absence@load@ups-e2e")
        #expect(resolved.0.state == "RESOLVED")
        try HistoryEndToEndTests.publishLoad("10", asset: "ups-e2e", on: agent)
        #expect(try Self.nextAbsence(watcher, timeout: .milliseconds(150)) == nil)
    }

    @Test func aRestartMidLadderKeepsTheRung() throws {
        let rule = Self.rule.replacingOccurrences(
            of: #""every": "200ms""#, with: #""every": "200ms", "alert_low_to_alert_high": 10"#)
        let first = try HTTPAgent.start("absence-restart", environment: ["FTY_ALERT_ENGINE_ABSENCE_LADDER": "1,1,1"])
        defer { first.stop() }
        let watcher = try connectedClient(first.endpoint, "absence-watcher-1")
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@.*")
        try HistoryEndToEndTests.add(rule, to: first)
        try HistoryEndToEndTests.publishLoad("10", asset: "ups-e2e", on: first)
        let warning = try #require(try Self.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(warning.0.severity == "WARNING")
        watcher.close()
        // Stopped without HTTPAgent.stop(), which removes the directory the second run reuses.
        first.engine.send(SIGTERM)
        _ = first.engine.waitForExit(timeout: .seconds(10))
        let state = try String(contentsOfFile: first.directory + "/rules/absence-state", encoding: .utf8)
        #expect(state.contains("load@ups-e2e"), "\(state)")
        // Same rules directory: the rung is kept, so the next absence alert is CRITICAL, no
        // second WARNING.
        let second = try HTTPAgent.start(
            "absence-restart-2", environment: ["FTY_ALERT_ENGINE_ABSENCE_LADDER": "1,1,1"], directory: first.directory)
        defer {
            second.engine.send(SIGTERM)
            _ = second.engine.waitForExit(timeout: .seconds(10))
        }
        let again = try connectedClient(second.endpoint, "absence-watcher-2")
        defer { again.close() }
        try again.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@.*")
        let next = try #require(try Self.nextAbsence(again, timeout: .seconds(15)))
        #expect(next.0.state == "ACTIVE")
        #expect(next.0.severity == "CRITICAL")
    }

    @Test func aBadAbsenceLadderIsAUsageError() throws {
        let run = try CLIProcess.run(["--embedded-broker", "--absence-ladder", "1,0,2"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--absence-ladder"))
    }
}
