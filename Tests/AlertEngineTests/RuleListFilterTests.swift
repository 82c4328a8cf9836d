import Testing

@testable import AlertEngine

/// LIST type words (engine.md §9.2).
@Suite struct RuleListFilterTests {
    @Test func typeWordsSelectKinds() throws {
        #expect(try RuleListFilter(wireType: "all") == .all)
        #expect(throws: RuleError.invalidType("ALL")) { try RuleListFilter(wireType: "ALL") }
        #expect(throws: RuleError.invalidType("flexible")) { try RuleListFilter(wireType: "flexible") }
        let threshold = RuleKind.allCases.filter { RuleListFilter.threshold.includes($0) }
        #expect(threshold == [.simpleThreshold, .deviceThreshold, .complexThreshold])
        #expect(RuleKind.allCases.filter { RuleListFilter.single.includes($0) } == [.single])
        #expect(RuleKind.allCases.filter { RuleListFilter.pattern.includes($0) } == [.pattern])
        #expect(RuleKind.allCases.allSatisfy { RuleListFilter.all.includes($0) })
    }
}
