import Locking
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Alive probes through the real executable (issue 12 item 3): registration over HTTP, a
/// DeepSentinel report, silence → WARNING then CRITICAL on `_ALERTS_SYS`, a report → RESOLVED,
/// a wrong token → 401 with nothing recorded.
@Suite struct ProbesEndToEndTests {
    static let admin = "admin-\(UUID().uuidString)"

    static func start() throws -> HTTPAgent {
        let directory = scratchDirectory()
        return try HTTPAgent.start(
            "probes", environment: ["FTY_ALERT_ENGINE_PROBES_FILE": directory + "/probes.json", "FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN": admin],
            directory: directory)
    }

    /// Absence alerts of rule `rule` seen on `_ALERTS_SYS` until `count` arrived (or 10 s).
    static func alerts(_ client: MalamuteClient, rule: String, count: Int) throws -> [FtyAlert] {
        var seen: [FtyAlert] = []
        _ = try eventually(timeout: .seconds(10)) {
            if let delivery = try client.receive(timeout: .milliseconds(100)),
                case .alert(let alert) = try FtyProtoCodec.decode(delivery.content), alert.rule == rule
            {
                seen.append(alert)
            }
            return seen.count >= count
        }
        return seen
    }

    @Test func silenceRaisesWarningThenCriticalAndAReportResolves() throws {
        let agent = try Self.start()
        defer { agent.stop() }
        let watcher = try connectedClient(agent.endpoint, "probe-watcher-\(UUID().uuidString.prefix(6))")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")

        // Without the admin token: refused.
        let body = Array(#"{"name":"web-1","machine":"web1","period":"200ms","degraded-to-failed":1,"failed-to-alert-low":1,"alert-low-to-alert-high":1}"#.utf8)
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/api/v1/probes", body: body).status == 401)
        let created = try httpRequest(
            port: agent.port, method: "POST", path: "/api/v1/probes", headers: ["Authorization": "Bearer \(Self.admin)"], body: body)
        #expect(created.status == 201)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])
        let token = try #require(answer["token"] as? String)
        #expect(answer["rule"] as? String == "absence@probe/web-1")

        let report = Array(#"{"machineStatus":"pass","services":{}}"#.utf8)
        // Wrong and missing tokens: 401; unknown machine: 404; malformed: 400.
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", headers: ["Authorization": "nope"], body: report).status == 401)
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", body: report).status == 401)
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/nobody/report", headers: ["Authorization": token], body: report).status == 404)
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", headers: ["Authorization": token], body: Array("{".utf8)).status == 400)
        let listed = try httpRequest(port: agent.port, path: "/api/v1/probes", headers: ["Authorization": "Bearer \(Self.admin)"])
        #expect(listed.status == 200 && !listed.body.contains("last_report") && !listed.body.contains(token))
        // DeepSentinel's agent sends the bare token.
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", headers: ["Authorization": token], body: report).status == 202)

        // Silence: alert-low at 3 missed periods (WARNING), alert-high at 4 (CRITICAL).
        let raised = try Self.alerts(watcher, rule: "absence@probe/web-1", count: 2)
        #expect(raised.map(\.state) == ["ACTIVE", "ACTIVE"])
        #expect(raised.map(\.severity) == ["WARNING", "CRITICAL"])
        #expect(raised.first?.name == "web1")
        // A report with Bearer: one RESOLVED.
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", headers: ["Authorization": "Bearer \(token)"], body: report).status == 202)
        let resolved = try Self.alerts(watcher, rule: "absence@probe/web-1", count: 1)
        #expect(resolved.map(\.state) == ["RESOLVED"])
        #expect(try httpRequest(port: agent.port, path: "/health").body == #"{"status":"pass"}"#)
    }

    /// Issue 12: a restart in the middle of a probe's ladder keeps the probe and its rung (the
    /// ladders are saved in `<probes file>.state` and restored at start), as for bus
    /// expectations in ``AbsenceEndToEndTests/aRestartMidLadderKeepsTheRung()``.
    @Test func aRestartMidLadderKeepsTheProbeAndItsRung() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = [
            "FTY_ALERT_ENGINE_PROBES_FILE": directory + "/probes.json", "FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN": Self.admin,
        ]
        let admin = ["Authorization": "Bearer \(Self.admin)"]
        let rule = "absence@probe/web-r"
        // alert-low at 3 missed periods of 200 ms (WARNING), alert-high at 23 (CRITICAL).
        let first = try HTTPAgent.start("probes-restart", environment: environment, directory: directory)
        let watcher = try connectedClient(first.endpoint, "probe-restart-watcher-1")
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@probe/.*")
        let body = Array(#"{"name":"web-r","machine":"webr","period":"200ms","degraded-to-failed":1,"failed-to-alert-low":1,"alert-low-to-alert-high":20}"#.utf8)
        let created = try httpRequest(port: first.port, method: "POST", path: "/api/v1/probes", headers: admin, body: body)
        #expect(created.status == 201)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])
        let token = try #require(answer["token"] as? String)
        let report = Array(#"{"machineStatus":"pass","services":{}}"#.utf8)
        let alive = ["Authorization": token]
        #expect(try httpRequest(port: first.port, method: "POST", path: "/probe/webr/report", headers: alive, body: report).status == 202)
        let warning = try #require(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(warning.0.rule == rule)
        #expect(warning.0.state == "ACTIVE")
        #expect(warning.0.severity == "WARNING")
        #expect(warning.1 == "fty-alert-engine-probes")
        watcher.close()
        // Stopped without HTTPAgent.stop(), which removes the directory the second run reuses.
        first.engine.send(SIGTERM)
        #expect(first.engine.waitForExit(timeout: .seconds(10)) == 0)
        let stateData = try Data(contentsOf: URL(fileURLWithPath: directory + "/probes.json.state"))
        let ladders = try #require(try JSONSerialization.jsonObject(with: stateData) as? [[String: Any]])
        let saved = try #require(ladders.first { $0["id"] as? String == "web-r" }, "\(ladders)")
        // The rung is saved as its number: 3 is alert-low.
        #expect(saved["rung"] as? Int == 3, "\(saved)")
        let missed = try #require(saved["misses"] as? Int)
        #expect((3..<23).contains(missed), "\(saved)")

        // Same probes file and state: the probe is still registered, at alert-low.
        let restarted = ContinuousClock.now
        let second = try HTTPAgent.start("probes-restart-2", environment: environment, directory: directory)
        defer {
            second.engine.send(SIGTERM)
            _ = second.engine.waitForExit(timeout: .seconds(10))
        }
        let again = try connectedClient(second.endpoint, "probe-restart-watcher-2")
        defer { again.close() }
        try again.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@probe/.*")
        let listed = try httpRequest(port: second.port, path: "/api/v1/probes", headers: admin)
        let probes = try #require(
            (try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [String: Any])?["probes"] as? [[String: Any]])
        #expect(probes.map { $0["name"] as? String } == ["web-r"])
        #expect(probes.first?["rung"] as? String == "alert-low", "\(probes)")
        // The ladder goes on from the saved count: CRITICAL next, no second WARNING, and not
        // before the 23 - missed periods still to miss (the time the agent was down is not counted).
        let critical = try #require(try AbsenceEndToEndTests.nextAbsence(again, timeout: .seconds(20)))
        let climbed = ContinuousClock.now - restarted
        #expect(critical.0.rule == rule)
        #expect(critical.0.state == "ACTIVE")
        #expect(critical.0.severity == "CRITICAL", "\(critical.0.description)")
        #expect(critical.0.description.contains("for 23 periods") || critical.0.description.contains("for 24 periods"), "\(critical.0.description)")
        #expect(climbed >= .milliseconds(200 * Int64(23 - missed)), "CRITICAL \(climbed) after the restart, \(missed) misses saved")
        // An alive report after the restart: one RESOLVED (of the CRITICAL), then nothing more.
        #expect(try httpRequest(port: second.port, method: "POST", path: "/probe/webr/report", headers: alive, body: report).status == 202)
        let resolved = try #require(try AbsenceEndToEndTests.nextAbsence(again, timeout: .seconds(10)))
        #expect(resolved.0.rule == rule)
        #expect(resolved.0.state == "RESOLVED")
        #expect(resolved.0.severity == "CRITICAL")
        #expect(try httpRequest(port: second.port, method: "POST", path: "/probe/webr/report", headers: alive, body: report).status == 202)
        #expect(try AbsenceEndToEndTests.nextAbsence(again, timeout: .milliseconds(150)) == nil)
    }

    @Test func withoutTheOptionThereAreNoProbeRoutes() throws {
        let agent = try HTTPAgent.start("noprobes")
        defer { agent.stop() }
        #expect(try httpRequest(port: agent.port, method: "POST", path: "/probe/web1/report", body: Array("{}".utf8)).status == 404)
        #expect(try httpRequest(port: agent.port, path: "/api/v1/probes").status == 404)
    }

    @Test func aFloodOfReportsLeavesTheAgentServingMetricsAndAlerting() throws {
        let agent = try Self.start()
        defer { agent.stop() }
        var tokens: [String] = []
        for index in 0..<100 {
            let body = Array(#"{"name":"p\#(index)","machine":"m\#(index)","period":"1h"}"#.utf8)
            let created = try httpRequest(
                port: agent.port, method: "POST", path: "/api/v1/probes", headers: ["Authorization": "Bearer \(Self.admin)"],
                body: body)
            let answer = try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any]
            tokens.append(try #require(answer?["token"] as? String))
        }
        let report = Array(#"{"machineStatus":"pass","services":{}}"#.utf8)
        let issued = tokens
        let accepted = Locked(0)
        let started = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var count = 0
            for post in stride(from: worker, to: 10_000, by: 8) {
                let probe = post % 100
                if (try? httpRequest(
                    port: agent.port, method: "POST", path: "/probe/m\(probe)/report", headers: ["Authorization": issued[probe]],
                    body: report))?.status == 202
                {
                    count += 1
                }
            }
            accepted.withLock { $0 += count }
        }
        let elapsed = ContinuousClock.now - started
        print("10,000 alive posts from 100 probes in \(elapsed)")
        #expect(accepted.withLock { $0 } == 10_000)
        #expect(try httpRequest(port: agent.port, path: "/metrics").status == 200)
        // A metric crossing still alerts.
        let watcher = try connectedClient(agent.endpoint, "flood-watcher-\(UUID().uuidString.prefix(6))")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        try HistoryEndToEndTests.add(EngineEndToEndTests.rule("rack-9"), to: agent)
        try HistoryEndToEndTests.publishLoad("97", asset: "rack-9", on: agent)
        let raised = try Self.alerts(watcher, rule: "rack-9", count: 1)
        #expect(raised.first?.state == "ACTIVE")
    }

    @Test func theCLIAddsListsAndRemovesProbesInTheFile() throws {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/probes.json"
        let added = try CLIProcess.run(["probes", "add", "db-1", "--machine", "db1", "--service", "pg", "--period", "10s", "--probes-file", file])
        #expect(added.status == 0)
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains(token))
        let listed = try CLIProcess.run(["probes", "list", "--json", "--probes-file", file])
        #expect(listed.status == 0 && listed.stdout.contains("\"name\":\"db-1\"") && listed.stdout.contains("\"service\":\"pg\""))
        #expect(try CLIProcess.run(["probes", "add", "db-1", "--machine", "x", "--period", "1s", "--probes-file", file]).status == 1)
        #expect(try CLIProcess.run(["probes", "add", "bad", "--machine", "x", "--period", "soon", "--probes-file", file]).status == 1)
        #expect(try CLIProcess.run(["probes", "remove", "db-1", "--probes-file", file]).status == 0)
        #expect(try CLIProcess.run(["probes", "remove", "db-1", "--probes-file", file]).status == 1)
        #expect(try CLIProcess.run(["probes", "list", "--probes-file", file]).stdout.isEmpty)
    }
}
