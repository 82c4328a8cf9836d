import Foundation

/// Rule documents written to scratch files, for `rules add` and `check`.
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

    /// Writes `text` into a fresh scratch directory as `fileName`; returns the path.
    static func write(_ text: String, as fileName: String = "rule.rule") throws -> String {
        let directory = NSTemporaryDirectory() + "fty-cli-rules-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + fileName
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
