import AlertEngine
import Logging
import Testing

/// The audit line per alert transition (engine.md §13, issue 6).
@Suite struct AlertTransitionAuditTests {
    static func candidate(_ state: AlertState, _ severity: String, _ description: String = "d") -> AlertCandidate {
        AlertCandidate(element: "ups-1", state: state, severity: severity, description: description, actions: ["EMAIL"])
    }

    /// What `tracker` publishes for `candidate`; fails the test when it publishes nothing.
    static func published(
        _ tracker: inout AlertTracker, _ candidate: AlertCandidate, metricTTL: UInt32, metricValue: Double? = nil,
        now: UInt64
    ) throws -> AlertPublication {
        let publication = tracker.apply(candidate, metricTTL: metricTTL, metricValue: metricValue, now: now)
        return try #require(publication)
    }

    @Test func trackerPublicationsCarryThePreviousStateAndSeverity() {
        var tracker = AlertTracker(ruleName: "load")
        let first = tracker.apply(Self.candidate(.active, "WARNING"), metricTTL: 60, now: 100)
        #expect(first?.previousState == nil && first?.previousSeverity == nil)
        let second = tracker.apply(Self.candidate(.active, "CRITICAL"), metricTTL: 60, now: 101)
        #expect(second?.previousState == .active && second?.previousSeverity == "WARNING")
        let deleted = tracker.deleteAll(now: 102)
        #expect(deleted.map(\.previousState) == [.active] && deleted.map(\.previousSeverity) == ["CRITICAL"])
    }

    @Test func changesOfStateOrSeverityAreTransitionsRepublicationsAreNot() throws {
        var tracker = AlertTracker(ruleName: "load")
        let first = try Self.published(&tracker, Self.candidate(.active, "WARNING"), metricTTL: 60, now: 100)
        #expect(AlertTransitionAudit.entry(for: first)?.message == "Alert NONE -> ACTIVE WARNING")
        #expect(AlertTransitionAudit.entry(for: first)?.metadata == ["rule": "load", "element": "ups-1"])
        // Same state and severity, published again once the spacing passed: no line.
        let again = try Self.published(&tracker, Self.candidate(.active, "WARNING"), metricTTL: 60, now: 200)
        #expect(AlertTransitionAudit.entry(for: again) == nil)
        // A new description alone is not a transition either.
        let reworded = try Self.published(&tracker, Self.candidate(.active, "WARNING", "other"), metricTTL: 60, now: 201)
        #expect(AlertTransitionAudit.entry(for: reworded) == nil)
        let worse = try Self.published(&tracker, Self.candidate(.active, "CRITICAL"), metricTTL: 60, now: 202)
        #expect(AlertTransitionAudit.entry(for: worse)?.message == "Alert ACTIVE WARNING -> ACTIVE CRITICAL")
        let resolved = try Self.published(&tracker, Self.candidate(.resolved, ""), metricTTL: 60, now: 203)
        #expect(AlertTransitionAudit.entry(for: resolved)?.message == "Alert ACTIVE CRITICAL -> RESOLVED")
        let touched = tracker.touch(now: 204)
        #expect(touched.compactMap { AlertTransitionAudit.entry(for: $0)?.message } == [])  // RESOLVED '' -> RESOLVED ''
    }

    @Test func theWarrantyRuleIsNamedAsPublished() throws {
        var tracker = AlertTracker(ruleName: "warranty")
        let first = try Self.published(&tracker, Self.candidate(.active, "WARNING"), metricTTL: 60, metricValue: 10, now: 1)
        #expect(AlertTransitionAudit.entry(for: first)?.metadata["rule"] == "warranty@ups-1")
    }
}
