import Testing
@testable import AlertEngine

@Suite struct LuaResultMappingTests {
    static let outcomes = SimpleThresholdEvaluatorTests.allOutcomes

    @Test(arguments: [
        (-2, "high_critical"), (-1, "high_warning"), (1, "low_warning"), (2, "low_critical"),
    ])
    func codeWithOutcomeGivesActiveCandidate(code: Int, name: String) throws {
        let candidate = try LuaResultMapping.candidate(forCode: code, outcomes: Self.outcomes, element: "ups-1")
        #expect(candidate == .active(element: "ups-1", outcome: Self.outcomes[name]!))
    }

    @Test func zeroResolvesWithLuaValues() throws {
        let candidate = try LuaResultMapping.candidate(forCode: 0, outcomes: Self.outcomes, element: "ups-1")
        #expect(candidate == AlertCandidate(
            element: "ups-1", state: .resolved, severity: "OK", description: "everything is ok", actions: [""]))
    }

    @Test(arguments: [3, -3, 42, Int.min, Int.max])
    func unknownCodeYieldsNothing(code: Int) {
        #expect(throws: LuaResultError.unknownResult(Double(code))) {
            try LuaResultMapping.candidate(forCode: code, outcomes: Self.outcomes, element: "e")
        }
    }

    @Test(arguments: [(-2, "high_critical"), (-1, "high_warning"), (1, "low_warning"), (2, "low_critical")])
    func levelWithoutOutcomeYieldsNothing(code: Int, name: String) {
        var outcomes = Self.outcomes
        outcomes[name] = nil
        #expect(throws: LuaResultError.missingOutcome(name: name)) {
            try LuaResultMapping.candidate(forCode: code, outcomes: outcomes, element: "e")
        }
    }

    @Test(arguments: [
        (1.9, "low_warning" as String?), (-1.9, "high_warning"), (2.99, "low_critical"), (-2.5, "high_critical"),
        (-0.5, nil), (0.99, nil), (-0.0, nil), (2.0, "low_critical"),
    ])
    func resultIsTruncatedTowardZero(result: Double, name: String?) throws {
        let candidate = try LuaResultMapping.candidate(forResult: result, outcomes: Self.outcomes, element: "e")
        if let name {
            #expect(candidate == .active(element: "e", outcome: Self.outcomes[name]!))
        } else {
            #expect(candidate == .resolvedByLua(element: "e"))
        }
    }

    @Test(arguments: [3.0, -3.0, 3.5, 1e300, -1e300, Double.infinity, -Double.infinity])
    func outOfRangeResultIsUnknown(result: Double) {
        #expect(throws: LuaResultError.unknownResult(result)) {
            try LuaResultMapping.candidate(forResult: result, outcomes: Self.outcomes, element: "e")
        }
    }

    @Test func nanResultIsUnknown() {
        #expect {
            try LuaResultMapping.candidate(forResult: .nan, outcomes: Self.outcomes, element: "e")
        } throws: { error in
            guard case .unknownResult(let value) = error as? LuaResultError else { return false }
            return value.isNaN
        }
    }
}
