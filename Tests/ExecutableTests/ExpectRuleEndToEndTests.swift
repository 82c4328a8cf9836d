import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The `expect` rule kind through the real executable (issue 12 item 1): with
/// `FTY_ALERT_ENGINE_EXPECT_RULES=1` an expect rule ADDed over the mailbox climbs the ladder when
/// its topic stops and resolves when it comes back, and an ASSET announced on ASSETS gets its
/// expectation from `templates/expect/`; without the option the mailbox answers as the original
/// and autoconfig makes no expectation.
@Suite struct ExpectRuleEndToEndTests {
    static let rule = #"{"expect": {"rule_name": "ups-x-reports", "target": "load@ups-x", "every": "200ms"}}"#
    static let enabled = ["FTY_ALERT_ENGINE_EXPECT_RULES": "1", "FTY_ALERT_ENGINE_ABSENCE_LADDER": "1,1,1"]

    /// The reply to `frames` on `rfc-evaluator-rules`.
    static func ask(_ frames: [String], _ agent: HTTPAgent) throws -> [String]? {
        let requester = try connectedClient(agent.endpoint, "requester-\(UUID().uuidString.prefix(6))")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: frames)
        return try requester.receive(timeout: .seconds(5))?.contentStrings
    }

    @Test func anExpectRuleOverTheMailboxClimbsTheLadderAndResolves() throws {
        let agent = try HTTPAgent.start("expect-kind", environment: Self.enabled)
        defer { agent.stop() }
        let watcher = try connectedClient(agent.endpoint, "expect-watcher")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: "absence@.*")
        #expect(try Self.ask(["ADD", Self.rule], agent) == ["OK", Self.rule])
        let listed = try #require(try Self.ask(["LIST", "expect"], agent))
        #expect(listed.first != "ERROR" && listed.contains { $0.contains("ups-x-reports") }, "\(listed)")
        #expect(try Self.ask(["LIST", "threshold"], agent)?.contains { $0.contains("ups-x-reports") } == false)

        // Expected from the start: no metric yet, and the settle period of one period passes
        // before the ladder counts; a metric now and then keeps it quiet.
        for _ in 0..<4 {
            try HistoryEndToEndTests.publishLoad("10", asset: "ups-x", on: agent)
            #expect(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .milliseconds(100)) == nil)
        }
        let warning = try #require(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(warning.0.rule == "absence@load@ups-x")
        #expect(warning.0.name == "ups-x")
        #expect(warning.0.state == "ACTIVE" && warning.0.severity == "WARNING")
        let critical = try #require(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(critical.0.state == "ACTIVE" && critical.0.severity == "CRITICAL")
        try HistoryEndToEndTests.publishLoad("10", asset: "ups-x", on: agent)
        let resolved = try #require(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .seconds(10)))
        #expect(resolved.0.rule == "absence@load@ups-x" && resolved.0.state == "RESOLVED")

        // DELETE ends the expectation: silence stays silent.
        #expect(try Self.ask(["DELETE", "ups-x-reports"], agent)?.first == "OK")
        #expect(try AbsenceEndToEndTests.nextAbsence(watcher, timeout: .milliseconds(1200)) == nil)
    }

    @Test func withoutTheOptionTheMailboxAnswersAsTheOriginal() throws {
        let agent = try HTTPAgent.start("expect-off")
        defer { agent.stop() }
        #expect(try Self.ask(["ADD", Self.rule], agent) == ["ERROR", "BAD_JSON"])
        #expect(try Self.ask(["LIST", "expect"], agent) == ["ERROR", "INVALID_TYPE"])
    }

    /// The shipped `templates/expect/` beside the reference templates, in a scratch directory.
    static func templatesWithExpectations() throws -> String {
        let directory = try AutoconfigEndToEndTests.templatesDirectory()
        let shipped = Fixtures.packageRoot.appendingPathComponent("templates/expect").path
        try FileManager.default.copyItem(atPath: shipped, toPath: directory + "/expect")
        return directory
    }

    /// Starts an agent with autoconfig on `templates`, announces `ups-88` on ASSETS and waits
    /// for its generated `onbattery@ups-88`; returns whether the engine then holds the
    /// expectation rule of the template.
    static func announceUPS(environment: [String: String]) throws -> Bool {
        let rules = scratchDirectory()
        let templates = try Self.templatesWithExpectations()
        defer {
            try? FileManager.default.removeItem(atPath: rules)
            try? FileManager.default.removeItem(atPath: templates)
        }
        let endpoint = uniqueEndpoint("e2e-expect-autoconfig")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rules, "--templates-dir", templates],
            environment: EngineEndToEndTests.quiet.merging(environment) { $1 })
        defer {
            agent.send(SIGTERM)
            _ = agent.waitForExit(timeout: .seconds(5))
        }
        let assets = try connectedClient(endpoint, "asset-agent")
        defer { assets.close() }
        try assets.setProducer(stream: "ASSETS")
        let requester = try connectedClient(endpoint, "requester")
        defer { requester.close() }
        #expect(try AutoconfigEndToEndTests.awaitAutoconfig(requester))
        try AutoconfigEndToEndTests.announceUPS("ups-88", displayName: "UPS 88", from: assets)
        // engine.md §11.4: generation ≈5 s after the last asset message, all rules at once.
        #expect(try eventually(timeout: .seconds(15)) { try AutoconfigEndToEndTests.engineHolds("onbattery@ups-88", requester) })
        let held = try AutoconfigEndToEndTests.engineHolds("status.ups-expected@ups-88", requester)
        for client in [assets, requester] { client.close() }
        return held
    }

    @Test func anAnnouncedUPSIsExpectedToReportItsStatusWithTheOption() throws {
        #expect(try Self.announceUPS(environment: ["FTY_ALERT_ENGINE_EXPECT_RULES": "1"]))
    }

    @Test func withoutTheOptionAutoconfigMakesNoExpectation() throws {
        #expect(try !Self.announceUPS(environment: [:]))
    }
}
