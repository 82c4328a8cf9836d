import AlertEngine
import Autoconfig
import Foundation
import Logging

/// Runs a rule test file on the real engine core (`EngineCore`) on a virtual clock, without a
/// bus (issue 13 item 6): the rule (or the template, expanded by autoconfig's
/// `TemplateExpander` for the test's asset) is added as a mailbox ADD would add it, then each
/// case feeds its series, one step per interval, topics in name order within a step.
enum RuleTestRunner {
    /// The virtual clock's time 0 (UNIX seconds).
    static let epoch: UInt64 = 1_700_000_000

    /// Runs the test file at `path`.
    ///
    /// - Throws: ``RuleTestError`` when the file, or the rule or template it names, cannot be read.
    static func run(path: String) throws(RuleTestError) -> RuleTestResult {
        let file = try RuleTestFile.load(path: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let (rulePath, isTemplate) = file.rule.map { ($0, false) } ?? (file.template ?? "", true)
        let resolved = rulePath.hasPrefix("/") ? rulePath : base.appendingPathComponent(rulePath).path
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw .unreadable(path: path, reason: "cannot read \(isTemplate ? "template" : "rule") \(resolved)")
        }
        var failures: [String] = []
        var text = Array(data)
        if isTemplate, let asset = file.asset {
            let template = Template(fileName: (resolved as NSString).lastPathComponent, contents: text)
            let typeName = AssetTypeName.of(type: asset.type, subtype: asset.subtype ?? "")
            if !template.applies(to: typeName) {
                failures.append("template \(template.fileName) does not apply to assets of type \(typeName)")
            }
            let values = TemplateValues(name: asset.name, attributes: asset.ext ?? [:]) { asset.containers?[$0] }
            text = TemplateExpander(values: values).expand(text)
        }
        let destination = RuleDestination.of(text).address
        if destination != (file.destination ?? AutoconfigNames.engine) {
            failures.append("the rule goes to \(destination), the test expects \(file.destination ?? AutoconfigNames.engine)")
        }
        guard destination == AutoconfigNames.engine else {
            // fty-alert-flexible rules are not evaluated here: check the expansion and the name.
            let name = flexibleName(text)
            if let expected = file.ruleName, name != expected {
                failures.append("rule name is \(name ?? "missing"), the test expects \(expected)")
            }
            if name == nil { failures.append("the expanded rule is not a JSON object with flexible.name") }
            let note = "goes to \(destination): expansion and name checked, not evaluated by this engine"
            return RuleTestResult(path: path, failures: failures, note: failures.isEmpty ? note : nil)
        }
        if let expected = file.refusal {
            // A rule the engine must refuse (e.g. sensor rules, engine.md §9.4 step 2).
            let got = try run(RuleTestFile.Case(name: nil, inputSeries: [:], expected: []), rule: text, file: file, path: path)
            if got.refusal != expected {
                failures.append("the engine answers \(got.refusal.map { "ERROR \($0)" } ?? "OK") to ADD, the test expects ERROR \(expected)")
            }
            return RuleTestResult(path: path, failures: failures, note: failures.isEmpty ? "refused as expected: \(expected)" : nil)
        }
        for (index, testCase) in file.tests.enumerated() {
            let label = testCase.name.map { "test \"\($0)\"" } ?? "test \(index + 1)"
            let outcome = try run(testCase, rule: text, file: file, path: path)
            if let refusal = outcome.refusal, file.refusal == nil {
                failures.append("\(label): the engine refuses the rule: \(refusal)")
                continue
            }
            if let expected = file.ruleName, outcome.ruleName != expected {
                failures.append("\(label): rule name is \(outcome.ruleName), the test expects \(expected)")
            }
            if !RuleTestDiff.matches(expected: testCase.expected, got: outcome.transitions) {
                failures.append(
                    "\(label):\n" + RuleTestDiff.lines(expected: testCase.expected, got: outcome.transitions).joined(separator: "\n"))
            }
        }
        return RuleTestResult(path: path, failures: failures, note: nil)
    }

    /// What one case produced.
    struct Outcome {
        var ruleName = ""
        var refusal: String?
        var transitions: [RuleTestFile.Transition] = []
    }

    /// Runs one case on a fresh engine core.
    static func run(
        _ testCase: RuleTestFile.Case, rule: [UInt8], file: RuleTestFile, path: String
    ) throws(RuleTestError) -> Outcome {
        let interval = file.interval ?? 60
        let ttl = file.ttl ?? UInt32(clamping: interval * 2)
        var clock = epoch
        let attributes = file.asset.map { asset in (asset.name, asset.ext ?? [:]) }
        let core = EngineCore(
            storage: DiscardingRuleStorage(), now: { clock }, logger: Logger(label: "rule-test") { _ in SwiftLogNoOpLogHandler() },
            assetInfo: { name in attributes.flatMap { $0.0 == name ? $0.1 : nil } })
        var outcome = Outcome()
        var series: [(topic: String, quantity: String, asset: String, values: [String])] = []
        for topic in testCase.inputSeries.keys.sorted() {
            guard let at = topic.firstIndex(of: "@"), at != topic.startIndex, topic.index(after: at) != topic.endIndex else {
                throw .unreadable(path: path, reason: "input series \"\(topic)\" is not quantity@asset")
            }
            let values = (testCase.inputSeries[topic] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
            series.append((topic, String(topic[..<at]), String(topic[topic.index(after: at)...]), values))
        }
        var added = false
        func add() -> Bool {
            added = true
            let reply = core.handleRequest(subject: EngineCore.mailboxSubject, frames: [Array("ADD".utf8), rule]).reply ?? []
            let head = reply.first.map { String(decoding: $0, as: UTF8.self) }
            guard head == "OK" else {
                outcome.refusal = reply.dropFirst().first.map { String(decoding: $0, as: UTF8.self) } ?? head ?? "no reply"
                return false
            }
            outcome.ruleName = core.ruleNames.first ?? ""
            return true
        }
        var last: [String: RuleTestFile.Transition] = [:]
        let steps = series.map(\.values.count).max() ?? 0
        let addAt = file.addAt ?? 0
        for step in 0..<steps {
            clock = epoch + UInt64(step) * interval
            if !added, clock - epoch >= addAt, !add() { return outcome }
            for input in series where step < input.values.count && input.values[step] != "_" {
                let publications = core.handleMetric(
                    quantity: input.quantity, asset: input.asset, value: input.values[step], unit: "", ttl: ttl, auxTime: nil)
                for publication in publications {
                    let transition = RuleTestFile.Transition(
                        at: clock - epoch, element: publication.element, state: publication.state.rawValue,
                        severity: publication.severity.isEmpty ? nil : publication.severity,
                        description: publication.description)
                    var previous = last[publication.element]
                    previous?.at = transition.at
                    guard previous != transition else { continue }
                    last[publication.element] = transition
                    outcome.transitions.append(transition)
                }
            }
        }
        if !added {
            clock = epoch + addAt
            _ = add()
        }
        return outcome
    }

    /// `flexible.name` of a fty-alert-flexible rule, nil when it has none.
    static func flexibleName(_ text: [UInt8]) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(text)) as? [String: Any]
        return (object?["flexible"] as? [String: Any])?["name"] as? String
    }
}
