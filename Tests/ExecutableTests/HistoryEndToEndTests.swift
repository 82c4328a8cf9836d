import AlertHistory
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The alert history through the real executable (issue 10): a metric crosses a threshold,
/// `history --json` shows the transition with its evidence; after SIGKILL and a restart the
/// history is intact and passes `PRAGMA integrity_check`. Also the `pending` entry of a rule
/// with a `for` duration, and webhook changes published on `_ALERTS_SYS`.
@Suite struct HistoryEndToEndTests {
    /// Adds `rule` over the agent's mailbox and waits for OK.
    static func add(_ rule: String, to agent: HTTPAgent) throws {
        let requester = try connectedClient(agent.endpoint, "requester-\(UUID().uuidString.prefix(6))")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", rule])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")
    }

    /// Publishes `load@asset = value` on METRICS.
    static func publishLoad(_ value: String, asset: String, on agent: HTTPAgent) throws {
        let producer = try connectedClient(agent.endpoint, "producer-\(UUID().uuidString.prefix(6))")
        defer { producer.close() }
        try producer.setProducer(stream: "METRICS")
        try producer.send(
            subject: "load@\(asset)",
            content: [try EngineEndToEndTests.metricFrame(quantity: "load", asset: asset, value: value, ttl: 300)])
    }

    /// `fty-alert-engine history --json --history DB arguments…`: its records.
    static func history(_ database: String, _ arguments: [String] = []) throws -> [[String: Any]] {
        let run = try CLIProcess.run(["history", "--json", "--history", database] + arguments)
        guard run.status == 0,
            let page = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        else { throw HTTPScrapeError(description: "history failed: \(run)") }
        return page["records"] as? [[String: Any]] ?? []
    }

    @Test func aCrossingIsRecordedWithItsEvidenceAndSurvivesASIGKILL() async throws {
        let first = try HTTPAgent.start("history")
        let directory = first.directory
        let database = directory + "/history.db"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.add(EngineEndToEndTests.rule("rack-3"), to: first)
        try Self.publishLoad("97", asset: "rack-3", on: first)

        var records: [[String: Any]] = []
        #expect(eventually(timeout: .seconds(10)) {
            records = (try? Self.history(database, ["--rule", "rack-3"])) ?? []
            return !records.isEmpty
        })
        let raised = try #require(records.first)
        #expect(raised["kind"] as? String == "raised")
        #expect(raised["state"] as? String == "ACTIVE")
        #expect(raised["severity"] as? String == "CRITICAL")
        #expect(raised["element"] as? String == "rack-3")
        #expect(raised["producer"] as? String == "fty-alert-engine-stream")
        let evidence = try #require(raised["evidence"] as? [String: Any])
        let inputs = try #require(evidence["inputs"] as? [[String: Any]])
        #expect(inputs.count == 1)
        #expect(inputs.first?["topic"] as? String == "load@rack-3")
        #expect(inputs.first?["value"] as? Double == 97)
        let thresholds = evidence["thresholds"] as? [[String: Any]] ?? []
        #expect(thresholds.contains { $0["name"] as? String == "high_critical" && $0["value"] as? String == "90" })
        let crossed = try #require(evidence["crossed"] as? [String: Any])
        #expect(crossed["name"] as? String == "high_critical")
        #expect(crossed["value"] as? String == "90")
        #expect(evidence["result"] as? String == "high_critical")
        // Recorded once: the engine's copy on _ALERTS_SYS is not recorded again.
        #expect(records.count == 1)

        // The human forms: aligned columns.
        let text = try CLIProcess.run(["history", "--history", database, "--since", "1h"])
        #expect(text.status == 0)
        #expect(text.lines.first?.hasPrefix("TIME ") == true)
        #expect(text.stdout.contains("load@rack-3=97 crossed high_critical=90"))
        let alerts = try CLIProcess.run(["alerts", "--history", database])
        #expect(alerts.status == 0)
        let row = try #require(alerts.lines.first { $0.contains("rack-3") })
        #expect(row.contains("ACTIVE") && row.contains("CRITICAL") && row.contains("overload of rack-3"))
        // Columns line up: every row has STATE where the header has it.
        let stateColumn = try #require(alerts.lines.first?.range(of: "STATE")).lowerBound.utf16Offset(in: alerts.lines[0])
        #expect(row.dropFirst(stateColumn).hasPrefix("ACTIVE"))

        first.engine.send(SIGKILL)
        #expect(first.engine.waitForExit(timeout: .seconds(10)) != nil)
        #expect(try await HistoryStore.openReadOnly(path: database).integrityCheck() == "ok")

        let second = try HTTPAgent.start("history", directory: directory)
        defer {
            second.engine.send(SIGTERM)
            _ = second.engine.waitForExit(timeout: .seconds(10))
        }
        let after = try Self.history(database, ["--rule", "rack-3"])
        #expect(after.count == 1)
        #expect(after.first?["id"] as? Int == raised["id"] as? Int)
        #expect((after.first?["evidence"] as? [String: Any])?["crossed"] as? [String: String] == ["name": "high_critical", "value": "90"])
        let active = try CLIProcess.run(["alerts", "--json", "--history", database])
        #expect(active.stdout.contains(#""rule":"rack-3""#))
        #expect(try await HistoryStore.openReadOnly(path: database).integrityCheck() == "ok")

        // The same record over HTTP.
        let overHTTP = try second.records("rule=rack-3")
        #expect(overHTTP.first?["id"] as? Int == raised["id"] as? Int)
    }

    @Test func aCrossingThatMustHoldIsRecordedPendingAndNothingIsPublished() throws {
        let agent = try HTTPAgent.start("pending")
        defer { agent.stop() }
        let rule = """
            {"threshold": {"rule_name": "slow-4", "target": "load@slow-4", "element": "slow-4",
             "values": [{"high_critical": "90"}], "for": {"critical": "3600"},
             "results": [{"high_critical": {"action": ["EMAIL"], "description": "overload of slow-4"}}]}}
            """
        try Self.add(rule, to: agent)
        let watcher = try connectedClient(agent.endpoint, "watcher")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        try Self.publishLoad("97", asset: "slow-4", on: agent)
        var records: [[String: Any]] = []
        #expect(eventually(timeout: .seconds(10)) {
            records = (try? agent.records("rule=slow-4")) ?? []
            return !records.isEmpty
        })
        #expect(records.count == 1)
        #expect(records.first?["kind"] as? String == "pending")
        #expect(records.first?["state"] as? String == "PENDING")
        #expect(records.first?["severity"] as? String == "CRITICAL")
        let evidence = records.first?["evidence"] as? [String: Any]
        #expect((evidence?["inputs"] as? [[String: Any]])?.first?["value"] as? Double == 97)
        // A pending crossing is not an active alert, and nothing went on the bus.
        let active = try agent.json("/api/v1/alerts")["alerts"] as? [[String: Any]] ?? []
        #expect(!active.contains { $0["rule"] as? String == "slow-4" })
        #expect(try watcher.receive(timeout: .milliseconds(500)) == nil)
    }

    @Test func webhookChangesArePublishedOnAlertsSysWhenAskedTo() throws {
        let agent = try HTTPAgent.start("publish", config: "webhook\n    publish = true\n")
        defer { agent.stop() }
        let watcher = try connectedClient(agent.endpoint, "watcher")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        let body = """
            {"version": "4", "status": "firing", "receiver": "fty", "groupKey": "{}:{}", "alerts": [
             {"status": "firing", "labels": {"alertname": "DiskFull", "instance": "nas-2", "severity": "warning"},
              "annotations": {"description": "nas-2 disk is full"}, "startsAt": "2026-12-06T08:00:00Z",
              "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "f00d", "generatorURL": "http://prometheus.example"}]}
            """
        let response = try httpRequest(
            port: agent.port, method: "POST", path: "/logs/prometheus", headers: ["Content-Type": "application/json"],
            body: Array(body.utf8))
        #expect(response.status == 200, "\(response.body)")
        var alert: FtyAlert?
        let deadline = ContinuousClock.now + .seconds(10)
        while alert == nil, ContinuousClock.now < deadline, let delivery = try watcher.receive(timeout: .seconds(10)) {
            if case .alert(let decoded) = try FtyProtoCodec.decode(delivery.content), decoded.rule == "DiskFull" {
                alert = decoded
                #expect(delivery.senderString == "fty-alert-webhook")
            }
        }
        let published = try #require(alert)
        #expect(published.name == "nas-2")
        #expect(published.severity == "WARNING")
        #expect(published.state == "ACTIVE")
        #expect(published.description == "nas-2 disk is full")
        // Recorded once, under its partition, not again from the bus.
        let records = try agent.records("rule=DiskFull")
        #expect(records.count == 1)
        #expect(records.first?["partition"] as? String == "prometheus")
    }
}
