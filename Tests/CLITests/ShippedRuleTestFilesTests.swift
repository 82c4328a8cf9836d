import Foundation
import Testing

@testable import fty_alert_engine

/// The shipped rule test files (issue 13 item 6) all pass: one per shipped template in
/// `rules/tests/templates/`, and the examples of `rules/tests/`, each run by the `test` logic.
@Suite struct ShippedRuleTestFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func files(_ folder: String, suffix: String) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0).path }
    }

    @Test func everyShippedTemplateHasATestFile() {
        let templates = Self.files("templates", suffix: ".rule").map { ($0 as NSString).lastPathComponent.dropLast(5) }
        let tests = Self.files("rules/tests/templates", suffix: ".json").map { ($0 as NSString).lastPathComponent.dropLast(5) }
        #expect(templates.count == 46)
        #expect(tests == templates)
    }

    @Test(arguments: files("rules/tests/templates", suffix: ".json") + files("rules/tests", suffix: ".json"))
    func testFilePasses(_ path: String) throws {
        let result = try RuleTestRunner.run(path: path)
        #expect(result.succeeded, "\(path):\n\(result.text)")
    }

    @Test func everyTemplateThisEngineEvaluatesIsRaisedAndResolvedByItsTest() throws {
        for path in Self.files("rules/tests/templates", suffix: ".json") {
            let file = try RuleTestFile.load(path: path)
            guard file.destination == nil, file.refusal == nil else { continue }
            let states = file.tests.flatMap(\.expected).map(\.state)
            #expect(states.contains("ACTIVE") && states.contains("RESOLVED"), "\(path) does not raise and resolve")
        }
    }
}
