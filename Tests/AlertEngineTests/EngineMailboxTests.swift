import Foundation
import Testing

@testable import AlertEngine

/// The `rfc-evaluator-rules` mailbox of the engine core (engine.md §9), on a scratch rules dir.
@Suite struct EngineMailboxTests {
    static let diskFailure = ["ERROR", "Internal error - operating with storage/disk failed."]

    static func simple(
        _ name: String, target: String = "abc@fff", element: String = "fff", ruleClass: String = ""
    ) -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "\(target)", "element": "\(element)",
          "rule_class": "\(ruleClass)",
          "values": [{"low_critical": "30"}, {"high_critical": "60"}],
          "results": [{"low_critical": {"action": ["EMAIL"], "description": "low"}},
                      {"high_critical": {"action": [], "description": "high"}}]}}
        """
    }

    static func single(_ name: String, element: String = "aaa", evaluation: String? = nil) -> String {
        let lua = evaluation ?? "function main(a) if a > 10 then return HIGH_WARNING end return OK end"
        return """
            {"single": {"rule_name": "\(name)", "target": ["abc@sss1"], "element": "\(element)",
              "results": [{"high_warning": {"action": ["EMAIL"], "description": "too high"}}],
              "evaluation": "\(lua)"}}
            """
    }

    // MARK: ADD

    @Test func addEchoesTheRequestFrameAndWritesTheStoredForm() throws {
        let engine = try EngineHarness()
        let request = Self.simple("r1") + ",trailing garbage"
        let outcome = engine.request("ADD", request)
        #expect(outcome.reply == [Array("OK".utf8), Array(request.utf8)])
        #expect(outcome.publications.isEmpty)
        let stored = try engine.scratch.read("r1.rule")
        #expect(try RuleParser.parse(stored).name == "r1")
        #expect(stored == engine.core.rule(named: "r1")?.storedJSON)
        #expect(engine.core.ruleNames == ["r1"])
    }

    @Test func addRefusesBadJSONAndBadLua() throws {
        let engine = try EngineHarness()
        #expect(engine.reply("ADD", "{") == ["ERROR", "BAD_JSON"])
        #expect(engine.reply("ADD", #"{"flexible": {}}"#) == ["ERROR", "BAD_JSON"])
        #expect(engine.reply("ADD", Self.single("s", evaluation: "function main(a) return")) == ["ERROR", "BAD_LUA"])
        #expect(engine.reply("ADD", Self.single("s", evaluation: "x = 1")) == ["ERROR", "BAD_LUA"])
        #expect(engine.core.ruleCount == 0)
        #expect(try engine.scratch.entries().isEmpty)
    }

    /// Our choice: an empty pattern target would match every topic.
    @Test func addRefusesAPatternWithAnEmptyTarget() throws {
        let engine = try EngineHarness()
        let pattern = """
            {"pattern": {"rule_name": "p", "target": "", "values": [],
              "results": [{"low_warning": {"action": [], "description": "d"}}],
              "evaluation": "function main(v) return OK end"}}
            """
        #expect(engine.reply("ADD", pattern) == ["ERROR", "BAD_JSON"])
    }

    @Test(arguments: ["humidity.default@sensor-1", "temperature.default@sensor-77"])
    func addRefusesSensorRules(name: String) throws {
        let engine = try EngineHarness()
        #expect(engine.reply("ADD", Self.simple(name)) == ["ERROR", "Rule can't be directly instantiated."])
        #expect(!engine.scratch.exists("\(name).rule"))
    }

    @Test func addChecksXphaseWithAssetInfo() throws {
        let engine = try EngineHarness()
        engine.assets["ups-1"] = ["phases.input": "3", "phases.output": "1"]
        let refused = ["ERROR", "Xphase rule can't be instantiated."]
        #expect(engine.reply("ADD", Self.simple("voltage.input_1phase@ups-1")) == refused)
        #expect(engine.reply("ADD", Self.simple("phase_imbalance@ups-1")) == refused)
        #expect(engine.reply("ADD", Self.simple("voltage.input_3phase@ups-1"))?.first == "OK")
        // Q2: a name without @ is accepted; other prefixes are not checked.
        #expect(engine.reply("ADD", Self.simple("no-at-sign"))?.first == "OK")
        #expect(engine.reply("ADD", Self.simple("voltage.input_1phase@rack-1"))?.first == "OK")
    }

    /// D2: without asset info, metrics from the bus cache or fty-shm count as present.
    @Test func addChecksXphaseWithPresentMetrics() throws {
        let engine = try EngineHarness()
        let refused = ["ERROR", "Xphase rule can't be instantiated."]
        #expect(engine.reply("ADD", Self.simple("voltage.input_1phase@epdu-2")) == refused)
        _ = engine.metric("voltage.input.L1-N@epdu-2", "230")
        #expect(engine.reply("ADD", Self.simple("voltage.input_1phase@epdu-2"))?.first == "OK")
        #expect(engine.reply("ADD", Self.simple("voltage.input_3phase@epdu-2")) == refused)
        engine.shmTopics = ["voltage.input.L2-N@epdu-2", "voltage.input.L3-N@epdu-2"]
        #expect(engine.reply("ADD", Self.simple("voltage.input_3phase@epdu-2"))?.first == "OK")
        // Asset info is not consulted for racks.
        engine.assets["rack-1"] = ["phases.input": "3"]
        #expect(engine.reply("ADD", Self.simple("phase_imbalance@rack-1")) == refused)
        engine.shmTopics = ["realpower.output.L1@rack-1", "realpower.output.L2@rack-1", "realpower.output.L3@rack-1"]
        #expect(engine.reply("ADD", Self.simple("phase_imbalance@rack-1"))?.first == "OK")
    }

    /// Expired cached metrics are not "present".
    @Test func xphaseIgnoresExpiredMetrics() throws {
        let engine = try EngineHarness()
        _ = engine.metric("load.input.L1@epdu-3", "1", ttl: 10)
        engine.time += 11
        let refused = ["ERROR", "Xphase rule can't be instantiated."]
        #expect(engine.reply("ADD", Self.simple("load.input_1phase@epdu-3")) == refused)
    }

    /// Q21: names are exact, so a name differing in case is a second rule.
    @Test func addRefusesAnExactDuplicateOnly() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        #expect(engine.reply("ADD", Self.simple("r1")) == ["ERROR", "ALREADY_EXISTS"])
        #expect(engine.reply("ADD", Self.simple("R1"))?.first == "OK")
        // Canonically equivalent but different bytes: two rules.
        engine.add(Self.simple("caf\u{E9}"))
        #expect(engine.reply("ADD", Self.simple("cafe\u{301}"))?.first == "OK")
        #expect(engine.core.ruleCount == 4)
    }

    @Test func addReportsStorageFailure() throws {
        let engine = try EngineHarness()
        engine.storage.failWrites = true
        #expect(engine.reply("ADD", Self.simple("r1")) == Self.diskFailure)
        #expect(engine.core.ruleCount == 0)
        engine.storage.failWrites = false
        // A name that cannot be a file name cannot be stored either.
        #expect(engine.reply("ADD", Self.simple("a/b")) == Self.diskFailure)
    }

    // MARK: update

    @Test func updateWithRenameMovesTheFile() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("old"))
        let request = Self.simple("new", target: "xyz@fff")
        let outcome = engine.request("ADD", request, "old", "ignored")
        #expect(outcome.reply == [Array("OK".utf8), Array(request.utf8)])
        #expect(!outcome.publishesBeforeReply)
        #expect(try engine.scratch.entries() == ["new.rule"])
        #expect(engine.core.ruleNames == ["new"])
        // The index follows: the old target no longer evaluates, the new one does.
        #expect(engine.metric("abc@fff", "10").isEmpty)
        #expect(engine.metric("xyz@fff", "10").map(\.ruleName) == ["new"])
    }

    @Test func updatePublishesResolvedForTheOldRulesAlerts() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        _ = engine.metric("abc@fff", "10")
        let outcome = engine.request("ADD", Self.simple("r1"), "r1")
        #expect(outcome.reply?.first == Array("OK".utf8))
        #expect(outcome.publications.map(\.state) == [.resolved])
        #expect(outcome.publications.map(\.description) == ["low"])  // §7.5: last description
        #expect(outcome.publications.map(\.ttl) == [0])
        #expect(engine.core.cachedAlert(rule: "r1", element: "fff") == nil)
    }

    @Test func updateChecksInOrder() throws {
        let engine = try EngineHarness()
        // NOT_FOUND is checked before parsing.
        #expect(engine.reply("ADD", "{", "missing") == ["ERROR", "NOT_FOUND"])
        engine.add(Self.simple("a"))
        engine.add(Self.simple("b"))
        #expect(engine.reply("ADD", "{", "a") == ["ERROR", "BAD_JSON"])
        #expect(engine.reply("ADD", Self.single("a", evaluation: "nope"), "a") == ["ERROR", "BAD_LUA"])
        #expect(engine.reply("ADD", Self.simple("b"), "a") == ["ERROR", "ALREADY_EXISTS"])
        engine.storage.failWrites = true
        #expect(engine.reply("ADD", Self.simple("c"), "a") == Self.diskFailure)
        #expect(engine.core.ruleNames == ["a", "b"])
        #expect(try engine.scratch.entries() == ["a.rule", "b.rule"])
    }

    /// Q20: no sensor or Xphase refusal on update; the kind may change.
    @Test func updateSkipsSensorAndXphaseChecks() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("x"))
        #expect(engine.reply("ADD", Self.simple("humidity.default@sensor-1"), "x")?.first == "OK")
        #expect(engine.reply("ADD", Self.single("phase_imbalance@ups-1"), "humidity.default@sensor-1")?.first == "OK")
        #expect(engine.core.rule(named: "phase_imbalance@ups-1")?.kind == .single)
    }

    /// A case-only rename (utf8eq equal) is not a "name change", but the file follows the name.
    @Test func updateChangingOnlyTheCaseRenamesTheFile() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("Rule"))
        #expect(engine.reply("ADD", Self.simple("rule"), "Rule")?.first == "OK")
        #expect(try engine.scratch.entries() == ["rule.rule"])
        #expect(engine.core.ruleNames == ["rule"])
    }

    // MARK: LIST, GET

    @Test func listFiltersByTypeAndClass() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("t1", ruleClass: "c1"))
        engine.add(Self.simple("t2", ruleClass: "c2"))
        engine.add(Self.single("s1"))
        engine.add(try ReferenceFiles.rule("warranty.rule"))
        func names(_ frames: String...) -> [String]? {
            guard let reply = engine.core.handleRequest(
                subject: EngineCore.mailboxSubject, frames: frames.map { Array($0.utf8) }).reply
            else { return nil }
            return reply.dropFirst(3).map { (try? RuleParser.parse($0).name) ?? "?" }
        }
        #expect(engine.reply("LIST", "all")?.prefix(3) == ["LIST", "all", ""])
        #expect(names("LIST", "all") == ["t1", "t2", "s1", "warranty"])
        #expect(names("LIST", "threshold") == ["t1", "t2"])
        #expect(names("LIST", "single") == ["s1"])
        #expect(names("LIST", "pattern") == ["warranty"])
        #expect(names("LIST", "all", "c2") == ["t2"])
        #expect(names("LIST", "all", "") == ["t1", "t2", "s1", "warranty"])
        #expect(engine.reply("LIST", "threshold", "c1")?.prefix(3) == ["LIST", "threshold", "c1"])
        #expect(names("LIST", "single", "c1") == [])
        #expect(engine.reply("LIST", "flexible") == ["ERROR", "INVALID_TYPE"])
    }

    @Test func listOfNoRules() throws {
        let engine = try EngineHarness()
        #expect(engine.reply("LIST", "all") == ["LIST", "all", ""])
    }

    @Test func getReturnsTheStoredForm() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        let reply = engine.reply("GET", "r1")
        #expect(reply?.count == 2 && reply?.first == "OK")
        #expect(try RuleParser.parse(reply?.last ?? "").name == "r1")
        #expect(engine.reply("GET", "R1") == ["ERROR", "NOT_FOUND"])
    }

    // MARK: TOUCH

    @Test func touchResolvesEveryCachedAlertAfterTheReply() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        #expect(engine.request("TOUCH", "r1") == RequestOutcome(reply: [Array("OK".utf8)]))
        _ = engine.metric("abc@fff", "10")
        let outcome = engine.request("TOUCH", "r1")
        #expect(outcome.reply == [Array("OK".utf8)])
        #expect(!outcome.publishesBeforeReply)
        #expect(outcome.publications.map(\.description) == ["Rule was changed implicitly"])
        #expect(outcome.publications.map(\.severity) == ["CRITICAL"])
        #expect(engine.reply("TOUCH", "nope") == ["ERROR", "NOT_FOUND"])
        // The cache was cleared: the same breach publishes again.
        #expect(engine.metric("abc@fff", "10").count == 1)
    }

    // MARK: DELETE, DELETE_ELEMENT

    @Test func deleteRemovesFileAndPublishesBeforeTheReply() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        _ = engine.metric("abc@fff", "70")
        let outcome = engine.request("DELETE", "r1")
        #expect(outcome.reply == [Array("OK".utf8), Array("r1".utf8)])
        #expect(outcome.publishesBeforeReply)
        #expect(outcome.publications.map(\.description) == ["Rule deleted"])
        #expect(outcome.publications.map(\.state) == [.resolved])
        #expect(try engine.scratch.entries().isEmpty)
        #expect(engine.reply("DELETE", "r1") == ["ERROR", "NO_MATCH"])
        #expect(engine.metric("abc@fff", "70").isEmpty)
    }

    /// Q19: a file already gone counts as removed.
    @Test func deleteOfARuleWhoseFileVanished() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        try FileManager.default.removeItem(atPath: engine.scratch.path("r1.rule"))
        #expect(engine.reply("DELETE", "r1") == ["OK", "r1"])
    }

    /// Q18: a removal failure replies FAILURE_RULE_REMOVAL; nothing matched later is touched.
    @Test func deleteReportsRemovalFailure() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("r1"))
        engine.storage.failRemovals = true
        #expect(engine.reply("DELETE", "r1") == ["ERROR", "FAILURE_RULE_REMOVAL"])
        #expect(engine.core.ruleNames == ["r1"])
    }

    @Test func deleteElementRemovesEveryRuleOfTheElement() throws {
        let engine = try EngineHarness()
        engine.add(Self.simple("a", element: "ups-1"))
        engine.add(Self.simple("b", element: "ups-2"))
        engine.add(Self.single("c", element: "ups-1"))
        engine.add(try ReferenceFiles.rule("warranty.rule"))
        #expect(engine.reply("DELETE_ELEMENT", "ups-1") == ["OK", "a", "c"])
        #expect(try engine.scratch.entries() == ["b.rule", "warranty.rule"])
        #expect(engine.reply("DELETE_ELEMENT", "ups-1") == ["ERROR", "NO_MATCH"])
        // Q38: the empty element deletes every pattern rule.
        #expect(engine.reply("DELETE_ELEMENT", "") == ["OK", "warranty"])
        #expect(engine.core.ruleNames == ["b"])
    }

    // MARK: no reply

    @Test func unknownOrIncompleteRequestsGetNoReply() throws {
        let engine = try EngineHarness()
        #expect(engine.request("LIST") == .none)
        #expect(engine.request("FROB", "x") == .none)
        #expect(engine.request() == .none)
        let other = engine.core.handleRequest(subject: "other", frames: [Array("LIST".utf8), Array("all".utf8)])
        #expect(other == .none)
        #expect(engine.log.contains("FROB"))
        #expect(engine.log.contains("other"))
    }
}
