import Testing

@testable import AlertEngine

/// Outcome names, severities and Lua result codes (engine.md §3.5, §4).
@Suite struct OutcomeLevelTests {
    @Test func luaCodesMapToLevels() {
        #expect(OutcomeLevel(luaCode: -2) == .highCritical)
        #expect(OutcomeLevel(luaCode: -1) == .highWarning)
        #expect(OutcomeLevel(luaCode: 0) == nil)
        #expect(OutcomeLevel(luaCode: 1) == .lowWarning)
        #expect(OutcomeLevel(luaCode: 2) == .lowCritical)
        #expect(OutcomeLevel(luaCode: 3) == nil)
    }

    @Test func severityComesFromTheName() {
        #expect(OutcomeLevel.allCases.map(\.severity.rawValue) == ["CRITICAL", "WARNING", "WARNING", "CRITICAL"])
        #expect(
            OutcomeLevel.allCases.map(\.rawValue) == ["low_critical", "low_warning", "high_warning", "high_critical"])
    }
}
