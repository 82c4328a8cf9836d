import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The built `fty-alert-engine` with autoconfig: an ASSET for a UPS leads to its generated
/// rules in the engine, and a METRIC to the alert of one of them (engine.md §11, issue 4).
@Suite struct AutoconfigEndToEndTests {
    /// The reference templates copied into a scratch templates directory.
    static func templatesDirectory() throws -> String {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reference = Fixtures.shared.appendingPathComponent("reference/templates").path
        for name in try FileManager.default.contentsOfDirectory(atPath: reference) where name.hasSuffix(".rule") {
            try FileManager.default.copyItem(atPath: reference + "/" + name, toPath: directory + "/" + name)
        }
        return directory
    }

    /// GET `name` from the engine: true when it answers OK.
    static func engineHolds(_ name: String, _ requester: MalamuteClient) throws -> Bool {
        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["GET", name], tracker: name)
        while let reply = try requester.receive(timeout: .milliseconds(200)) {
            if reply.trackerString == name { return reply.contentStrings.first == "OK" }
        }
        return false
    }

    /// Waits until autoconfig answers LIST (it subscribes to ASSETS before serving), then drains
    /// the answers; true when it answered.
    static func awaitAutoconfig(_ requester: MalamuteClient) throws -> Bool {
        let answered = try eventually(timeout: .seconds(10)) {
            try requester.sendTo(address: "fty-autoconfig", subject: "x", content: ["LIST", "probe", "nothing"])
            return try requester.receive(timeout: .milliseconds(200))?.contentStrings.first == "probe"
        }
        while try requester.receive(timeout: .milliseconds(50)) != nil {}
        return answered
    }

    /// Announces a new single-phase UPS `name` on ASSETS from `assets`, as fty-asset does
    /// (wire.md §4.5).
    static func announceUPS(_ name: String, displayName: String, from assets: MalamuteClient) throws {
        let ups = FtyAsset(
            aux: ["type": "device", "subtype": "ups", "status": "active", "priority": "P1", "parent": "2"],
            name: name, operation: "create",
            ext: ["name": displayName, "phases.input": "1", "phases.output": "1", "model": "Eaton 9PX"])
        try assets.send(subject: "device.ups@\(name)", content: [try FtyProtoCodec.encode(ups)])
    }

    @Test func aUPSAnnouncedOnAssetsGetsItsRulesAndAlertsOnBattery() throws {
        let rules = scratchDirectory()
        let templates = try Self.templatesDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: rules)
            try? FileManager.default.removeItem(atPath: templates)
        }
        let endpoint = uniqueEndpoint("e2e-autoconfig")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rules, "--templates-dir", templates],
            environment: EngineEndToEndTests.quiet)
        let assets = try connectedClient(endpoint, "asset-agent")
        defer { assets.close() }
        try assets.setProducer(stream: "ASSETS")
        let requester = try connectedClient(endpoint, "requester")
        defer { requester.close() }
        let alerts = try connectedClient(endpoint, "alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        let metrics = try connectedClient(endpoint, "metrics")
        defer { metrics.close() }
        try metrics.setProducer(stream: "METRICS")

        #expect(try Self.awaitAutoconfig(requester))
        try Self.announceUPS("ups-77", displayName: "UPS \"77\"", from: assets)
        // engine.md §11.4: generation ≈5 s after the last asset message.
        #expect(try eventually(timeout: .seconds(15)) { try Self.engineHolds("onbattery@ups-77", requester) })
        #expect(try Self.engineHolds("voltage.input_1phase@ups-77", requester))
        #expect(try !Self.engineHolds("voltage.input_3phase@ups-77", requester))

        // Bit 5 of status.ups is "on battery" in the template's Lua (2^4 = 16).
        let metric = FtyMetric(
            time: UInt64(Date().timeIntervalSince1970), ttl: 60, type: "status.ups", name: "ups-77", value: "16",
            unit: "")
        try metrics.send(subject: "status.ups@ups-77", content: [try FtyProtoCodec.encode(metric)])
        var received: FtyAlert?
        var subject = ""
        #expect(
            try eventually(timeout: .seconds(5)) {
                guard let delivery = try alerts.receive(timeout: .milliseconds(100)),
                    case .alert(let alert) = try FtyProtoCodec.decode(delivery.content), alert.rule == "onbattery@ups-77"
                else { return false }
                received = alert
                subject = delivery.subjectString
                return true
            })
        #expect(subject == "onbattery@ups-77/CRITICAL@ups-77")
        #expect(received?.state == "ACTIVE" && received?.severity == "CRITICAL")
        #expect(received?.description.contains(#""value" : "UPS "77""#) == true)

        // Closed while the broker is up: a close after it is gone waits for its timeout.
        for client in [assets, requester, alerts, metrics] { client.close() }
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(5)) == 0)
        // The state is written at shutdown and holds the UPS.
        let state = try String(contentsOfFile: rules + "/state", encoding: .utf8)
        #expect(state.contains("ups-77"))
    }

    /// The devices LIST gives for the template `file` (engine.md §11.7), "" if none.
    static func listedDevices(_ file: String, _ requester: MalamuteClient) throws -> String? {
        try requester.sendTo(address: "fty-autoconfig", subject: "x", content: ["LIST", "rack-list", "all"])
        while let reply = try requester.receive(timeout: .milliseconds(500)) {
            let frames = reply.contentStrings
            guard frames.first == "rack-list" else { continue }
            // [correlation, "LIST", filter, (name, content, devices)...]
            var index = 3
            while index + 2 < frames.count {
                if frames[index] == file { return frames[index + 2] }
                index += 3
            }
            return nil
        }
        return nil
    }

    @Test func listNamesARackForItsPhaseRuleOnceTheEngineHasItsThreePhases() throws {
        let rules = scratchDirectory()
        let templates = try Self.templatesDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: rules)
            try? FileManager.default.removeItem(atPath: templates)
        }
        let endpoint = uniqueEndpoint("e2e-rack-list")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rules, "--templates-dir", templates],
            environment: EngineEndToEndTests.quiet)
        let assets = try connectedClient(endpoint, "asset-agent")
        let requester = try connectedClient(endpoint, "requester")
        let metrics = try connectedClient(endpoint, "metrics")
        defer {
            for client in [assets, requester, metrics] { client.close() }
            agent.send(SIGTERM)
            _ = agent.waitForExit(timeout: .seconds(5))
        }
        try assets.setProducer(stream: "ASSETS")
        try metrics.setProducer(stream: "METRICS")
        let rack = FtyAsset(
            aux: ["type": "rack", "status": "active", "priority": "P1"], name: "rack-9", operation: "create",
            ext: ["name": "Rack 9"])
        try assets.send(subject: "rack@rack-9", content: [try FtyProtoCodec.encode(rack)])
        let template = "phase_imbalance@__rack__.rule"
        // engine.md §9.4 step 3: a rack's phase rule needs realpower.output.L1–L3 of the rack.
        #expect(try eventually(timeout: .seconds(10)) { try Self.listedDevices(template, requester) == "" })
        for phase in 1...3 {
            let metric = FtyMetric(
                time: UInt64(Date().timeIntervalSince1970), ttl: 300, type: "realpower.output.L\(phase)",
                name: "rack-9", value: "1000", unit: "W")
            try metrics.send(subject: "realpower.output.L\(phase)@rack-9", content: [try FtyProtoCodec.encode(metric)])
        }
        #expect(try eventually(timeout: .seconds(10)) { try Self.listedDevices(template, requester) == "rack-9" })
    }
}
