/// The result of checking one rule or template file.
struct CheckedFile {
    /// The path as given.
    var path: String
    /// True for a template (`…@__type__.rule`), filled with sample values before checking.
    var isTemplate: Bool
    /// The rule name the file (after filling) holds, when it could be read.
    var ruleName: String?
    /// Who takes the rule: `fty-alert-engine`, or `fty-alert-flexible` (engine.md §11.6).
    var destination: String
    /// What is wrong; empty when the file is fine.
    var problems: [CheckProblem]
}
