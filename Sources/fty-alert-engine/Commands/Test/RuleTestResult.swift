/// The result of one rule test file.
struct RuleTestResult: Sendable, Equatable {
    /// The test file.
    var path: String
    /// One entry per failed check or case (a case's entry holds its diff); empty: success.
    var failures: [String]
    /// Said after SUCCESS (e.g. a flexible rule that is not evaluated here).
    var note: String?

    /// Whether every check passed.
    var succeeded: Bool { failures.isEmpty }

    /// The report, promtool style: `Unit Testing: FILE`, then `  SUCCESS` or `  FAILED:` and
    /// each failure indented.
    var text: String {
        var lines = ["Unit Testing: \(path)"]
        if succeeded {
            lines.append("  SUCCESS" + (note.map { " (\($0))" } ?? ""))
        } else {
            lines.append("  FAILED:")
            for failure in failures {
                lines.append(contentsOf: failure.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" })
            }
        }
        return lines.joined(separator: "\n")
    }
}
