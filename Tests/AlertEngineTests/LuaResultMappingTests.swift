import Testing
@testable import AlertEngine

@Suite struct LuaResultMappingTests {
    static let outcomes = SimpleThresholdEvaluatorTests.allOutcomes

    @Test(arguments: [
        (LuaOutcome.highCritical, "high_critical"), (.highWarning, "high_warning"), (.lowWarning, "low_warning"),
        (.lowCritical, "low_critical"),
    ])
    func levelWithOutcomeGivesActiveCandidate(outcome: LuaOutcome, name: String) throws {
        let candidate = try LuaResultMapping.candidate(for: outcome, outcomes: Self.outcomes, element: "ups-1")
        #expect(candidate == .active(element: "ups-1", outcome: Self.outcomes[name]!))
    }

    @Test func okResolvesWithLuaValues() throws {
        let candidate = try LuaResultMapping.candidate(for: .ok, outcomes: Self.outcomes, element: "ups-1")
        #expect(candidate == AlertCandidate(
            element: "ups-1", state: .resolved, severity: "OK", description: "everything is ok", actions: [""]))
    }

    @Test(arguments: [3.0, -3.0, 3.5, 1e300, -1e300, Double.infinity, -Double.infinity, Double.nan])
    func unknownResultYieldsNothing(result: Double) {
        #expect(throws: LuaResultError.unknownResult) {
            try LuaResultMapping.candidate(for: LuaOutcome(result: result), outcomes: Self.outcomes, element: "e")
        }
    }

    @Test(arguments: [
        (LuaOutcome.highCritical, "high_critical"), (.highWarning, "high_warning"), (.lowWarning, "low_warning"),
        (.lowCritical, "low_critical"),
    ])
    func levelWithoutOutcomeYieldsNothing(outcome: LuaOutcome, name: String) {
        var outcomes = Self.outcomes
        outcomes[name] = nil
        #expect(throws: LuaResultError.missingOutcome(name: name)) {
            try LuaResultMapping.candidate(for: outcome, outcomes: outcomes, element: "e")
        }
    }

    @Test(arguments: [
        (1.9, "low_warning" as String?), (-1.9, "high_warning"), (2.99, "low_critical"), (-2.5, "high_critical"),
        (-0.5, nil), (0.99, nil), (-0.0, nil), (2.0, "low_critical"),
    ])
    func resultIsTruncatedTowardZero(result: Double, name: String?) throws {
        let candidate = try LuaResultMapping.candidate(
            for: LuaOutcome(result: result), outcomes: Self.outcomes, element: "e")
        if let name {
            #expect(candidate == .active(element: "e", outcome: Self.outcomes[name]!))
        } else {
            #expect(candidate == .resolvedByLua(element: "e"))
        }
    }

    /// The rule model answers outcome lookups itself (first outcome of a name wins, §3.5).
    @Test func ruleIsAnOutcomeLookup() throws {
        let rule = try RuleParser.parse(ReferenceFiles.rule("warranty.rule"))
        let candidate = try LuaResultMapping.candidate(for: .lowWarning, outcomes: rule, element: "ups-9")
        #expect(candidate.severity == "WARNING")
        #expect(candidate.description == WarrantyDescription.expiresIn)
    }
}
