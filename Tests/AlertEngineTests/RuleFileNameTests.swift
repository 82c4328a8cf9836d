import Testing

@testable import AlertEngine

/// Rule file naming and the load-time name check (engine.md §10.2).
@Suite struct RuleFileNameTests {
    @Test(arguments: [
        ("simplethreshold2.rule", "simplethreshold2", true),
        ("SIMPLETHRESHOLD2.rule", "simplethreshold2", true),
        ("realpower.default@žluťoučký kůň.rule", "realpower.default@Žluťoučký Kůň", false),
        ("x.rule.new", "x.rule", false),
        ("x.RULE", "x", false),
        ("x.rule.txt", "x", false),
        (".rule", "", false),
        ("other.rule", "x", false),
    ])
    func fileNameMatchesRuleName(_ file: String, _ rule: String, _ matches: Bool) {
        #expect(RuleFileName.matches(fileName: file, ruleName: rule) == matches)
    }

    @Test func fileNameRoundTrip() {
        let file = RuleFileName.fileName(forRule: "realpower.default@Žluťoučký Kůň")
        #expect(file == "realpower.default@Žluťoučký Kůň.rule")
        #expect(RuleFileName.claimedRuleName(fileName: file) == "realpower.default@Žluťoučký Kůň")
        #expect(RuleFileName.claimedRuleName(fileName: "x.rule.new") == nil)
    }

    @Test func storableNames() {
        #expect(RuleFileName.canStore(ruleName: "realpower.default@Žluťoučký Kůň"))
        #expect(RuleFileName.canStore(ruleName: ".."))
        #expect(!RuleFileName.canStore(ruleName: "../etc/x"))
        #expect(!RuleFileName.canStore(ruleName: "a\u{0}b"))
        #expect(!RuleFileName.canStore(ruleName: ""))
    }
}
