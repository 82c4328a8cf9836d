import AlertEngine
import Autoconfig
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The autoconfig server over a real bus, with stub peers for `fty-alert-engine` and
/// `fty-alert-flexible` (engine.md §11).
@Suite struct AutoconfigServerTests {
    typealias Index = TemplateIndex

    /// Asset name used for an index entry.
    static func assetName(_ entry: TemplateIndex.Entry) -> String {
        entry.subtype.isEmpty ? "\(entry.type)-1" : "\(entry.subtype)-1"
    }

    static func multiset(_ names: [String]) -> [String: Int] {
        names.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test func createAndUpdateOfEveryTypeSendExactlyTheIndexRulesToTheRightPeer() throws {
        let harness = try AutoconfigHarness()
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        let flexible = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.flexible)
        for entry in Index.entries {
            let name = Self.assetName(entry)
            // fty-asset announces a create, then an update with the same content.
            try harness.publish(Index.asset(name, type: entry.type, subtype: entry.subtype, ext: ["name": "Unit 1"]))
            try harness.publish(
                Index.asset(name, type: entry.type, subtype: entry.subtype, operation: "update", ext: ["name": "Unit 1"]))
        }
        var expected: [RuleDestination: [String]] = [:]
        for entry in Index.entries {
            expected[entry.destination, default: []] += entry.rules.map { "\($0)@\(Self.assetName(entry))" }
        }
        let engineCount = expected[.engine]!.count, flexibleCount = expected[.flexible]!.count
        #expect(eventually { engine.addedRuleNames.count >= engineCount && flexible.addedRuleNames.count >= flexibleCount })

        // An identical update changes nothing; a new row is the sentinel that a pass ran after it.
        try harness.publish(Index.asset("ups-1", type: "device", subtype: "ups", operation: "update", ext: ["name": "Unit 1"]))
        try harness.publish(Index.asset("row-sentinel", type: "row"))
        #expect(eventually { engine.addedRuleNames.contains("average.temperature@row-sentinel") })
        #expect(eventually { harness.log.contains("OK for rule (average.temperature@__row__.rule for row-sentinel)") })

        let sentinel = ["average.humidity@row-sentinel", "average.temperature@row-sentinel"]
        #expect(Self.multiset(engine.addedRuleNames) == Self.multiset(expected[.engine]! + sentinel))
        #expect(Self.multiset(flexible.addedRuleNames) == Self.multiset(expected[.flexible]!))
        #expect(engine.received.allSatisfy { $0.subject == "rfc-evaluator-rules" && $0.frames.count == 2 })
        // The placeholders are filled.
        let onbattery = try #require(engine.received.first { $0.frames.last?.contains(#""onbattery@ups-1""#) == true })
        #expect(onbattery.frames[1].contains(#""target"        :   ["status.ups@ups-1"]"#))
        #expect(onbattery.frames[1].contains(#"\"value\" : \"Unit 1\""#))
        #expect(!onbattery.frames[1].contains("__"))
        #expect(harness.assetView.info(for: "ups-1") == ["name": "Unit 1"])

        // Every rule's targets are filled for its asset: the engine's parse them as rules, the
        // flexible ones name the asset in `assets`.
        for request in engine.received where request.command == "ADD" {
            let rule = try RuleParser.parse(request.frames[1])
            let asset = String(rule.name.split(separator: "@", maxSplits: 1).last ?? "")
            #expect(!rule.targets.isEmpty && rule.element == asset, "\(rule.name)")
            #expect(rule.targets.allSatisfy { $0.hasSuffix("@" + asset) && !$0.contains("__") }, "\(rule.targets)")
        }
        for request in flexible.received where request.command == "ADD" {
            let body = try JSONParser.parse(request.frames[1])[member: "flexible"]
            let name = body?[member: "name"]?.text ?? ""
            let asset = String(name.split(separator: "@", maxSplits: 1).last ?? "")
            #expect(body?[member: "assets"]?.elements?.map(\.text) == [asset], "\(name)")
            #expect(!request.frames[1].contains("__name__"))
        }
    }

    @Test func deleteSendsDeleteElementExceptForGPIOSensors() throws {
        let harness = try AutoconfigHarness()
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        try harness.publish(Index.asset("ups-5", type: "device", subtype: "ups"))
        try harness.publish(Index.asset("gpio-5", type: "device", subtype: "sensorgpio"))
        #expect(eventually { engine.addedRuleNames.count == 12 })
        try harness.publish(Index.asset("gpio-5", type: "device", subtype: "sensorgpio", operation: "delete"))
        try harness.publish(Index.asset("ups-5", type: "device", subtype: "ups", operation: "delete"))
        #expect(eventually { engine.received.contains { $0.command == "DELETE_ELEMENT" } })
        let deletes = engine.received.filter { $0.command == "DELETE_ELEMENT" }
        #expect(deletes.map(\.frames) == [["DELETE_ELEMENT", "ups-5"]])
        #expect(deletes.first?.subject == "rfc-evaluator-rules")
        #expect(harness.assetView.info(for: "ups-5") == nil)
        #expect(eventually { harness.log.contains("fty-alert-engine deleted") })
    }

    @Test func anAssetWithoutAuxTypeIsLoggedAndIgnored() throws {
        let harness = try AutoconfigHarness()
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        try harness.publish(FtyAsset(aux: ["status": "active"], name: "mystery-1", operation: "create", ext: ["name": "?"]))
        try harness.publish(FtyAsset(aux: [:], name: "mystery-1", operation: "delete"))
        try harness.publish(Index.asset("row-2", type: "row"))
        #expect(eventually { engine.addedRuleNames.count == 2 })
        #expect(harness.log.contains("asset mystery-1 (create) has no aux type; ignored", atLeast: .info))
        #expect(harness.log.contains("asset mystery-1 (delete) has no aux type; ignored", atLeast: .info))
        #expect(engine.received.allSatisfy { $0.command == "ADD" && !$0.frames[1].contains("mystery") })
    }

    @Test func listAllFilteredAndDeviceLists() throws {
        let harness = try AutoconfigHarness()
        try harness.publish(
            Index.asset("ups-1", type: "device", subtype: "ups", ext: ["phases.input": "3", "phases.output": "3"]))
        try harness.publish(Index.asset("ups-2", type: "device", subtype: "ups", ext: ["phases.input": "1"]))
        try harness.publish(Index.asset("epdu-1", type: "device", subtype: "epdu", ext: ["phases.input": "1"]))
        // The server has taken the three assets once its LIST shows them.
        var reply: MalamuteDelivery?
        #expect(
            try eventually {
                reply = try harness.list(["LIST", "uuid-all"])
                return reply?.contentStrings.contains("epdu-1") == true
            })
        let all = try #require(reply)
        #expect(all.subjectString == "rfc-evaluator-rules")
        #expect(all.contentStrings.prefix(3) == ["uuid-all", "LIST", "all"])
        #expect(all.content.count == 3 + 3 * ReferenceTemplates.all.count)
        var devices: [String: String] = [:]
        var index = 3
        while index + 2 < all.content.count {
            devices[all.contentStrings[index]] = all.contentStrings[index + 2]
            #expect(all.content[index + 1] == ReferenceTemplates.named(all.contentStrings[index]).contents)
            index += 3
        }
        #expect(devices["onbattery@__device_ups__.rule"] == "ups-1,ups-2")
        #expect(devices["voltage.input_3phase@__device_ups__.rule"] == "ups-1")
        #expect(devices["voltage.input_1phase@__device_ups__.rule"] == "ups-2")
        #expect(devices["phase_imbalance@__device_ups__.rule"] == "ups-1")
        #expect(devices["load.input_1phase@__device_epdu__.rule"] == "epdu-1")
        #expect(devices["load.input_3phase@__device_epdu__.rule"] == "")
        #expect(devices["average.humidity@__rack__.rule"] == "")

        let filtered = try #require(try harness.list(["LIST", "uuid-f", "UPS is running on battery"]))
        #expect(
            filtered.contentStrings.map { $0.hasPrefix("{") ? "<content>" : $0 } == [
                "uuid-f", "LIST", "UPS is running on battery", "onbattery@__device_ups__.rule", "<content>",
                "ups-1,ups-2",
            ])
    }

    @Test func requestsThatAreNotListGetNoReply() throws {
        let harness = try AutoconfigHarness()
        try harness.send(["LIST"])  // no correlation id: the original crashes
        try harness.send(["GET", "x"])
        try harness.send([])
        let reply = try #require(try harness.list(["LIST", "after", "no such text"]))
        #expect(reply.contentStrings == ["after", "LIST", "no such text"])
        #expect(harness.log.contains("not a LIST request (missingCorrelationID)"))
        #expect(harness.log.contains("not a LIST request (notList(command: Optional(\"GET\")))"))
    }

    @Test func aRestartReadsTheStateBackAndResendsNothing() throws {
        let harness = try AutoconfigHarness()
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        try harness.publish(Index.asset("rack-3", type: "rack", ext: ["name": "Rack 3"]))
        try harness.publish(Index.asset("ups-3", type: "device", subtype: "ups", ext: ["phases.input": "1"]))
        #expect(eventually { engine.addedRuleNames.count == 16 })
        harness.stopServer()
        #expect(FileManager.default.fileExists(atPath: harness.rulesDirectory + "/state"))

        try harness.start()
        #expect(harness.log.contains("read 2 assets back from"))
        #expect(harness.assetView.info(for: "ups-3") == ["phases.input": "1"])
        // A sentinel asset: by the time its rules come, the initial pass has long run.
        try harness.publish(
            Index.asset("sensor-3", type: "device", subtype: "sensorgpio", ext: ["logical_asset": "rack-3", "model": "DCS001"]))
        let flexible = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.flexible)
        #expect(eventually { flexible.addedRuleNames == ["door-contact.state-change@sensor-3"] })
        #expect(engine.addedRuleNames.count == 16)
        // The container's display name came back too.
        #expect(flexible.received.first?.frames[1].contains(#"\"value\" : \"Rack 3\""#) == true)
        let reply = try #require(try harness.list(["LIST", "id", "UPS is running on battery"]))
        #expect(reply.contentStrings.last == "ups-3")
    }

    @Test func aCorruptStateFileIsLoggedKeptAsideAndTheServerStartsEmpty() throws {
        let rules = AutoconfigHarness.scratchDirectory("rules")
        try Data("{ not a state".utf8).write(to: URL(fileURLWithPath: rules + "/state"))
        let harness = try AutoconfigHarness(rulesDirectory: rules)
        #expect(harness.log.contains("autoconfig state file \(rules)/state: not a valid state file", atLeast: .error))
        #expect(harness.log.contains("unusable state file kept as \(rules)/state.corrupt", atLeast: .error))
        #expect(FileManager.default.contents(atPath: rules + "/state.corrupt") == Data("{ not a state".utf8))
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        try harness.publish(Index.asset("row-1", type: "row"))
        #expect(eventually { engine.addedRuleNames.count == 2 })
        // The new state is written once the bus is quiet.
        #expect(eventually { (try? StateFile(directory: rules).read())?.devices["row-1"]?.configured == true })
    }

    @Test func unreadableTemplatesDirectoryIsLoggedAndRetried() throws {
        let harness = try AutoconfigHarness(startServer: false)
        var configuration = harness.configuration
        configuration.templatesDirectory = harness.rulesDirectory + "/missing"
        let server = AutoconfigServer(configuration: configuration, logger: harness.log.logger)
        try server.start()
        defer { server.stop() }
        try harness.publish(Index.asset("row-1", type: "row"))
        #expect(eventually { harness.log.contains("cannot list templates directory") })
        // Nothing was marked configured: the asset waits for a directory.
        let engine = try StubPeer(endpoint: harness.endpoint, name: AutoconfigNames.engine)
        try FileManager.default.createDirectory(atPath: configuration.templatesDirectory, withIntermediateDirectories: true)
        let row = ReferenceTemplates.named("average.humidity@__row__.rule")
        try Data(row.contents).write(to: URL(fileURLWithPath: configuration.templatesDirectory + "/" + row.fileName))
        #expect(eventually { engine.addedRuleNames == ["average.humidity@row-1"] })
    }

    @Test func startFailsWhenNoBrokerAnswers() {
        let rules = AutoconfigHarness.scratchDirectory("rules")
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let server = AutoconfigServer(
            configuration: AutoconfigConfiguration(
                endpoint: uniqueEndpoint("nobody"), rulesDirectory: rules,
                templatesDirectory: ReferenceTemplates.directory, clientTimeout: .milliseconds(200)))
        #expect(throws: AutoconfigServerError.self) { try server.start() }
        #expect(throws: AutoconfigServerError.alreadyStarted) { try server.start() }
    }
}
