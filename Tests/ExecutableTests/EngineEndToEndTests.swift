import AlertEngine
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The built `fty-alert-engine` running the engine server: rules by mailbox, alerts from
/// metrics, and durability across a SIGKILL (decisions.md D6).
@Suite struct EngineEndToEndTests {

    /// An fty_proto METRIC frame as 42ity agents publish it (wire.md §4.3).
    static func metricFrame(quantity: String, asset: String, value: String, ttl: UInt32) throws -> [UInt8] {
        try FtyProtoCodec.encode(
            FtyMetric(
                aux: [:], time: UInt64(Date().timeIntervalSince1970), ttl: ttl, type: quantity, name: asset,
                value: value, unit: ""))
    }

    static func rule(_ name: String) -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "load@\(name)", "element": "\(name)",
         "values": [{"high_critical": "90"}],
         "results": [{"high_critical": {"action": ["EMAIL"], "description": "overload of \(name)"}}]}}
        """
    }

    /// The child's output goes to a pipe read only at exit: keep it short.
    static let quiet = ["BIOS_LOG_LEVEL": "LOG_WARNING"]

    @Test func rulesAcknowledgedBeforeASIGKILLSurviveIntactAndAlert() throws {
        let directory = scratchDirectory()
        let endpoint = uniqueEndpoint("e2e")
        let engine = try EngineProcess(["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory], environment: Self.quiet)
        let requester = try connectedClient(endpoint, "requester")
        #expect(try awaitEngine(requester))
        let alerts = try connectedClient(endpoint, "alerts")
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        let producer = try connectedClient(endpoint, "producer")
        try producer.setProducer(stream: "METRICS")

        // A rule by mailbox, a metric, an alert.
        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", Self.rule("first")],
            tracker: "add-first")
        let added = try #require(try requester.receive(timeout: .seconds(5)))
        #expect(added.contentStrings.first == "OK" && added.trackerString == "add-first")
        try producer.send(
            subject: "load@first", content: [try Self.metricFrame(quantity: "load", asset: "first", value: "95", ttl: 60)])
        let alert = try #require(try alerts.receive(timeout: .seconds(5)))
        #expect(alert.subjectString == "first/CRITICAL@first")

        // A burst of ADDs; SIGKILL once some are acknowledged, while others are in flight.
        let burst = 300
        for index in 0..<burst {
            try requester.sendTo(
                address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", Self.rule("burst-\(index)")],
                tracker: "burst-\(index)")
        }
        var acknowledged: Set<String> = ["first"]
        while acknowledged.count < 20, let reply = try requester.receive(timeout: .seconds(5)) {
            if reply.contentStrings.first == "OK" { acknowledged.insert(reply.trackerString) }
        }
        engine.send(SIGKILL)
        #expect(engine.waitForExit(timeout: .seconds(5)) != nil)
        while let reply = try requester.receive(timeout: .milliseconds(100)) {
            if reply.contentStrings.first == "OK" { acknowledged.insert(reply.trackerString) }
        }
        requester.close()
        alerts.close()
        producer.close()
        #expect(acknowledged.count > 1)

        // Restart on the same directory.
        let endpoint2 = uniqueEndpoint("e2e-restart")
        let restarted = try EngineProcess(["--embedded-broker", "--endpoint", endpoint2, "--rules-dir", directory], environment: Self.quiet)
        let requester2 = try connectedClient(endpoint2, "requester")
        defer { requester2.close() }
        #expect(try awaitEngine(requester2))

        // D6: no temporary file is left and every file holds a whole rule.
        // The instance lock file (issue 14 item 3) is the one other file the agent keeps there.
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != InstanceLock.fileName }
        #expect(entries.allSatisfy { $0.hasSuffix(".rule") }, "\(entries)")
        try requester2.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["LIST", "all"])
        let list = try #require(try requester2.receive(timeout: .seconds(5)))
        #expect(list.content.count - 3 == entries.count)  // every file loaded, so every file parses
        for ruleName in acknowledged.sorted() {
            try requester2.sendTo(
                address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["GET", ruleName], tracker: ruleName)
            let got = try #require(try requester2.receive(timeout: .seconds(5)))
            #expect(got.trackerString == ruleName)
            #expect(got.contentStrings.first == "OK", "acknowledged rule \(ruleName) lost")
            #expect(got.contentStrings.last?.contains("\"load@\(ruleName)\"") == true, "rule \(ruleName) not intact")
        }
        restarted.send(SIGTERM)
        #expect(restarted.waitForExit(timeout: .seconds(3)) == 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The poll interval comes from `--shm-poll-interval` or `FTY_SHM_TEST_POLLING_INTERVAL`.
    @Test(arguments: [true, false]) func shmMetricsAreReadAtThePollInterval(byFlag: Bool) throws {
        let directory = scratchDirectory()
        let shm = scratchDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: shm)
        }
        let endpoint = uniqueEndpoint("e2e-shm")
        var arguments = ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory, "--shm-dir", shm]
        var environment = Self.quiet
        if byFlag {
            arguments += ["--shm-poll-interval", "1"]
        } else {
            environment["FTY_SHM_TEST_POLLING_INTERVAL"] = "1"
        }
        let engine = try EngineProcess(arguments, environment: environment)
        let requester = try connectedClient(endpoint, "requester")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        let alerts = try connectedClient(endpoint, "alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", Self.rule("ups-1")])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")
        // engine.md §2.2: ttl as 10 digits, unit, value.
        try FileManager.default.createDirectory(atPath: shm + "/0", withIntermediateDirectories: true)
        try Data("0000000060\n%\n97".utf8).write(to: URL(fileURLWithPath: shm + "/0/load@ups-1"))
        let alert = try #require(try alerts.receive(timeout: .seconds(4)))
        #expect(alert.subjectString == "ups-1/CRITICAL@ups-1")
        engine.send(SIGTERM)
        #expect(engine.waitForExit(timeout: .seconds(3)) == 0)
    }

    @Test func anUnreachableBrokerExitsNonZeroNamingTheEndpoint() throws {
        let endpoint = uniqueEndpoint("e2e-nobody")
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try EngineProcess(["--endpoint", endpoint, "--rules-dir", directory])
        let status = engine.waitForExit(timeout: .seconds(10))
        #expect(status != nil && status != 0)
        #expect(engine.readOutput().contains(endpoint))
    }

    @Test func anUnusableRulesDirectoryExitsNonZeroNamingThePath() throws {
        let file = scratchDirectory()
        try Data().write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let engine = try EngineProcess(["--embedded-broker", "--endpoint", uniqueEndpoint("e2e-dir"), "--rules-dir", file + "/rules"])
        let status = engine.waitForExit(timeout: .seconds(5))
        #expect(status != nil && status != 0)
        #expect(engine.readOutput().contains(file + "/rules"))
    }
}
