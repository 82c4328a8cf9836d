import Testing
@testable import AlertEngine

@Suite struct AlertTrackerTests {
    static let warning = AlertCandidate(
        element: "fff", state: .active, severity: "WARNING", description: "too hot", actions: ["EMAIL"])
    static let critical = AlertCandidate(
        element: "fff", state: .active, severity: "CRITICAL", description: "far too hot", actions: ["EMAIL", "SMS"])
    static let ok = AlertCandidate.resolvedByThreshold(element: "fff")
    static let ttl: UInt32 = 60
    static let t0: UInt64 = 1_700_000_000

    /// Applies `candidates` at the given times; returns which ones published (state + severity).
    static func run(_ steps: [(AlertCandidate, UInt64)], ttl: UInt32 = ttl) -> [String?] {
        var tracker = AlertTracker(ruleName: "simplethreshold")
        return steps.map { candidate, now in
            tracker.apply(candidate, metricTTL: ttl, now: now).map { "\($0.state.rawValue) \($0.severity)" }
        }
    }

    // MARK: §7.2 cells, as amended by decisions.md D2

    @Test func firstActiveIsPublished() {
        var tracker = AlertTracker(ruleName: "simplethreshold")
        let publication = tracker.apply(Self.warning, metricTTL: 60, now: Self.t0)
        #expect(publication == AlertPublication(
            ruleName: "simplethreshold", element: "fff", state: .active, severity: "WARNING",
            description: "too hot", actions: ["EMAIL"], time: Self.t0, ttl: 180))
        #expect(tracker.cachedAlert(forElement: "fff")?.state == .active)
    }

    @Test func firstOkSeenIsPublishedAsResolved() {
        #expect(Self.run([(Self.ok, Self.t0)]) == ["RESOLVED "])
    }

    @Test func resolvedToResolvedPublishesNothingEvenAfterTheSpacing() {
        #expect(Self.run([(Self.ok, Self.t0), (Self.ok, Self.t0 + 1), (Self.ok, Self.t0 + 1000)])
            == ["RESOLVED ", nil, nil])
    }

    @Test func resolvedToActiveIsPublishedAtOnce() {
        #expect(Self.run([(Self.ok, Self.t0), (Self.warning, Self.t0 + 1)]) == ["RESOLVED ", "ACTIVE WARNING"])
    }

    @Test func activeToResolvedIsPublishedAtOnce() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.ok, Self.t0 + 1)]) == ["ACTIVE WARNING", "RESOLVED "])
    }

    @Test func severityChangeWhileActiveIsPublishedAtOnce() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.critical, Self.t0 + 1), (Self.warning, Self.t0 + 2)])
            == ["ACTIVE WARNING", "ACTIVE CRITICAL", "ACTIVE WARNING"])
    }

    @Test func descriptionOnlyChangeIsPublishedAtOnce() {
        var changed = Self.warning
        changed.description = "still too hot"
        #expect(Self.run([(Self.warning, Self.t0), (changed, Self.t0 + 1)]) == ["ACTIVE WARNING", "ACTIVE WARNING"])
    }

    @Test func actionsOnlyChangeIsPublishedAtOnce() {
        var changed = Self.warning
        changed.actions = ["EMAIL", "SMS"]
        var reordered = changed
        reordered.actions = ["SMS", "EMAIL"]
        #expect(Self.run([(Self.warning, Self.t0), (changed, Self.t0 + 1), (reordered, Self.t0 + 2)])
            == ["ACTIVE WARNING", "ACTIVE WARNING", "ACTIVE WARNING"])
    }

    @Test func unchangedActiveIsNotRepublishedWithinTheSpacing() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.warning, Self.t0), (Self.warning, Self.t0 + 1),
                          (Self.warning, Self.t0 + 59)])
            == ["ACTIVE WARNING", nil, nil, nil])
    }

    @Test func unchangedActiveIsRepublishedExactlyAtTheSpacing() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.warning, Self.t0 + 59), (Self.warning, Self.t0 + 60),
                          (Self.warning, Self.t0 + 119), (Self.warning, Self.t0 + 120)])
            == ["ACTIVE WARNING", nil, "ACTIVE WARNING", nil, "ACTIVE WARNING"])
    }

    @Test func throttleIsAMinimumSpacingNotASchedule() {
        // Published at t0, next evaluation only at t0+100: published then, and the next one is
        // due 60 s after t0+100, not at t0+120.
        #expect(Self.run([(Self.warning, Self.t0), (Self.warning, Self.t0 + 100), (Self.warning, Self.t0 + 120),
                          (Self.warning, Self.t0 + 159), (Self.warning, Self.t0 + 160)])
            == ["ACTIVE WARNING", "ACTIVE WARNING", nil, nil, "ACTIVE WARNING"])
    }

    @Test func aChangeRestartsTheSpacing() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.critical, Self.t0 + 50), (Self.critical, Self.t0 + 60),
                          (Self.critical, Self.t0 + 110)])
            == ["ACTIVE WARNING", "ACTIVE CRITICAL", nil, "ACTIVE CRITICAL"])
    }

    @Test func reactivationAfterResolutionRestartsTheSpacing() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.ok, Self.t0 + 10), (Self.warning, Self.t0 + 20),
                          (Self.warning, Self.t0 + 60), (Self.warning, Self.t0 + 80)])
            == ["ACTIVE WARNING", "RESOLVED ", "ACTIVE WARNING", nil, "ACTIVE WARNING"])
    }

    @Test func spacingFollowsTheCurrentMetricTTL() {
        var tracker = AlertTracker(ruleName: "r")
        #expect(tracker.apply(Self.warning, metricTTL: 10, now: Self.t0) != nil)
        // Same TTL: 9 s is within the spacing, 10 s is not.
        #expect(tracker.apply(Self.warning, metricTTL: 10, now: Self.t0 + 9) == nil)
        #expect(tracker.apply(Self.warning, metricTTL: 10, now: Self.t0 + 10) != nil)
    }

    @Test func metricTTLChangeChangesThePublishedTTLAndPublishesAtOnce() {
        var tracker = AlertTracker(ruleName: "r")
        #expect(tracker.apply(Self.warning, metricTTL: 60, now: Self.t0)?.ttl == 180)
        #expect(tracker.apply(Self.warning, metricTTL: 30, now: Self.t0 + 1)?.ttl == 90)
        #expect(tracker.apply(Self.warning, metricTTL: 30, now: Self.t0 + 2) == nil)
    }

    @Test func zeroTTLRepublishesEveryEvaluation() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.warning, Self.t0), (Self.warning, Self.t0 + 1)], ttl: 0)
            == ["ACTIVE WARNING", "ACTIVE WARNING", "ACTIVE WARNING"])
    }

    @Test func clockSteppingBackRepublishesRatherThanGoingSilent() {
        #expect(Self.run([(Self.warning, Self.t0), (Self.warning, Self.t0 - 3600), (Self.warning, Self.t0 - 3599)])
            == ["ACTIVE WARNING", "ACTIVE WARNING", nil])
    }

    @Test func elementsAreTrackedSeparately() {
        var tracker = AlertTracker(ruleName: "warranty")
        var other = Self.warning
        other.element = "ggg"
        #expect(tracker.apply(Self.warning, metricTTL: 60, now: Self.t0) != nil)
        #expect(tracker.apply(other, metricTTL: 60, now: Self.t0 + 1)?.element == "ggg")
        #expect(tracker.apply(Self.warning, metricTTL: 60, now: Self.t0 + 2) == nil)
        #expect(tracker.apply(other, metricTTL: 60, now: Self.t0 + 3) == nil)
    }

    @Test func elementsCompareByBytes() {
        var tracker = AlertTracker(ruleName: "p")
        var composed = Self.warning
        composed.element = "caf\u{E9}"
        var decomposed = Self.warning
        decomposed.element = "cafe\u{301}"
        #expect(tracker.apply(composed, metricTTL: 60, now: Self.t0) != nil)
        #expect(tracker.apply(decomposed, metricTTL: 60, now: Self.t0 + 1) != nil)
        #expect(tracker.touch(now: Self.t0 + 2).count == 2)
    }

    /// Past `scanLimit` elements the tracker switches to a dictionary; it must find the same entries.
    @Test func manyElementsAreTrackedByBytesPastTheScanLimit() {
        var tracker = AlertTracker(ruleName: "p")
        let elements = (0..<(AlertTracker.scanLimit * 3)).map { "ups-\($0)" } + ["caf\u{E9}", "cafe\u{301}"]
        for (offset, element) in elements.enumerated() {
            var candidate = Self.warning
            candidate.element = element
            #expect(tracker.apply(candidate, metricTTL: 60, now: Self.t0 + UInt64(offset)) != nil, "\(element)")
        }
        for element in elements {
            var candidate = Self.warning
            candidate.element = element
            #expect(tracker.apply(candidate, metricTTL: 60, now: Self.t0 + 30) == nil, "\(element)")
            #expect(tracker.cachedAlert(forElement: element)?.severity == "WARNING")
        }
        #expect(tracker.cachedAlert(forElement: "ups-999") == nil)
        #expect(tracker.touch(now: Self.t0 + 40).map(\.element) == elements)
        #expect(tracker.isEmpty)
    }

    @Test func suppressedEvaluationLeavesTheCacheAsItWas() {
        var tracker = AlertTracker(ruleName: "r")
        _ = tracker.apply(Self.warning, metricTTL: 60, now: Self.t0)
        _ = tracker.apply(Self.warning, metricTTL: 60, now: Self.t0 + 5)
        #expect(tracker.cachedAlert(forElement: "fff")?.lastPublishedAt == Self.t0)
    }

    // MARK: §7.5 management operations

    static func populated() -> AlertTracker {
        var tracker = AlertTracker(ruleName: "rule1")
        var second = Self.critical
        second.element = "ggg"
        _ = tracker.apply(Self.warning, metricTTL: 60, now: Self.t0)
        _ = tracker.apply(second, metricTTL: 60, now: Self.t0 + 1)
        _ = tracker.apply(.resolvedByLua(element: "hhh"), metricTTL: 60, now: Self.t0 + 2)
        _ = tracker.apply(Self.ok, metricTTL: 60, now: Self.t0 + 3)  // fff resolves
        return tracker
    }

    static func summary(_ publications: [AlertPublication]) -> [String] {
        publications.map {
            "\($0.element) \($0.state.rawValue) \($0.severity) \($0.description) \($0.actions) \($0.ttl) \($0.time)"
        }
    }

    @Test func touchResolvesEveryCachedAlertIncludingResolvedOnesAndClears() {
        var tracker = Self.populated()
        let now = Self.t0 + 10
        #expect(Self.summary(tracker.touch(now: now)) == [
            "fff RESOLVED  Rule was changed implicitly [] 0 \(now)",
            "ggg RESOLVED CRITICAL Rule was changed implicitly [\"EMAIL\", \"SMS\"] 0 \(now)",
            "hhh RESOLVED OK Rule was changed implicitly [\"\"] 0 \(now)",
        ])
        #expect(tracker.isEmpty)
        #expect(tracker.touch(now: now + 1).isEmpty)
    }

    @Test func afterTouchTheNextEvaluationStartsFromNoEntry() {
        var tracker = Self.populated()
        _ = tracker.touch(now: Self.t0 + 10)
        #expect(tracker.apply(Self.ok, metricTTL: 60, now: Self.t0 + 11)?.state == .resolved)
        var ggg = Self.critical
        ggg.element = "ggg"
        #expect(tracker.apply(ggg, metricTTL: 60, now: Self.t0 + 12)?.state == .active)
    }

    @Test func deleteResolvesEveryCachedAlertWithRuleDeleted() {
        var tracker = Self.populated()
        let publications = tracker.deleteAll(now: Self.t0 + 20)
        #expect(publications.map(\.description) == ["Rule deleted", "Rule deleted", "Rule deleted"])
        #expect(publications.allSatisfy { $0.state == .resolved && $0.ttl == 0 && $0.time == Self.t0 + 20 })
        #expect(publications.map(\.severity) == ["", "CRITICAL", "OK"])
        #expect(tracker.isEmpty)
    }

    @Test func updateResolvesEveryCachedAlertWithItsLastDescription() {
        var tracker = Self.populated()
        #expect(Self.summary(tracker.resolveAllForUpdate(now: Self.t0 + 30)) == [
            "fff RESOLVED  ok [] 0 \(Self.t0 + 30)",
            "ggg RESOLVED CRITICAL far too hot [\"EMAIL\", \"SMS\"] 0 \(Self.t0 + 30)",
            "hhh RESOLVED OK everything is ok [\"\"] 0 \(Self.t0 + 30)",
        ])
        #expect(tracker.isEmpty)
    }

    @Test func managementOnAnEmptyTrackerPublishesNothing() {
        var tracker = AlertTracker(ruleName: "r")
        #expect(tracker.touch(now: 1).isEmpty)
        #expect(tracker.deleteAll(now: 1).isEmpty)
        #expect(tracker.resolveAllForUpdate(now: 1).isEmpty)
    }
}
