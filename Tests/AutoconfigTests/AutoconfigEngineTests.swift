import AlertEngine
import Autoconfig
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Autoconfig with the real engine server behind `fty-alert-engine`: generated rules are
/// stored, bad templates are refused and logged, the engine's Xphase check reads the shared
/// asset view (engine.md §1, §9.4 step 3, §11.5, Q17).
@Suite struct AutoconfigEngineTests {
    typealias Index = TemplateIndex

    /// The broken template: a missing comma after the rule name.
    static let brokenTemplate = #"{ "threshold" : { "rule_name" : "broken@__name__" "target" : "x@__name__" } }"#

    final class Setup {
        let harness: AutoconfigHarness
        let engine: EngineServer
        let engineLog = CapturedLog()

        init(extraTemplates: [String: String] = [:]) throws {
            harness = try AutoconfigHarness(extraTemplates: extraTemplates)
            engine = EngineServer(
                configuration: EngineConfiguration(
                    endpoint: harness.endpoint, rulesDirectory: harness.rulesDirectory, clientTimeout: .seconds(2),
                    assetInfo: harness.assetView.info(for:)),
                logger: engineLog.logger)
            try engine.start()
        }

        deinit { engine.stop() }

        /// GET `name` from the engine: the stored JSON, nil when NOT_FOUND.
        func get(_ name: String) throws -> String? {
            try harness.requester.sendTo(
                address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject, content: ["GET", name],
                tracker: "get")
            guard let reply = try harness.requester.receive(timeout: .seconds(5)) else { return nil }
            return reply.contentStrings.first == "OK" ? reply.contentStrings.last : nil
        }
    }

    @Test func aBrokenTemplateIsRefusedWithBadJSONAndLogged() throws {
        let setup = try Setup(extraTemplates: ["broken@__device_ups__.rule": Self.brokenTemplate])
        try setup.harness.publish(Index.asset("ups-7", type: "device", subtype: "ups", ext: ["phases.input": "1"]))
        #expect(eventually { setup.harness.log.contains("fty-alert-engine refused broken@__device_ups__.rule for ups-7: BAD_JSON", atLeast: .warning) })
        // The other templates of the asset went through.
        #expect(eventually { (try? setup.get("onbattery@ups-7")) != nil })
        #expect(try setup.get("broken@ups-7") == nil)
    }

    @Test func aDisplayNameWithQuotesAndBackslashesYieldsAValidRule() throws {
        let setup = try Setup()
        let display = #"UPS "north" \ room"#
        try setup.harness.publish(Index.asset("ups-8", type: "device", subtype: "ups", ext: ["name": display]))
        var stored: String?
        #expect(eventually { stored = try? setup.get("onbattery@ups-8"); return stored != nil })
        let rule = try RuleParser.parse(try #require(stored))
        let description = try #require(rule.outcomes.first?.description)
        // One level of escaping: the rule is valid JSON and its description holds the name as is
        // (the description is itself JSON text, which a quote in a name still breaks, as upstream).
        #expect(description.contains(#""value" : "UPS "north" \ room""#))
        #expect(!setup.harness.log.contains("BAD_JSON"))
    }

    @Test func theEngineXphaseCheckReadsTheAssetView() throws {
        let setup = try Setup()
        try setup.harness.publish(
            Index.asset("ups-9", type: "device", subtype: "ups", ext: ["phases.input": "3", "phases.output": "1"]))
        #expect(eventually { (try? setup.get("runtime.battery@ups-9")) != nil })
        #expect(eventually { setup.harness.log.contains("refused voltage.input_1phase@__device_ups__.rule for ups-9: Xphase rule can't be instantiated.") })
        #expect(try setup.get("voltage.input_3phase@ups-9") != nil)
        #expect(try setup.get("voltage.input_1phase@ups-9") == nil)
        #expect(try setup.get("phase_imbalance@ups-9") == nil)
        // Sensors are always refused (§9.4 step 2); the refusal is logged, not retried.
        try setup.harness.publish(Index.asset("sensor-9", type: "device", subtype: "sensor"))
        #expect(eventually { setup.harness.log.contains("refused temperature.default@__device_sensor__.rule for sensor-9: Rule can't be directly instantiated.") })
    }

    @Test func deleteRemovesTheGeneratedRulesFromTheEngine() throws {
        let setup = try Setup()
        try setup.harness.publish(Index.asset("row-4", type: "row"))
        #expect(eventually { (try? setup.get("average.humidity@row-4")) != nil })
        try setup.harness.publish(Index.asset("row-4", type: "row", operation: "delete"))
        #expect(eventually { setup.harness.log.contains("fty-alert-engine deleted average.") })
        #expect(try setup.get("average.humidity@row-4") == nil)
        #expect(try setup.get("average.temperature@row-4") == nil)
    }
}
