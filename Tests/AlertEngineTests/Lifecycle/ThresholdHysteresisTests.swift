import Testing

@testable import AlertEngine

/// Hysteresis of simple thresholds, through the engine: a rule with `high_critical_clear`
/// stays CRITICAL until the value is below the clear value.
@Suite struct ThresholdHysteresisTests {
    static let rule = """
        {"threshold": {"rule_name": "t@room-1", "target": "temperature@room-1", "element": "room-1",
         "values": [{"high_warning": "30"}, {"high_critical": "40"}, {"high_critical_clear": "37"},
                    {"high_warning_clear": "28"}],
         "results": [{"high_critical": {"action": [], "description": "hot"}},
                     {"high_warning": {"action": [], "description": "warm"}}]}}
        """

    /// Values in, the severity published per value ("-" nothing, "OK" resolved).
    static let cases: [([String], [String])] = [
        (["20", "41", "39", "38", "36", "29", "27"], ["OK", "CRITICAL", "-", "-", "WARNING", "-", "OK"]),
        (["41", "36", "41"], ["CRITICAL", "WARNING", "CRITICAL"]),
        (["35", "29", "27"], ["WARNING", "-", "OK"]),
    ]

    @Test(arguments: cases.indices)
    func staysAtALevelUntilTheValueIsBackPastItsClearValue(_ index: Int) throws {
        let harness = try EngineHarness(files: ["t@room-1.rule": Self.rule])
        try harness.load()
        let (values, expected) = Self.cases[index]
        var got: [String] = []
        for value in values {
            harness.time += 1
            let publications = harness.metric("temperature@room-1", value)
            got.append(publications.first.map { $0.state == .resolved ? "OK" : $0.severity } ?? "-")
        }
        #expect(got == expected)
    }

    @Test func ruleWithoutLifecycleFieldsHasNoPolicyAndTheSameStoredForm() throws {
        let plain = try RuleParser.parse(
            #"{"threshold": {"rule_name": "p", "target": "t@a", "element": "a", "values": [{"high_critical": "4"}], "results": []}}"#)
        #expect(plain.lifecycle == nil)
        let rule = try RuleParser.parse(Self.rule)
        #expect(rule.lifecycle?.clear.highCritical == 37)
        #expect(rule.storedJSON.contains("high_critical_clear"))
    }

    @Test func badLifecycleFieldsAreRefusedAsBadJSON() {
        for body in [#""for": 5"#, #""for": {"critical": "soon"}"#, #""flap_damping": {"reuse": 3000}"#] {
            let text = #"{"threshold": {"rule_name": "p", "target": "t@a", "element": "a", "values": [], "results": [], "#
                + body + "}}"
            #expect(throws: RuleError.self, "\(body)") { try RuleParser.parse(text) }
        }
    }
}
