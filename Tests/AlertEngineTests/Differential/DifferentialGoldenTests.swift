import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// Rules without the lifecycle fields of issue 13 publish exactly what the engine published
/// before that issue: every file of the reference rules and templates (and of ours) is driven
/// through `DifferentialRun` and its publications compared with the golden file recorded from
/// the engine as it was (`Tests/Fixtures/lifecycle-differential.golden`).
///
/// To record the file again (only ever from an engine known to be right):
/// `FTY_RECORD_GOLDEN=1 swift test --filter DifferentialGoldenTests`.
@Suite struct DifferentialGoldenTests {
    static let golden = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/lifecycle-differential.golden")
    static let filler = TemplateFiller()

    /// Every run, in a fixed order.
    static func runs() throws -> [DifferentialRun] {
        var runs: [DifferentialRun] = []
        for file in try ReferenceFiles.ruleFiles(in: ReferenceFiles.rules) {
            runs.append(DifferentialRun(label: "reference/rules/\(file)", text: try ReferenceFiles.rule(file)))
        }
        let ourRules = Fixtures.packageRoot.appendingPathComponent("rules")
        for file in try ReferenceFiles.ruleFiles(in: ourRules) {
            let text = try String(contentsOf: ourRules.appendingPathComponent(file), encoding: .utf8)
            runs.append(DifferentialRun(label: "ours/rules/\(file)", text: text))
        }
        for folder in TemplateFolder.allCases {
            for file in folder.ruleFiles {
                runs.append(DifferentialRun(label: "\(folder.rawValue)/templates/\(file)", text: filler.fill(try folder.text(of: file))))
            }
        }
        return runs
    }

    @Test func rulesWithoutLifecycleFieldsPublishWhatTheyPublishedBefore() throws {
        let lines = try Self.runs().flatMap { try $0.lines() }
        if ProcessInfo.processInfo.environment["FTY_RECORD_GOLDEN"] == "1" {
            try (lines.joined(separator: "\n") + "\n").write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        var file = ""
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("# ") { file = line }
            guard index < expected.count else {
                Issue.record("\(file): publication beyond the golden file: \(line)")
                return
            }
            guard line == expected[index] else {
                Issue.record("\(file): line \(index + 1) is '\(line)', golden '\(expected[index])'")
                return
            }
        }
        #expect(lines.count == expected.count, "the golden file has \(expected.count - lines.count) more lines")
        // The runs exercise every path: refusals, raises, re-publications and resolutions.
        #expect(lines.count > 2_000)
        #expect(lines.contains { $0.contains(" ACTIVE CRITICAL ") })
        #expect(lines.contains { $0.contains(" RESOLVED ") })
    }
}
