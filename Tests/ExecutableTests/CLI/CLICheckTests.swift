import Foundation
import MalamuteClient
import TestSupport
import Testing

/// `fty-alert-engine check`: offline verdicts that match what the engine's ADD answers.
@Suite(.runningEngine("cli-check")) struct CLICheckTests {
    private var engine: RunningEngine { get throws { try RunningEngine.shared() } }
    private let scratch = ScratchDirectory()

    static func files(in folder: String) throws -> [String] {
        let directory = Fixtures.shared.appendingPathComponent("reference").appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { directory.path + "/" + $0 }
    }

    /// The engine's answer to ADD of `path`: nil for OK (the rule is deleted again, so files
    /// holding the same rule name are each judged alone), else the ERROR reason.
    private func engineVerdict(_ path: String, requester: MalamuteClient, ruleName: String?) throws -> String? {
        let document = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let reply = try #require(
            try requester.request(
                address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: [Array("ADD".utf8), document],
                tracker: path, timeout: .seconds(5)))
        let frames = reply.contentStrings
        guard frames.first == "OK" else { return frames.count > 1 ? frames[1] : "?" }
        let name = try #require(ruleName, "check found no rule name in \(path), which the engine accepted")
        let deleted = try requester.request(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: [Array("DELETE".utf8), Array(name.utf8)],
            tracker: "delete " + path, timeout: .seconds(5))
        #expect(deleted?.contentStrings == ["OK", name])
        return nil
    }

    @Test func everyReferenceRuleFailsExactlyWhenTheEngineRefusesItAndWithItsReason() throws {
        let files = try Self.files(in: "rules")
        #expect(files.count >= 20)
        let all = try CLIProcess.run(["check", "--json"] + files)
        let entries = try #require(try all.json() as? [[String: Any]], "\(all)")
        #expect(entries.map { $0["file"] as? String } == files)
        let requester = try engine.client("check-adder")
        defer { requester.close() }
        var refused = 0
        for (path, entry) in zip(files, entries) {
            let problems = entry["problems"] as? [[String: String]] ?? []
            let verdict = try engineVerdict(path, requester: requester, ruleName: entry["rule"] as? String)
            #expect(problems.first?["reason"] == verdict, "\(path): check says \(problems), the engine \(verdict ?? "OK")")
            #expect(entry["ok"] as? Bool == (verdict == nil))

            let single = try CLIProcess.run(["check", path])
            if let verdict {
                refused += 1
                #expect(single.status == 1, "\(single)")
                #expect(single.lines.count == 1 && single.lines[0].hasPrefix("\(path): \(verdict): "), "\(single)")
            } else {
                #expect(single.status == 0 && single.stdout.isEmpty, "\(single)")
            }
        }
        // Both verdicts occur, so the comparison above could fail either way.
        #expect(refused > 0 && refused < files.count)
        #expect(all.status == 1)
    }

    @Test func everyShippedTemplatePassesAndTheDisabledOneIsNotATemplate() throws {
        let templates = try Self.files(in: "templates")
        #expect(templates.count == 46)
        let result = try CLIProcess.run(["check", "--json"] + templates)
        #expect(result.status == 0, "\(result)")
        let entries = try #require(try result.json() as? [[String: Any]])
        #expect(entries.allSatisfy { $0["template"] as? Bool == true && $0["ok"] as? Bool == true })
        let flexible = entries.filter { $0["destination"] as? String == "fty-alert-flexible" }
        #expect(flexible.count == 11)  // engine.md §11.3: sensorgpio ×7, sts ×3, rackcontroller ×1
        let ups = try #require(entries.first { ($0["file"] as? String)?.hasSuffix("/load.default@__device_ups__.rule") == true })
        #expect(ups["rule"] as? String == "load.default@asset-1")

        // engine.md §11.3: not a template name, so checked as a rule: a flexible rule, not the engine's.
        let disabled = try CLIProcess.run(["check"] + (try Self.files(in: "templates-disabled")))
        #expect(disabled.status == 1 && disabled.stdout.contains(": BAD_JSON: "), "\(disabled)")
    }

    @Test func aBrokenTemplateReportsEachProblem() throws {
        let template = """
            {"single": {"rule_name": "broken@__name__", "target": ["a@__name__"], "element": "__name__",
             "results": [{"high_warning": {"action": [], "description": "__no_such_placeholder__"}}],
             "evaluation": "function main(a) return __severity__ end end"}}
            """
        let path = try scratch.write(template, as: "broken@__device_ups__.rule")
        let result = try CLIProcess.run(["check", path])
        #expect(result.status == 1, "\(result)")
        #expect(result.lines.count == 2, "\(result)")
        #expect(result.lines.first == "\(path): UNKNOWN_PLACEHOLDER: __no_such_placeholder__ is not replaced by autoconfig")
        #expect(result.lines.last?.hasPrefix("\(path): BAD_LUA: ") == true)
    }

    @Test func aSensorRuleIsRefusedAsTheEngineRefusesIt() throws {
        let path = try scratch.write(RuleFiles.threshold("temperature.default@sensor-3", element: "sensor-3"))
        let result = try CLIProcess.run(["check", path])
        #expect(result.status == 1)
        #expect(result.lines.first?.hasPrefix("\(path): Rule can't be directly instantiated.: ") == true, "\(result)")
        let requester = try engine.client("sensor-adder")
        defer { requester.close() }
        #expect(try engineVerdict(path, requester: requester, ruleName: nil) == "Rule can't be directly instantiated.")
    }

    @Test func anUnreadableFileIsAProblem() throws {
        let result = try CLIProcess.run(["check", "/nonexistent/x.rule"])
        #expect(result.status == 1 && result.lines == ["/nonexistent/x.rule: UNREADABLE: cannot read the file"], "\(result)")
    }
}
