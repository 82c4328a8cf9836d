import Testing
@testable import AlertEngine

@Suite struct SimpleThresholdEvaluatorTests {
    static let lowCritical = AlertOutcome(severity: "CRITICAL", description: "low critical", actions: ["EMAIL"])
    static let lowWarning = AlertOutcome(severity: "WARNING", description: "low warning", actions: ["SMS"])
    static let highWarning = AlertOutcome(severity: "WARNING", description: "high warning", actions: [])
    static let highCritical = AlertOutcome(
        severity: "CRITICAL", description: "high critical", actions: ["EMAIL", "GPO_INTERACTION:gpo-1:open"])
    static let allOutcomes: [String: AlertOutcome] = [
        "low_critical": lowCritical, "low_warning": lowWarning,
        "high_warning": highWarning, "high_critical": highCritical,
    ]
    /// engine.md §6.1 example: lc 30, lw 40, hw 50, hc 60.
    static let exampleLevels = ThresholdLevels(lowCritical: 30, lowWarning: 40, highWarning: 50, highCritical: 60)

    static func evaluate(
        _ value: Double, levels: ThresholdLevels = exampleLevels, outcomes: [String: AlertOutcome] = allOutcomes
    ) -> AlertCandidate {
        SimpleThresholdEvaluator.evaluate(value: value, levels: levels, outcomes: outcomes, element: "fff")
    }

    @Test(arguments: [
        (20.0, lowCritical), (35.0, lowWarning), (30.0, lowWarning), (52.0, highWarning),
        (60.0, highWarning), (62.0, highCritical), (29.999, lowCritical), (60.001, highCritical),
        (-1e300, lowCritical), (Double.infinity, highCritical), (-Double.infinity, lowCritical),
    ])
    func breachedLevelGivesActiveCandidateWithItsOutcome(value: Double, outcome: AlertOutcome) {
        #expect(Self.evaluate(value) == .active(element: "fff", outcome: outcome))
    }

    @Test(arguments: [42.0, 50.0, 40.0, 45.0, 41.0])
    func valueWithinLevelsResolvesWithSimpleThresholdValues(value: Double) {
        let candidate = Self.evaluate(value)
        #expect(candidate == AlertCandidate(element: "fff", state: .resolved, severity: "", description: "ok", actions: []))
    }

    @Test func exampleOfTheSpecificationInOrder() {
        let values: [Double] = [20, 35, 30, 42, 50, 52, 60, 62]
        let got = values.map { v -> String in
            let c = Self.evaluate(v)
            return "\(c.state.rawValue) \(c.severity) \(c.description)"
        }
        #expect(got == [
            "ACTIVE CRITICAL low critical", "ACTIVE WARNING low warning", "ACTIVE WARNING low warning",
            "RESOLVED  ok", "RESOLVED  ok", "ACTIVE WARNING high warning", "ACTIVE WARNING high warning",
            "ACTIVE CRITICAL high critical",
        ])
    }

    @Test func highChecksComeBeforeLowChecksWhenLevelsOverlap() {
        // Inverted levels: 5 is both > high_critical 0 and < low_critical 10; high wins (§6.1 order).
        let levels = ThresholdLevels(lowCritical: 10, lowWarning: 20, highWarning: -5, highCritical: 0)
        #expect(Self.evaluate(5, levels: levels).description == "high critical")
        #expect(Self.evaluate(-1, levels: levels).description == "high warning")
        #expect(Self.evaluate(-6, levels: levels).description == "low critical")
    }

    @Test func absentLevelsAreNeverChecked() {
        let onlyHighWarning = ThresholdLevels(highWarning: 50)
        #expect(Self.evaluate(20, levels: onlyHighWarning).state == .resolved)
        #expect(Self.evaluate(1e9, levels: onlyHighWarning).description == "high warning")
        #expect(Self.evaluate(1e9, levels: ThresholdLevels()).state == .resolved)
    }

    /// engine.md Q7: a level defined in `values` with no outcome is skipped; the next check runs.
    @Test(arguments: [
        // (missing outcome, value, expected description or nil for resolved)
        ("high_critical", 62.0, "high warning" as String?),
        ("high_warning", 62.0, "high critical"),
        ("high_warning", 55.0, nil),
        ("low_critical", 20.0, "low warning"),
        ("low_warning", 20.0, "low critical"),
        ("low_warning", 35.0, nil),
    ])
    func levelWithoutOutcomeIsSkipped(missing: String, value: Double, expected: String?) {
        var outcomes = Self.allOutcomes
        outcomes[missing] = nil
        let candidate = Self.evaluate(value, outcomes: outcomes)
        if let expected {
            #expect(candidate.state == .active)
            #expect(candidate.description == expected)
        } else {
            #expect(candidate == .resolvedByThreshold(element: "fff"))
        }
    }

    @Test func noOutcomesAtAllAlwaysResolves() {
        for value in [20.0, 35, 42, 52, 62] {
            #expect(Self.evaluate(value, outcomes: [:]) == .resolvedByThreshold(element: "fff"))
        }
    }

    @Test func nanBreachesNothing() {
        #expect(Self.evaluate(.nan) == .resolvedByThreshold(element: "fff"))
    }

    @Test func levelsAreReadByTheirNames() {
        let values: [String: Double] = ["low_critical": 1, "low_warning": 2, "high_warning": 3, "high_critical": 4, "x": 9]
        let levels = ThresholdLevels(valueNamed: { values[$0] })
        #expect(levels == ThresholdLevels(lowCritical: 1, lowWarning: 2, highWarning: 3, highCritical: 4))
    }

    @Test func resolutionValuesDifferBetweenSimpleAndLua() {
        let simple = AlertCandidate.resolvedByThreshold(element: "e")
        let lua = AlertCandidate.resolvedByLua(element: "e")
        #expect((simple.severity, simple.description, simple.actions) == ("", "ok", []))
        #expect((lua.severity, lua.description, lua.actions) == ("OK", "everything is ok", [""]))
        #expect(simple.state == .resolved && lua.state == .resolved)
    }
}
