import Foundation
import Testing

@testable import AlertEngine

/// Every template — the original's (`reference/templates/`) and ours (`templates/`) — filled for a
/// made-up asset, goes through the whole engine core — parse, load, metric in, alert out — and
/// decides as its thresholds say for a value below, between and above them (issue: table-driven
/// template test; decisions.md D4; issue 4 item 6).
@Suite struct TemplateEvaluationTests {
    static let filler = TemplateFiller()

    @Test(arguments: TemplateFolder.allCases)
    func theTemplatesAreThere(_ folder: TemplateFolder) {
        #expect(folder.ruleFiles.count == 46)
    }

    @Test(arguments: TemplateFile.all)
    func templateDecidesAsItsThresholdsSay(_ file: TemplateFile) throws {
        let json = Self.filler.fill(try file.text())
        let rule: Rule
        do {
            rule = try RuleParser.parse(json)
        } catch {
            // Flexible rules belong to fty-alert-flexible (engine.md §3.2, §11.6).
            #expect(json.contains("\"flexible\""), "\(file): \(error)")
            return
        }
        let cases = try Self.cases(for: rule)
        #expect(!cases.isEmpty, "\(file): no cases")
        for (arguments, expected) in cases {
            // A fresh engine per case: the first evaluation of an element always publishes (§7.2).
            let engine = try EngineHarness(files: ["\(rule.name).rule": json])
            #expect(try engine.load().loaded == [rule.name], "\(file)")
            var published: [AlertPublication] = []
            for (target, value) in zip(rule.targets, arguments) {
                published = engine.metric(target, String(value))
            }
            let summary = published.map { "\($0.state.rawValue) \($0.severity)" }
            #expect(summary == [expected], "\(file) with \(arguments)")
        }
    }

    /// (metric value per target, expected "STATE SEVERITY") pairs for a rule.
    static func cases(for rule: Rule) throws -> [(arguments: [Double], expected: String)] {
        let resolved = rule.kind == .simpleThreshold ? "RESOLVED " : "RESOLVED OK"
        func expected(_ level: OutcomeLevel?) -> String {
            guard let level else { return resolved }
            return "ACTIVE \(level.severity.rawValue)"
        }
        let prefix = String(rule.name.prefix { $0 != "@" })
        if let status = LuaTemplateTests.statusCases[prefix] {
            return status.map { ($0.arguments, expected(OutcomeLevel(rawValue: $0.expected.resultName ?? ""))) }
        }
        let thresholds = Set(rule.values.map(\.value)).sorted()
        guard let lowest = thresholds.first, let highest = thresholds.last else { return [] }
        let points = [lowest - 1] + zip(thresholds, thresholds.dropFirst()).map { ($0 + $1) / 2 } + [highest + 1]
        return points.map { point in
            let level = standardLevel(of: point, rule: rule)
            if prefix == "phase_imbalance" {
                // Phases 100 + p, 100 − p and 100 deviate from their mean by exactly p percent.
                return ([100 + point, 100 - point, 100], expected(level))
            }
            return (Array(repeating: point, count: rule.targets.count), expected(level))
        }
    }

    /// The four levels, highest first, strict, skipping a level without an outcome (§6.1, Q7).
    static func standardLevel(of value: Double, rule: Rule) -> OutcomeLevel? {
        let order: [(OutcomeLevel, (Double, Double) -> Bool)] = [
            (.highCritical, { $0 > $1 }), (.highWarning, { $0 > $1 }), (.lowCritical, { $0 < $1 }),
            (.lowWarning, { $0 < $1 }),
        ]
        for (level, breaches) in order {
            if let limit = rule.value(named: level.rawValue), rule.outcome(level) != nil, breaches(value, limit) {
                return level
            }
        }
        return nil
    }
}
