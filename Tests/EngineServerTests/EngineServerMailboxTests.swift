import AlertEngine
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The `rfc-evaluator-rules` mailbox over the real bus (engine.md §9).
@Suite struct EngineServerMailboxTests {
    @Test func listFiltersByTypeAndClass() throws {
        let bus = try ServerHarness()
        for file in ["simplethreshold.rule", "complexthreshold.rule", "single.rule", "pattern.rule"] {
            try bus.add(try ReferenceRule.text(file))
        }
        func names(_ frames: String...) throws -> Set<String>? {
            guard let reply = try bus.request(frames)?.contentStrings, reply.count >= 3 else { return nil }
            #expect(Array(reply.prefix(3)) == ["LIST", frames[1], frames.count > 2 ? frames[2] : ""])
            return Set(reply.dropFirst(3).map { $0.contains("\"simplethreshold\"") ? "simple" :
                $0.contains("\"complexthreshold\"") ? "complex" : $0.contains("\"single\"") ? "single" :
                $0.contains("\"warranty2\"") ? "pattern" : "?" })
        }
        #expect(try names("LIST", "all") == ["simple", "complex", "single", "pattern"])
        #expect(try names("LIST", "threshold") == ["simple", "complex"])
        #expect(try names("LIST", "single") == ["single"])
        #expect(try names("LIST", "pattern") == ["pattern"])
        #expect(try names("LIST", "all", "example class") == ["simple", "complex"])
        #expect(try names("LIST", "all", "") == ["simple", "complex", "single", "pattern"])
        #expect(try names("LIST", "single", "example class") == [])
        #expect(try bus.reply("LIST", "flexible") == ["ERROR", "INVALID_TYPE"])
    }

    @Test func addGetAndTheirRefusals() throws {
        let bus = try ServerHarness()
        let rule = try ReferenceRule.text("simplethreshold.rule")
        #expect(try bus.reply("GET", "simplethreshold") == ["ERROR", "NOT_FOUND"])
        #expect(try bus.reply("ADD", rule) == ["OK", rule])  // §9.5: the request frame echoed
        #expect(FileManager.default.fileExists(atPath: bus.path("simplethreshold.rule")))  // D6: OK = on disk
        let got = try #require(try bus.reply("GET", "simplethreshold"))
        #expect(got.count == 2 && got[0] == "OK" && got[1].contains("\"abc@fff\""))
        #expect(try bus.reply("ADD", rule) == ["ERROR", "ALREADY_EXISTS"])
        #expect(try bus.reply("ADD", "{ nope") == ["ERROR", "BAD_JSON"])
        #expect(try bus.reply("ADD", try ReferenceRule.text("complexthreshold_lua_error.rule")) == ["ERROR", "BAD_LUA"])
        #expect(
            try bus.reply("ADD", simpleRule("temperature.default@sensor-1", target: "t@s", element: "s"))
                == ["ERROR", "Rule can't be directly instantiated."])
        // §9.4 step 3: no asset info and no L1/L2/L3 metrics in shm → not a 3-phase UPS.
        #expect(
            try bus.reply("ADD", simpleRule("voltage.input_3phase@ups-1", target: "v@ups-1", element: "ups-1"))
                == ["ERROR", "Xphase rule can't be instantiated."])
        #expect(try bus.fileNames() == ["simplethreshold.rule"])
    }

    @Test func trackerIsEchoedAndTheReplyGoesToTheSenderWithTheSubject() throws {
        let bus = try ServerHarness()
        try bus.requester.sendTo(
            address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject, content: ["GET", "x"],
            tracker: "my-tracker-42")
        let reply = try #require(try bus.requester.receive(timeout: .seconds(5)))
        #expect(reply.kind == .mailbox)
        #expect(reply.senderString == EngineNames.mailboxClient)
        #expect(reply.subjectString == EngineNames.rulesSubject)
        #expect(reply.trackerString == "my-tracker-42")
        #expect(reply.contentStrings == ["ERROR", "NOT_FOUND"])
    }

    @Test func otherSubjectsUnknownCommandsAndMissingFramesGetNoReply() throws {
        let bus = try ServerHarness()
        try bus.send(["GET", "x"], subject: "something-else")
        try bus.send(["FROBNICATE", "x"])
        try bus.send(["GET"])
        // §9.1: none of the three is answered, so the first reply is the GET's.
        let tracker = try bus.send(["GET", "x"])
        let reply = try #require(try bus.requester.receive(timeout: .seconds(5)))
        #expect(reply.trackerString == tracker)
        #expect(reply.contentStrings == ["ERROR", "NOT_FOUND"])
    }

    @Test func updateWithAnOldNameRenamesTheFileAndResolvesTheOldAlerts() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("old", target: "t@a", element: "a"))
        try bus.publish("t@a", "70")
        #expect(try bus.nextAlert()?.subject == "old/CRITICAL@a")
        let renamed = simpleRule("new", target: "t@a", element: "a")
        #expect(try bus.reply("ADD", renamed, "old") == ["OK", renamed])
        let resolved = try #require(try bus.nextAlert())
        #expect(resolved.subject == "old/CRITICAL@a")
        #expect(resolved.alert.state == "RESOLVED" && resolved.alert.description == "hot" && resolved.alert.ttl == 0)
        #expect(try bus.fileNames() == ["new.rule"])  // Q1: renamed correctly
        #expect(try bus.reply("GET", "old") == ["ERROR", "NOT_FOUND"])
        #expect(try bus.reply("GET", "new")?.first == "OK")
        #expect(try bus.reply("ADD", renamed, "old") == ["ERROR", "NOT_FOUND"])
        try bus.add(simpleRule("other", target: "t@b", element: "b"))
        #expect(try bus.reply("ADD", simpleRule("other", target: "t@b", element: "b"), "new") == ["ERROR", "ALREADY_EXISTS"])
    }

    @Test func touchResolvesWithChangedImplicitlyAndClearsTheCache() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("r", target: "t@a", element: "a"))
        #expect(try bus.reply("TOUCH", "r") == ["OK"])  // no cached alert: nothing published
        try bus.publish("t@a", "55")
        #expect(try bus.nextAlert()?.subject == "r/WARNING@a")
        #expect(try bus.reply("TOUCH", "r") == ["OK"])
        let touched = try #require(try bus.nextAlert())
        #expect(touched.subject == "r/WARNING@a")
        #expect(touched.alert.state == "RESOLVED")
        #expect(touched.alert.description == "Rule was changed implicitly")
        #expect(try bus.reply("TOUCH", "missing") == ["ERROR", "NOT_FOUND"])
        // The cache was cleared: the same breach publishes ACTIVE again at once.
        try bus.publish("t@a", "55")
        #expect(try bus.nextAlert()?.alert.state == "ACTIVE")
    }

    @Test func deleteAndDeleteElementRemoveFilesAndResolveAlerts() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("r1", target: "t@a", element: "a"))
        try bus.add(simpleRule("r2", target: "u@a", element: "a"))
        try bus.add(simpleRule("r3", target: "t@b", element: "b"))
        try bus.publish("t@b", "61")
        #expect(try bus.nextAlert()?.subject == "r3/CRITICAL@b")
        #expect(try bus.reply("DELETE", "r3") == ["OK", "r3"])
        let deleted = try #require(try bus.nextAlert())
        #expect(deleted.alert.state == "RESOLVED" && deleted.alert.description == "Rule deleted")
        #expect(try bus.reply("DELETE", "r3") == ["ERROR", "NO_MATCH"])
        let reply = try #require(try bus.reply("DELETE_ELEMENT", "a"))
        #expect(reply.first == "OK" && Set(reply.dropFirst()) == ["r1", "r2"])
        #expect(try bus.reply("DELETE_ELEMENT", "a") == ["ERROR", "NO_MATCH"])
        #expect(try bus.fileNames().isEmpty)
    }

    /// §9.1: TOUCH replies before publishing, DELETE publishes before replying. Both go out on the
    /// mailbox client, so a requester that also consumes `_ALERTS_SYS` sees that order.
    @Test func touchRepliesFirstAndDeletePublishesFirst() throws {
        let bus = try ServerHarness()
        let observer = MalamuteClient(configuration: ClientConfiguration(endpoint: bus.endpoint, name: "observer"))
        try observer.connect()
        defer { observer.close() }
        try observer.setConsumer(stream: FtyStreams.alertsSys, pattern: "^r/")
        try bus.add(simpleRule("r", target: "t@a", element: "a"))
        func raise() throws {
            try bus.publish("t@a", "70")
            #expect(try observer.receive(timeout: .seconds(5))?.kind == .stream)
        }
        func order(_ command: String) throws -> [MalamuteDelivery.Kind] {
            try observer.sendTo(address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject, content: [command, "r"])
            return try (0..<2).compactMap { _ in try observer.receive(timeout: .seconds(5))?.kind }
        }
        try raise()
        #expect(try order("TOUCH") == [.mailbox, .stream])
        try raise()
        #expect(try order("DELETE") == [.stream, .mailbox])
    }
}
