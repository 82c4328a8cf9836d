extension RuleParser {
    /// The `expect` kind (issue 12): topics, or one topic pattern, expected every period.
    ///
    /// ```json
    /// {"expect": {"rule_name": "ups-1-reports", "target": ["status.ups@ups-1", "load.default@ups-1"],
    ///             "every": "5m", "failed_to_alert_low": 5}}
    /// {"expect": {"rule_name": "every-ups-reports", "pattern": "^status\\.ups@.+", "every": "5m"}}
    /// ```
    /// Exactly one of `target` (a topic or an array of topics) and `pattern` (a regular
    /// expression, Malamute's matcher as pattern rules use; a topic becomes expected at its first
    /// metric); `every` and the ladder counts as in a rule's `expect` member; `rule_class`
    /// optional. Nothing else is read: such a rule has no values, results or evaluation.
    static func parseExpect(_ member: JSONMember) throws(RuleError) -> Rule {
        let path = member.name
        guard case .object = member.value else { throw .badJSON(.wrongType(path: path, expected: "an object")) }
        let fields = RuleFieldReader(body: member.value, path: path)
        let name = try fields.requiredText("rule_name")
        guard !name.isEmpty else { throw .badJSON(.emptyRuleName) }
        let target = member.value[member: "target"]
        let pattern = member.value[member: "pattern"]
        let targets: [String]
        switch (target, pattern) {
        case (nil, nil):
            throw .badJSON(.missingField(path: "\(path).target"))
        case (.some, .some):
            throw .badJSON(.wrongType(path: "\(path).pattern", expected: "absent when target is given (one or the other)"))
        case (let target?, nil):
            targets = target.isScalar ? [target.text] : try fields.requiredTextArray("target")
            guard !targets.isEmpty, targets.allSatisfy({ !$0.isEmpty }) else {
                throw .badJSON(.wrongType(path: "\(path).target", expected: "one or more non-empty topics"))
            }
        case (nil, let pattern?):
            guard pattern.isScalar, !pattern.text.isEmpty else {
                throw .badJSON(.wrongType(path: "\(path).pattern", expected: "a non-empty regular expression"))
            }
            targets = [pattern.text]
        }
        let expectation = try RuleExpectation.parse(member.value, path: path, pattern: pattern != nil)
        return Rule(
            name: name, kind: .expect, targets: targets, element: "", ruleClass: fields.optionalText("rule_class") ?? "",
            ruleSource: nil, values: [], outcomes: [], evaluation: nil,
            storedBytes: JSONWriter.prettyPrintedBytes(.object([member])), expectation: expectation)
    }
}
