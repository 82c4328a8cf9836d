/// Expected against got transitions of a rule test case: a match where each expected field that
/// is given equals the one got, and a line diff (`-` expected only, `+` got only) otherwise.
enum RuleTestDiff {
    /// Whether `got` is `expected`, entry by entry.
    static func matches(expected: [RuleTestFile.Transition], got: [RuleTestFile.Transition]) -> Bool {
        expected.count == got.count && zip(expected, got).allSatisfy(matches)
    }

    /// Whether `got` has every field `expected` gives.
    static func matches(_ expected: RuleTestFile.Transition, _ got: RuleTestFile.Transition) -> Bool {
        expected.at == got.at && expected.state == got.state
            && (expected.element == nil || expected.element == got.element)
            && (expected.severity == nil || expected.severity == got.severity)
            && (expected.description == nil || expected.description == got.description)
    }

    /// The diff: a longest common subsequence under ``matches(_:_:)``; common lines start with
    /// two spaces.
    static func lines(expected: [RuleTestFile.Transition], got: [RuleTestFile.Transition]) -> [String] {
        let (n, m) = (expected.count, got.count)
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = matches(expected[i], got[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines = ["  expected vs got (- expected only, + got only):"]
        var (i, j) = (0, 0)
        while i < n || j < m {
            if i < n, j < m, matches(expected[i], got[j]) {
                lines.append("    \(text(got[j]))")
                (i, j) = (i + 1, j + 1)
            } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
                lines.append("  - \(text(expected[i]))")
                i += 1
            } else {
                lines.append("  + \(text(got[j]))")
                j += 1
            }
        }
        if n == 0, m == 0 { lines.append("    (none)") }
        return lines
    }

    /// One transition as a line: `at=120s element=sensor-1 ACTIVE CRITICAL "description"`.
    static func text(_ transition: RuleTestFile.Transition) -> String {
        var line = "at=\(transition.at)s element=\(transition.element ?? "*") \(transition.state)"
        if let severity = transition.severity { line += " \(severity)" }
        if let description = transition.description { line += " \"\(description)\"" }
        return line
    }
}
