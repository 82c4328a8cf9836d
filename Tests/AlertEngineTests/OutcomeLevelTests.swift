import Testing

@testable import AlertEngine

/// Outcome names and severities (engine.md §3.5).
@Suite struct OutcomeLevelTests {
    @Test func severityComesFromTheName() {
        #expect(OutcomeLevel.allCases.map(\.severity.rawValue) == ["CRITICAL", "WARNING", "WARNING", "CRITICAL"])
        #expect(
            OutcomeLevel.allCases.map(\.rawValue) == ["low_critical", "low_warning", "high_warning", "high_critical"])
    }
}
