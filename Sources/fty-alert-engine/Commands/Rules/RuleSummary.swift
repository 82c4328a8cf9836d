import AlertEngine

/// The columns `rules list` prints for one stored rule document.
struct RuleSummary {
    var name: String
    var kind: String
    var element: String
    var ruleClass: String

    /// Reads a stored rule (engine.md §3.7) with the engine's own parser.
    init(document: [UInt8]) {
        if let rule = try? RuleParser.parse(document) {
            name = rule.name
            kind = Self.word(rule.kind)
            element = rule.element
            ruleClass = rule.ruleClass
        } else {
            name = "?"
            kind = "?"
            element = ""
            ruleClass = ""
        }
    }

    /// The kind as one word.
    static func word(_ kind: RuleKind) -> String {
        switch kind {
        case .simpleThreshold: "threshold"
        case .deviceThreshold: "device-threshold"
        case .complexThreshold: "complex-threshold"
        case .single: "single"
        case .pattern: "pattern"
        case .expect: "expect"
        }
    }

    /// Rows aligned in columns under a header, sorted by name.
    static func table(_ summaries: [RuleSummary]) -> [String] {
        let rows = [["NAME", "KIND", "ELEMENT", "CLASS"]]
            + summaries.sorted { $0.name < $1.name }.map { [$0.name, $0.kind, $0.element, $0.ruleClass] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for column in 0..<3 {
                line += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2)
            }
            return line + row[3]
        }
    }
}
