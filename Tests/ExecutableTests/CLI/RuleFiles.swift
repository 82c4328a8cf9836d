import Foundation

/// Rule documents for `rules add` and `check`.
enum RuleFiles {
    /// A simple threshold on `load@<element>`: CRITICAL above 90.
    static func threshold(_ name: String, element: String, ruleClass: String = "") -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "load@\(element)", "element": "\(element)",
         "rule_class": "\(ruleClass)", "values": [{"high_critical": "90"}],
         "results": [{"high_critical": {"action": ["EMAIL"], "description": "overload of \(element)"}}]}}
        """
    }

    /// A `single` rule over two metrics of `element`, with Lua `evaluation`.
    static func single(_ name: String, element: String, ruleClass: String = "", lua: String? = nil) -> String {
        let evaluation = lua ?? "function main(a, b) if a + b > 10 then return HIGH_WARNING end return OK end"
        return """
            {"single": {"rule_name": "\(name)", "target": ["a@\(element)", "b@\(element)"], "element": "\(element)",
             "rule_class": "\(ruleClass)", "values": [],
             "results": [{"high_warning": {"action": [], "severity": "WARNING", "description": "too much"}}],
             "evaluation": "\(evaluation)"}}
            """
    }
}

/// A scratch directory for the files of one test, removed with it.
///
/// Swift Testing makes a suite instance per test, so a suite holding one as a stored property
/// gets a fresh directory per test, removed when the test ends.
final class ScratchDirectory: Sendable {
    let path = NSTemporaryDirectory() + "fty-cli-rules-\(UUID().uuidString)"

    init() {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` as `fileName` (default: a unique `.rule` name); returns the file's path.
    func write(_ text: String, as fileName: String = "\(UUID().uuidString).rule") throws -> String {
        let file = path + "/" + fileName
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
