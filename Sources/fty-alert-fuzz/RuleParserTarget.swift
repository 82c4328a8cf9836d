import AlertEngine

/// The rule reader the engine runs on every ADD, UPDATE and rule file: JSON, then the fields of
/// each rule kind (engine.md §3).
struct RuleParserTarget: FuzzTarget {
    let name = "rule"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        _ = try? RuleParser.parse(input)
    }
}
