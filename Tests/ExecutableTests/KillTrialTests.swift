import AlertEngine
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Issue 14 item 7: `FTY_KILL_TRIALS` (default 20, the issue's run: 100) SIGKILLs at random moments during bursts of ADD (new and update), TOUCH
/// and DELETE on `rfc-evaluator-rules`, every tenth one during autoconfig generation. After each
/// kill the agent is restarted on the same directory: every change answered OK is there and
/// whole, an unanswered one is either there or not (never half), no temporary file is left, the
/// autoconfig state file is valid, and the agent loads every rule file.
@Suite struct KillTrialTests {
    /// 100 trials took 190 s on 2 cores, too long for every CI run: CI runs 20 (about 40 s) and
    /// `FTY_KILL_TRIALS=100` runs the count the issue asks for.
    static let trials = ProcessInfo.processInfo.environment["FTY_KILL_TRIALS"].flatMap(Int.init) ?? 20
    static let names = (0..<40).map { "kill-\($0)" }

    /// A rule of `name` whose description carries `version`, so a restart shows which write won.
    static func rule(_ name: String, version: Int) -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "load@\(name)", "element": "\(name)",
         "values": [{"high_critical": "90"}],
         "results": [{"high_critical": {"action": ["EMAIL"], "description": "version \(version)"}}]}}
        """
    }

    /// The agent restarted on `directory`, its requester, and the `kill-*` rules it loaded
    /// (name → version), checked against the directory's files.
    static func restart(_ directory: String, templates: String) throws -> (EngineProcess, MalamuteClient, [String: Int]) {
        let endpoint = uniqueEndpoint("kill")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory, "--templates-dir", templates,
             "--lock-wait", "5"], environment: EngineEndToEndTests.quiet)
        let requester = try connectedClient(endpoint, "requester")
        #expect(try awaitEngine(requester))
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["LIST", "all"], tracker: "list")
        var list: [String] = []
        while let reply = try requester.receive(timeout: .seconds(5)) {
            if reply.trackerString == "list" {
                list = reply.contentStrings
                break
            }
        }
        #expect(list.first == "LIST")
        var loaded: [String: Int] = [:]
        for json in list.dropFirst(3) {
            let rule = try RuleParser.parse(json)
            guard rule.name.hasPrefix("kill-") else { continue }
            var version: Int?
            if let range = json.range(of: #"version [0-9]+"#, options: .regularExpression) {
                version = Int(String(json[range].dropFirst("version ".count)))
            }
            #expect(version != nil, "no version in \(json)")
            loaded[rule.name] = version
        }
        // D6: the restart removed every temporary file; every other file is a whole rule it loaded.
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!entries.contains { $0.contains(".tmp") }, "temporary file left: \(entries)")
        let ruleFiles = entries.filter { $0 != InstanceLock.fileName && $0 != "state" }
        #expect(ruleFiles.allSatisfy { $0.hasSuffix(".rule") }, "\(ruleFiles)")
        #expect(ruleFiles.count == list.count - 3, "\(ruleFiles.count) files, \(list.count - 3) loaded")
        if let state = FileManager.default.contents(atPath: directory + "/state") {
            let object = try JSONSerialization.jsonObject(with: state) as? [String: Any]
            #expect(object?["version"] as? Int == 1 && object?["devices"] is [String: Any], "state file invalid")
        }
        return (agent, requester, loaded)
    }

    @Test func acknowledgedChangesSurviveAHundredSIGKILLsWhole() throws {
        let directory = scratchDirectory()
        let templates = try AutoconfigEndToEndTests.templatesDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: templates)
        }
        var generator = SplitMix64(seed: UInt64(Date().timeIntervalSince1970))
        var expected: [String: Set<Int?>] = [:]  // name → the states it may be in (nil: absent)
        var version = 0, acknowledged = 0, unanswered = 0, duringGeneration = 0, assetsSent = 0
        var (agent, requester, loaded) = try Self.restart(directory, templates: templates)
        for trial in 0..<Self.trials {
            for name in Self.names {
                let actual = loaded[name]
                #expect((expected[name] ?? [nil]).contains(actual), "trial \(trial): \(name) is \(actual.map(String.init) ?? "absent")")
            }
            // Every tenth trial: a new UPS, and the kill once autoconfig writes its rules.
            let autoconfig = trial % 10 == 9
            var assets: MalamuteClient?
            if autoconfig {
                let client = try connectedClient(requester.configuration.endpoint, "asset-agent")
                try client.setProducer(stream: "ASSETS")
                let ups = FtyAsset(
                    aux: ["type": "device", "subtype": "ups", "status": "active", "priority": "P1", "parent": "2"],
                    name: "ups-kill-\(trial)", operation: "create",
                    ext: ["name": "UPS \(trial)", "phases.input": "1", "phases.output": "1"])
                try client.send(subject: "device.ups@ups-kill-\(trial)", content: [try FtyProtoCodec.encode(ups)])
                assets = client
                assetsSent += 1
                let generated = try eventually(timeout: .seconds(10)) {
                    try FileManager.default.contentsOfDirectory(atPath: directory).contains { $0.hasSuffix("@ups-kill-\(trial).rule") }
                }
                #expect(generated, "trial \(trial): autoconfig wrote no rule")
                if generated { duringGeneration += 1 }
            }
            // A burst over distinct names, so each has at most one change in flight.
            var pending: [String: (name: String, after: Int?)] = [:]
            for name in Self.names.shuffled(using: &generator).prefix(25) {
                let current: Int? = loaded[name]
                let content: [String]
                let after: Int?
                version += 1
                switch (current, Int.random(in: 0..<3, using: &generator)) {
                case (nil, _):
                    (content, after) = (["ADD", Self.rule(name, version: version)], version)
                case (_, 0):
                    (content, after) = (["ADD", Self.rule(name, version: version), name], version)
                case (_, 1):
                    (content, after) = (["TOUCH", name], current)
                default:
                    (content, after) = (["DELETE", name], nil)
                }
                let tracker = "t\(trial)-\(name)"
                pending[tracker] = (name, after)
                expected[name] = [current, after]
                try requester.sendTo(
                    address: "fty-alert-engine", subject: "rfc-evaluator-rules",
                    content: content.map { Array($0.utf8) }, tracker: tracker)
            }
            // The kill comes after a random number of answers (and the requests still in flight).
            let answersBeforeKill = Int.random(in: 0...pending.count, using: &generator)
            var answers = 0
            while answers < answersBeforeKill, let reply = try requester.receive(timeout: .seconds(5)) {
                guard let change = pending.removeValue(forKey: reply.trackerString) else { continue }
                answers += 1
                #expect(reply.contentStrings.first == "OK", "trial \(trial): \(reply.contentStrings)")
                if reply.contentStrings.first == "OK" { expected[change.name] = [change.after] }
            }
            agent.send(SIGKILL)
            #expect(agent.waitForExit(timeout: .seconds(5)) != nil)
            // Answers already delivered to our socket before the kill are acknowledgements too.
            while let reply = try requester.receive(timeout: .milliseconds(1)) {
                if let change = pending.removeValue(forKey: reply.trackerString), reply.contentStrings.first == "OK" {
                    expected[change.name] = [change.after]
                    answers += 1
                }
            }
            acknowledged += answers
            unanswered += pending.count
            assets?.close()
            requester.close()
            (agent, requester, loaded) = try Self.restart(directory, templates: templates)
        }
        for name in Self.names {
            #expect((expected[name] ?? [nil]).contains(loaded[name]), "after the last trial: \(name)")
        }
        let state = try String(contentsOfFile: directory + "/state", encoding: .utf8)
        print("kill trials: \(Self.trials) SIGKILLs, \(acknowledged) changes acknowledged and found, \(unanswered) unanswered, \(duringGeneration) during autoconfig generation (\(assetsSent) UPS sent, \((0..<Self.trials).filter { state.contains("\"ups-kill-\($0)\"") }.count) in the state file)")
        requester.close()
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(5)) == 0)
    }
}
