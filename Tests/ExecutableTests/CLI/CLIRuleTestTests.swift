import Foundation
import TestSupport
import Testing

/// `fty-alert-engine test FILE...` through the real executable (issue 13 item 6): promtool-like
/// output, exit 0 when every file passes, 1 with a diff when one fails, 2 for an unreadable file.
@Suite struct CLIRuleTestTests {
    static let example = Fixtures.packageRoot.appendingPathComponent("rules/tests/temperature-hysteresis.json").path
    static let rule = Fixtures.packageRoot.appendingPathComponent("rules/tests/temperature-hysteresis.rule").path

    /// A test file of the example rule whose second expected transition is `expected`, alone in
    /// a scratch directory the caller removes.
    static func writeTest(expectingRaiseAt seconds: Int) throws -> String {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/hot.json"
        let text = """
            {"rule": "\(rule)", "interval": 60, "tests": [{"name": "hot", "input_series": {"temperature@room-1": "20 25 41 41 36 20"},
              "expected": [{"at": 0, "state": "RESOLVED"}, {"at": \(seconds), "state": "ACTIVE", "severity": "CRITICAL"},
                           {"at": 240, "state": "RESOLVED"}]}]}
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aPassingFileIsSuccessAndExitZero() throws {
        let passing = try Self.writeTest(expectingRaiseAt: 120)
        defer { try? FileManager.default.removeItem(atPath: (passing as NSString).deletingLastPathComponent) }
        let result = try CLIProcess.run(["test", Self.example, passing])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.filter { $0 == "  SUCCESS" }.count == 2, "\(result)")
        #expect(result.lines.first == "Unit Testing: \(Self.example)", "\(result)")
    }

    @Test func aFailingFileIsFailedWithADiffAndExitOne() throws {
        let failing = try Self.writeTest(expectingRaiseAt: 60)
        defer { try? FileManager.default.removeItem(atPath: (failing as NSString).deletingLastPathComponent) }
        let result = try CLIProcess.run(["test", Self.example, failing])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("Unit Testing: \(failing)\n  FAILED:\n    test \"hot\":"), "\(result)")
        #expect(result.stdout.contains("  - at=60s element=* ACTIVE CRITICAL"), "\(result)")
        #expect(result.stdout.contains("  + at=120s element=room-1 ACTIVE CRITICAL \"room-1 is too hot\""), "\(result)")
        // The other file still passes.
        #expect(result.stdout.contains("Unit Testing: \(Self.example)\n  SUCCESS"), "\(result)")
    }

    @Test func anUnreadableOrInvalidFileIsExitTwoNamingIt() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let invalid = directory + "/invalid.json"
        try #"{"rule": "x.rule"}"#.write(toFile: invalid, atomically: true, encoding: .utf8)
        let missing = directory + "/missing.json"
        let result = try CLIProcess.run(["test", invalid, missing])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("\(invalid): missing \"tests\""), "\(result)")
        #expect(result.stderr.contains("\(missing): cannot read the file"), "\(result)")
    }
}
