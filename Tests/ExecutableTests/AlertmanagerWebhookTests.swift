import Foundation
import TestSupport
import Testing

/// The webhook receiver against the real Alertmanager (Debian's `prometheus-alertmanager`,
/// installed by `.ci/run`): alerts posted to Alertmanager's own API reach our history, then
/// resolve; with a wrong password Alertmanager's retries are refused and nothing is recorded.
@Suite(.serialized) struct AlertmanagerWebhookTests {
    static let binary = "/usr/bin/prometheus-alertmanager"

    /// Alertmanager on a free port whose one receiver is our webhook at `url`.
    static func alertmanager(webhook url: String, user: String, password: String, directory: String) throws -> (ChildProcess, Int) {
        let port = try freeTCPPort()
        let config = """
            route:
              receiver: fty
              group_by: ['alertname', 'instance']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: fty
                webhook_configs:
                  - url: \(url)
                    send_resolved: true
                    http_config:
                      basic_auth:
                        username: \(user)
                        password: \(password)
            """
        try FileManager.default.createDirectory(atPath: directory + "/am", withIntermediateDirectories: true)
        try config.write(toFile: directory + "/am.yml", atomically: true, encoding: .utf8)
        let process = try ChildProcess(
            binary,
            ["--config.file=\(directory)/am.yml", "--storage.path=\(directory)/am", "--web.listen-address=127.0.0.1:\(port)",
             "--cluster.listen-address=", "--log.level=warn"],
            log: directory + "/am.log")
        guard eventually(timeout: .seconds(20), { (try? httpRequest(port: port, path: "/-/ready").status) == 200 }) else {
            throw HTTPScrapeError(description: "Alertmanager never became ready: \(process.finish().output)")
        }
        return (process, port)
    }

    /// Posts one alert to Alertmanager's API v2; `ended` puts its end in the past (resolved).
    static func post(alertmanager port: Int, ended: Bool) throws {
        let now = Date()
        let formatter = ISO8601DateFormatter()
        var alert: [String: Any] = [
            "labels": ["alertname": "HighTemp", "instance": "room-1", "severity": "critical"],
            "annotations": ["description": "room-1 is too hot"],
            "startsAt": formatter.string(from: now.addingTimeInterval(-60)),
            "generatorURL": "http://prometheus.example/graph",
        ]
        if ended { alert["endsAt"] = formatter.string(from: now.addingTimeInterval(-1)) }
        let body = try JSONSerialization.data(withJSONObject: [alert])
        let response = try httpRequest(
            port: port, method: "POST", path: "/api/v2/alerts", headers: ["Content-Type": "application/json"],
            body: Array(body))
        #expect(response.status == 200, "Alertmanager refused the alert: \(response.body)")
    }

    /// The sum of `alertmanager_notifications_failed_total` over the webhook integration's
    /// series (later versions add a `reason` label).
    static func failedWebhookDeliveries(_ exposition: String) -> Double {
        exposition.split(separator: "\n")
            .filter { $0.hasPrefix("alertmanager_notifications_failed_total{") && $0.contains(#"integration="webhook""#) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
    }

    static let credentials = """
        webhook
            auth = basic
            user = alertmanager
            password = s3cret
        """

    @Test func alertsFromAlertmanagerAreRecordedThenResolved() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "prometheus-alertmanager is not installed")
        let agent = try HTTPAgent.start("am", config: Self.credentials)
        defer { agent.stop() }
        let (alertmanager, amPort) = try Self.alertmanager(
            webhook: "http://127.0.0.1:\(agent.port)/logs/prometheus", user: "alertmanager", password: "s3cret",
            directory: agent.directory)
        defer { _ = alertmanager }

        try Self.post(alertmanager: amPort, ended: false)
        var records: [[String: Any]] = []
        #expect(eventually(timeout: .seconds(30)) {
            records = (try? agent.records("partition=prometheus")) ?? []
            return !records.isEmpty
        })
        let raised = try #require(records.first)
        #expect(raised["rule"] as? String == "HighTemp")
        #expect(raised["element"] as? String == "room-1")
        #expect(raised["state"] as? String == "ACTIVE")
        #expect(raised["severity"] as? String == "CRITICAL")
        #expect(raised["kind"] as? String == "raised")
        #expect(raised["description"] as? String == "room-1 is too hot")
        let active = try agent.json("/api/v1/alerts")["alerts"] as? [[String: Any]] ?? []
        #expect(active.contains { $0["rule"] as? String == "HighTemp" && $0["element"] as? String == "room-1" })

        try Self.post(alertmanager: amPort, ended: true)
        #expect(eventually(timeout: .seconds(30)) {
            records = (try? agent.records("partition=prometheus")) ?? []
            return records.first?["state"] as? String == "RESOLVED"
        })
        #expect(records.count == 2)
        #expect(records.first?["kind"] as? String == "resolved")
        let after = try agent.json("/api/v1/alerts")["alerts"] as? [[String: Any]] ?? []
        #expect(!after.contains { $0["rule"] as? String == "HighTemp" })
    }

    @Test func aWrongPasswordIsRefusedOnEveryRetryAndNothingIsRecorded() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "prometheus-alertmanager is not installed")
        let agent = try HTTPAgent.start("am-auth", config: Self.credentials)
        defer { agent.stop() }
        let (alertmanager, amPort) = try Self.alertmanager(
            webhook: "http://127.0.0.1:\(agent.port)/logs/prometheus", user: "alertmanager", password: "wrong",
            directory: agent.directory)
        defer { _ = alertmanager }
        try Self.post(alertmanager: amPort, ended: false)
        // Alertmanager counts each refused delivery: wait for it rather than for a fixed time.
        #expect(eventually(timeout: .seconds(30)) {
            let exposition = (try? httpRequest(port: amPort, path: "/metrics").body) ?? ""
            return Self.failedWebhookDeliveries(exposition) >= 1
        })
        #expect(try agent.records().isEmpty)
        #expect((try agent.json("/api/v1/alerts")["alerts"] as? [Any])?.isEmpty == true)
    }
}
