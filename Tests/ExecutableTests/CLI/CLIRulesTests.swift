import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// `fty-alert-engine rules …` against a running engine: every command, text and `--json`,
/// and the exit status 1 with the engine's reason on standard error when it answers ERROR.
///
/// The tests share one engine and run in parallel: each uses its own rule names and class.
@Suite(.runningEngine("cli-rules")) struct CLIRulesTests {
    private var engine: RunningEngine { get throws { try RunningEngine.shared() } }
    private let scratch = ScratchDirectory()

    private func add(_ documents: String...) throws {
        let files = try documents.map { try scratch.write($0) }
        let added = try engine.cli(["rules", "add"] + files)
        #expect(added.status == 0, "\(added)")
    }

    @Test func listShowsTheRulesOfATypeAndClass() throws {
        try add(
            RuleFiles.threshold("cli-list-t", element: "list-1", ruleClass: "cli-list"),
            RuleFiles.single("cli-list-s", element: "list-2", ruleClass: "cli-list"),
            RuleFiles.threshold("cli-list-other", element: "list-3", ruleClass: "cli-other"))

        let text = try engine.cli(["rules", "list", "--class", "cli-list"])
        #expect(text.status == 0, "\(text)")
        #expect(text.lines.first?.split(separator: " ").first == "NAME")
        let rows = text.lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0[0] } == ["cli-list-s", "cli-list-t"])
        #expect(rows.map { $0[1] } == ["single", "threshold"])
        #expect(rows.map { $0[2] } == ["list-2", "list-1"])

        let json = try engine.cli(["rules", "list", "threshold", "--class", "cli-list", "--json"])
        #expect(json.status == 0, "\(json)")
        let documents = try #require(try json.json() as? [[String: Any]])
        #expect(documents.count == 1)
        let threshold = try #require(documents.first?["threshold"] as? [String: Any])
        #expect(threshold["rule_name"] as? String == "cli-list-t")

        let none = try engine.cli(["rules", "list", "pattern", "--class", "cli-list", "--json"])
        #expect(none.status == 0, "\(none)")
        #expect(try none.json() as? [Any] != nil && (try none.json() as? [Any])?.isEmpty == true)
    }

    @Test func listOfAnUnknownTypeIsRefusedWithInvalidType() throws {
        let text = try engine.cli(["rules", "list", "bogus"])
        #expect(text.status == 1 && text.stdout.isEmpty, "\(text)")
        #expect(text.stderr.contains("INVALID_TYPE"))
        let json = try engine.cli(["rules", "list", "bogus", "--json"])
        #expect(json.status == 1)
        let reply = try #require(try json.json() as? [String: String])
        #expect(reply == ["result": "ERROR", "reason": "INVALID_TYPE"])
    }

    @Test func getPrintsTheStoredRule() throws {
        try add(RuleFiles.threshold("cli-get", element: "get-1"))
        let text = try engine.cli(["rules", "get", "cli-get"])
        #expect(text.status == 0, "\(text)")
        #expect(text.lines.count > 1)  // the stored form is pretty-printed (engine.md §3.7)
        let parsed = try #require(try text.json() as? [String: [String: Any]])
        #expect(parsed["threshold"]?["target"] as? String == "load@get-1")

        let json = try engine.cli(["rules", "get", "cli-get", "--json"])
        #expect(json.lines.count == 1, "\(json)")
        #expect((try json.json() as? [String: [String: Any]])?["threshold"]?["rule_name"] as? String == "cli-get")

        let missing = try engine.cli(["rules", "get", "cli-get-missing"])
        #expect(missing.status == 1 && missing.stderr.contains("NOT_FOUND"), "\(missing)")
    }

    @Test func addSendsEveryFileAndFailsWithTheReasonOfEachRefusal() throws {
        let good = try scratch.write(RuleFiles.threshold("cli-add-good", element: "add-1"))
        let badLua = try scratch.write(RuleFiles.single("cli-add-lua", element: "add-2", lua: "function main( oops"))
        let result = try engine.cli(["rules", "add", badLua, good, "--json"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(badLua): BAD_LUA"))
        let entries = try #require(try result.json() as? [[String: String]])
        #expect(entries == [
            ["file": badLua, "result": "ERROR", "reason": "BAD_LUA"],
            ["file": good, "result": "OK", "rule": "cli-add-good"],
        ])
        #expect(try engine.cli(["rules", "get", "cli-add-good"]).status == 0)

        let again = try engine.cli(["rules", "add", good])
        #expect(again.status == 1 && again.stderr.contains("ALREADY_EXISTS"), "\(again)")
        let text = try engine.cli(["rules", "add", try scratch.write(RuleFiles.threshold("cli-add-text", element: "add-3"))])
        #expect(text.status == 0 && text.lines == ["added cli-add-text"], "\(text)")
    }

    @Test func addWithReplaceUpdatesAndRenames() throws {
        try add(RuleFiles.threshold("cli-old", element: "replace-1"))
        let renamed = try scratch.write(RuleFiles.threshold("cli-new", element: "replace-1"))
        let result = try engine.cli(["rules", "add", renamed, "--replace", "cli-old"])
        #expect(result.status == 0 && result.lines == ["replaced cli-old by cli-new"], "\(result)")
        #expect(try engine.cli(["rules", "get", "cli-old"]).status == 1)
        #expect(try engine.cli(["rules", "get", "cli-new"]).status == 0)

        let missing = try engine.cli(["rules", "add", renamed, "--replace", "cli-never-was", "--json"])
        #expect(missing.status == 1, "\(missing)")
        #expect(try missing.json() as? [[String: String]] == [["file": renamed, "result": "ERROR", "reason": "NOT_FOUND"]])
    }

    @Test func touchResolvesTheRulesAlerts() throws {
        try add(RuleFiles.threshold("cli-touch", element: "touch-1"))
        let alerts = try engine.client("alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: "^cli-touch/")
        let published = try engine.cli(["publish", "metric", "load@touch-1", "95"])
        #expect(published.status == 0, "\(published)")
        #expect(try Self.nextAlert(alerts)?.state == "ACTIVE")

        let touched = try engine.cli(["rules", "touch", "cli-touch"])
        #expect(touched.status == 0 && touched.lines == ["touched cli-touch"], "\(touched)")
        let resolved = try #require(try Self.nextAlert(alerts))
        #expect(resolved.state == "RESOLVED" && resolved.description == "Rule was changed implicitly")

        let json = try engine.cli(["rules", "touch", "cli-touch", "--json"])
        #expect(try json.json() as? [String: String] == ["result": "OK", "rule": "cli-touch"], "\(json)")
        let missing = try engine.cli(["rules", "touch", "cli-touch-missing"])
        #expect(missing.status == 1 && missing.stderr.contains("NOT_FOUND"), "\(missing)")
    }

    @Test func deleteAndDeleteElementPrintTheDeletedRules() throws {
        try add(
            RuleFiles.threshold("cli-del", element: "del-1"), RuleFiles.threshold("cli-del-e1", element: "del-2"),
            RuleFiles.single("cli-del-e2", element: "del-2"))
        let deleted = try engine.cli(["rules", "delete", "cli-del"])
        #expect(deleted.status == 0 && deleted.lines == ["deleted cli-del"], "\(deleted)")
        let byElement = try engine.cli(["rules", "delete-element", "del-2", "--json"])
        #expect(byElement.status == 0, "\(byElement)")
        let reply = try #require(try byElement.json() as? [String: Any])
        #expect(reply["result"] as? String == "OK")
        #expect(reply["deleted"] as? [String] == ["cli-del-e1", "cli-del-e2"])

        let none = try engine.cli(["rules", "delete-element", "del-2"])
        #expect(none.status == 1 && none.stderr.contains("NO_MATCH"), "\(none)")
        let noneJSON = try engine.cli(["rules", "delete", "cli-del", "--json"])
        #expect(noneJSON.status == 1)
        #expect(try noneJSON.json() as? [String: String] == ["result": "ERROR", "reason": "NO_MATCH"])
    }

    @Test func theEndpointComesFromTheEnvironment() throws {
        let result = try CLIProcess.run(
            ["rules", "list", "pattern", "--class", "cli-env"], environment: ["FTY_ALERT_ENGINE_ENDPOINT": try engine.endpoint])
        #expect(result.status == 0 && result.lines == ["no rules"], "\(result)")
    }

    /// The next ALERT on `client`'s subscription.
    static func nextAlert(_ client: MalamuteClient) throws -> FtyAlert? {
        guard let delivery = try client.receive(timeout: .seconds(5)),
            case .alert(let alert) = try FtyProtoCodec.decode(delivery.content)
        else { return nil }
        return alert
    }
}
