import AlertEngine
import Foundation
import FtyProto
import MalamuteBroker
import MalamuteClient
import TestSupport
import Testing

/// Start-up, the rules directory while running, and stopping (engine.md §10, decisions.md D6).
@Suite struct EngineServerStartupTests {
    @Test func loadsTheOriginalWarrantyRuleAtStartUp() throws {
        let bus = try ServerHarness(files: ["warranty.rule": try ReferenceRule.text("warranty.rule")])
        #expect(try bus.reply("GET", "warranty")?.first == "OK")
        try bus.publish("end_warranty_date@epdu-3", "-2")
        let alert = try #require(try bus.nextAlert())
        #expect(alert.subject == "warranty/CRITICAL@epdu-3" && alert.alert.rule == "warranty@epdu-3")
    }

    @Test func invalidFilesAreSkippedAndLeftUntouched() throws {
        let invalid = [
            "broken.rule": "{ not json",
            "lua.rule": try ReferenceRule.text("complexthreshold_lua_error.rule"),
            "other-name.rule": try ReferenceRule.text("simplethreshold.rule"),
        ]
        var files = invalid
        files["SIMPLETHRESHOLD2.rule"] = try ReferenceRule.text("simplethreshold2.rule")
        files["single.rule"] = try ReferenceRule.text("single.rule")
        files["notes.txt"] = "not a rule"
        let bus = try ServerHarness(files: files)
        #expect(try bus.reply("GET", "simplethreshold2")?.first == "OK")
        #expect(try bus.reply("GET", "single")?.first == "OK")
        #expect(try bus.reply("GET", "simplethreshold") == ["ERROR", "NOT_FOUND"])
        #expect(try bus.fileNames() == Set(files.keys))
        for (name, text) in invalid {
            #expect(try String(contentsOfFile: bus.path(name), encoding: .utf8) == text)
        }
    }

    @Test func ruleFileDroppedWhileRunningIsPickedUp() throws {
        let bus = try ServerHarness()
        // Written elsewhere and moved in, as an operator or a package manager would.
        let stagingDirectory = ServerHarness.scratchDirectory("staging")
        defer { try? FileManager.default.removeItem(atPath: stagingDirectory) }
        let staging = stagingDirectory + "/dropped.rule"
        try Data(simpleRule("dropped", target: "t@d", element: "d").utf8).write(to: URL(fileURLWithPath: staging))
        try FileManager.default.moveItem(atPath: staging, toPath: bus.path("dropped.rule"))
        #expect(try eventually { try bus.reply("GET", "dropped")?.first == "OK" })
        try bus.publish("t@d", "51")
        #expect(try bus.nextAlert()?.subject == "dropped/WARNING@d")
        try FileManager.default.removeItem(atPath: bus.path("dropped.rule"))
        #expect(try eventually { try bus.reply("GET", "dropped") == ["ERROR", "NOT_FOUND"] })
    }

    @Test func anUnreachableBrokerFailsStartNamingTheEndpoint() throws {
        let endpoint = uniqueEndpoint("nobody")
        let directory = ServerHarness.scratchDirectory("unreachable")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = EngineServer(
            configuration: EngineConfiguration(
                endpoint: endpoint, rulesDirectory: directory, clientTimeout: .milliseconds(200)),
            logger: ServerHarness.quietLogger)
        #expect {
            try server.start()
        } throws: { error in
            guard case .broker(let at, let client, _) = error as? EngineServerError else { return false }
            return at == endpoint && client == EngineNames.mailboxClient && "\(error)".contains(endpoint)
        }
        server.stop()
    }

    @Test func anUnusableRulesDirectoryFailsStartNamingThePath() throws {
        let fileDirectory = ServerHarness.scratchDirectory("file")
        defer { try? FileManager.default.removeItem(atPath: fileDirectory) }
        let file = fileDirectory + "/plain"
        try Data().write(to: URL(fileURLWithPath: file))
        let server = EngineServer(
            configuration: EngineConfiguration(endpoint: uniqueEndpoint("unused"), rulesDirectory: file + "/rules"),
            logger: ServerHarness.quietLogger)
        #expect {
            try server.start()
        } throws: { error in
            guard case .rulesDirectory(let path, _) = error as? EngineServerError else { return false }
            return path == file + "/rules"
        }
    }

    @Test func stopIsIdempotentAndClosesTheSessions() throws {
        let bus = try ServerHarness()
        #expect(try bus.reply("LIST", "all") == ["LIST", "all", ""])
        bus.server.stop()
        bus.server.stop()
        #expect(throws: EngineServerError.alreadyStarted) { try bus.server.start() }
        // The mailbox is gone: a request gets no reply.
        try bus.send(["GET", "x"])
        #expect(try bus.requester.receive(timeout: .milliseconds(300)) == nil)
    }
}
