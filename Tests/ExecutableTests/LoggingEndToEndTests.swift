import AlertEngine
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// What the built binary writes to standard error at the default level (engine.md §13, §14).
@Suite struct LoggingEndToEndTests {
    @Test func alertTransitionsGetAnAuditLineAtTheDefaultLevel() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("audit")
        let engine = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory], environment: ["BIOS_LOG_LEVEL": "LOG_INFO"])
        let requester = try connectedClient(endpoint, "requester")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        let alerts = try connectedClient(endpoint, "alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: FtyStreams.alertsSys, pattern: ".*")
        let producer = try connectedClient(endpoint, "producer")
        defer { producer.close() }
        try producer.setProducer(stream: FtyStreams.metrics)
        try requester.sendTo(
            address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject, content: ["ADD", EngineEndToEndTests.rule("ups-9")])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")

        for value in ["95", "96", "10"] {
            try producer.send(
                subject: "load@ups-9",
                content: [try EngineEndToEndTests.metricFrame(quantity: "load", asset: "ups-9", value: value, ttl: 60)])
            if value != "96" { _ = try #require(try alerts.receive(timeout: .seconds(5))) }
        }
        engine.send(SIGTERM)
        #expect(engine.waitForExit(timeout: .seconds(2)) == 0)
        let audit = engine.readOutput().split(separator: "\n").filter { $0.contains(" audit/alarms: ") }
        // 96 leaves the alert as it is: no line for it; per-evaluation lines are DEBUG only.
        #expect(audit.map { $0.drop { $0 != " " }.dropFirst() } == [
            "INFO audit/alarms: Audit logger initialization (fty-alert-engine)",
            "INFO audit/alarms: Alert NONE -> ACTIVE CRITICAL element=ups-9 rule=ups-9",
            "INFO audit/alarms: Alert ACTIVE CRITICAL -> RESOLVED element=ups-9 rule=ups-9",
        ])
    }
}
