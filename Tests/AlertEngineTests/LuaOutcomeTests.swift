import Testing

@testable import AlertEngine

@Suite struct LuaOutcomeTests {
    static let truncations: [(Double, LuaOutcome)] = [
        (-2, .highCritical), (-2.9, .highCritical), (-1, .highWarning), (-1.5, .highWarning),
        (-0.5, .ok), (0, .ok), (-0.0, .ok), (0.99, .ok), (1, .lowWarning), (1.7, .lowWarning),
        (2, .lowCritical), (2.9, .lowCritical), (3, .unknown), (-3, .unknown), (1e300, .unknown),
        (.infinity, .unknown), (-.infinity, .unknown), (.nan, .unknown),
    ]

    @Test func truncatesTowardZeroBeforeMapping() {
        for (result, expected) in Self.truncations {
            #expect(LuaOutcome(result: result) == expected, "result \(result)")
        }
    }

    @Test func constantsRoundTripThroughTheirCodes() {
        for outcome in LuaOutcome.allCases {
            #expect(LuaOutcome(result: Double(outcome.code)) == outcome)
        }
        #expect(
            LuaOutcome.allCases.map(\.globalName) == [
                "HIGH_CRITICAL", "HIGH_WARNING", "OK", "LOW_WARNING", "LOW_CRITICAL", "UNKNOWN",
            ])
        #expect(LuaOutcome.allCases.map(\.code) == [-2, -1, 0, 1, 2, 3])
    }

    @Test func onlyLevelsHaveResultNames() {
        #expect(
            LuaOutcome.allCases.map(\.resultName) == [
                "high_critical", "high_warning", nil, "low_warning", "low_critical", nil,
            ])
    }
}
