import Testing

@testable import AbsenceWatch

/// The absence ladder on a virtual clock: rungs at their exact counts of missed periods, reset,
/// stop, settle period, per-signal overrides, restore.
@Suite struct ExpectationTrackerTests {
    static let start = AbsenceInstant(milliseconds: 1_700_000_000_000)
    static let period: Duration = .seconds(60)
    static let small = LadderThresholds(degradedToFailed: 2, failedToAlertLow: 3, alertLowToAlertHigh: 4)

    /// The instant `periods` periods (plus `extra`) after `start`.
    static func at(_ periods: Int, plus extra: Duration = .zero) -> AbsenceInstant {
        start + period * periods + extra
    }

    /// A tracker with no settle period, expecting "t" and having seen it at `start`.
    static func seen(_ thresholds: LadderThresholds = .deepSentinel) -> ExpectationTracker {
        var tracker = ExpectationTracker(settle: .zero)
        tracker.expect(id: "t", period: period, thresholds: thresholds, now: start)
        tracker.signal(id: "t", at: start)
        return tracker
    }

    /// (misses, rung) for DeepSentinel's defaults: degraded at 1, failed at 11, alert-low at 31,
    /// alert-high at 61 (the counter restarts at each rung: 1, +10, +20, +30).
    static let defaultRungs: [(Int, AbsenceRung)] = [
        (0, .normal), (1, .degraded), (10, .degraded), (11, .failed), (30, .failed),
        (31, .alertLow), (60, .alertLow), (61, .alertHigh), (500, .alertHigh),
    ]

    @Test(arguments: defaultRungs.indices)
    func defaultLadderReachesEachRungAtExactlyItsCount(_ index: Int) {
        let (misses, rung) = Self.defaultRungs[index]
        var tracker = Self.seen()
        _ = tracker.sweep(now: Self.at(misses))
        #expect(tracker["t"]?.rung == rung)
        #expect(tracker["t"]?.misses == misses)
        // One millisecond before the count's deadline, the rung below still holds.
        if misses > 0 {
            var early = Self.seen()
            _ = early.sweep(now: Self.at(misses, plus: .milliseconds(-1)))
            #expect(early["t"]?.misses == misses - 1)
        }
    }

    @Test func thresholdsMapMissesToRungs() {
        let thresholds = Self.small
        #expect(thresholds.misses(toReach: .failed) == 3)
        #expect(thresholds.misses(toReach: .alertLow) == 6)
        #expect(thresholds.misses(toReach: .alertHigh) == 10)
        #expect((0...12).map { thresholds.rung(afterMisses: $0) } == [
            .normal, .degraded, .degraded, .failed, .failed, .failed, .alertLow, .alertLow, .alertLow, .alertLow,
            .alertHigh, .alertHigh, .alertHigh,
        ])
    }

    @Test func sweepingEveryPeriodPublishesWarningThenCriticalOnce() {
        var tracker = Self.seen(Self.small)
        var log: [(Int, AbsenceTransition)] = []
        for step in 1...15 {
            for transition in tracker.sweep(now: Self.at(step)) { log.append((step, transition)) }
        }
        #expect(log.map(\.0) == [1, 3, 6, 10])
        #expect(log.map(\.1.to) == [.degraded, .failed, .alertLow, .alertHigh])
        #expect(log.map(\.1.publication) == [nil, nil, .activeWarning, .activeCritical])
    }

    @Test func aLateSweepCountsEveryElapsedPeriodAndPublishesOnlyTheHighest() {
        var tracker = Self.seen(Self.small)
        let transitions = tracker.sweep(now: Self.at(12, plus: .seconds(30)))
        #expect(transitions == [AbsenceTransition(id: "t", from: .normal, to: .alertHigh, publication: .activeCritical)])
        #expect(tracker["t"]?.misses == 12)
        #expect(tracker["t"]?.deadline == Self.at(13))
        do {
            let got = tracker.sweep(now: Self.at(12, plus: .seconds(59)))
            #expect(got.isEmpty)
        }
    }

    @Test(arguments: [AbsenceRung.alertLow, .alertHigh])
    func aSignalAfterAnAlertResolvesOnce(_ rung: AbsenceRung) {
        var tracker = Self.seen(Self.small)
        let misses = Self.small.misses(toReach: rung)
        _ = tracker.sweep(now: Self.at(misses))
        #expect(tracker["t"]?.rung == rung)
        let back = tracker.signal(id: "t", at: Self.at(misses, plus: .seconds(1)))
        #expect(back == AbsenceTransition(id: "t", from: rung, to: .normal, publication: .resolved))
        do {
            let got = tracker.signal(id: "t", at: Self.at(misses, plus: .seconds(2)))
            #expect(got == nil)
        }
        #expect(tracker["t"]?.misses == 0)
        // The clock restarts from the signal: the next miss is one period after it.
        do {
            let got = tracker.sweep(now: Self.at(misses + 1, plus: .seconds(1)))
            #expect(got.isEmpty)
        }
        do {
            let got = tracker.sweep(now: Self.at(misses + 1, plus: .seconds(2)))
            #expect(got.map(\.to) == [.degraded])
        }
    }

    @Test(arguments: [AbsenceRung.degraded, .failed])
    func aSignalBeforeAnAlertReturnsToNormalWithoutPublishing(_ rung: AbsenceRung) {
        var tracker = Self.seen(Self.small)
        _ = tracker.sweep(now: Self.at(Self.small.misses(toReach: rung)))
        let back = tracker.signal(id: "t", at: Self.at(20))
        #expect(back == AbsenceTransition(id: "t", from: rung, to: .normal, publication: nil))
    }

    @Test func aSignalInTimeKeepsTheSignalNormal() {
        var tracker = Self.seen(Self.small)
        for step in 1...100 {
            tracker.signal(id: "t", at: Self.at(step, plus: .seconds(-1)))
            do {
                let got = tracker.sweep(now: Self.at(step))
                #expect(got.isEmpty)
            }
        }
        #expect(tracker["t"]?.rung == .normal)
    }

    @Test func stopForgetsTheSignalWithoutAlertingAndResolvesAnAlertThatWasOut() {
        var quiet = Self.seen(Self.small)
        _ = quiet.sweep(now: Self.at(4))
        do {
            let got = quiet.stop(id: "t")
            #expect(got == nil)
        }
        #expect(quiet.count == 0)
        do {
            let got = quiet.sweep(now: Self.at(100))
            #expect(got.isEmpty)
        }

        var alerting = Self.seen(Self.small)
        _ = alerting.sweep(now: Self.at(6))
        do {
            let got = alerting.stop(id: "t")
            #expect(got == AbsenceTransition(id: "t", from: .alertLow, to: .normal, publication: .resolved))
        }
        do {
            let got = alerting.stop(id: "t")
            #expect(got == nil)
        }
        do {
            let got = alerting.signal(id: "t", at: Self.at(7))
            #expect(got == nil)
        }
    }

    @Test func stopKeepsTheOtherExpectationsAddressable() {
        var tracker = ExpectationTracker(settle: .zero)
        for name in ["a", "b", "c", "d"] {
            tracker.expect(id: name, period: Self.period, thresholds: Self.small, now: Self.start)
        }
        tracker.stop(id: "a")
        tracker.stop(id: "c")
        #expect(Set(tracker.expectations.map(\.id)) == ["b", "d"])
        tracker.signal(id: "d", at: Self.at(5))
        #expect(tracker["d"]?.lastSignal == Self.at(5))
        #expect(tracker["b"]?.lastSignal == nil)
    }

    @Test func aNeverSeenSignalIsLeftAloneForTheSettlePeriodOfOnePeriodByDefault() {
        var tracker = ExpectationTracker()
        tracker.expect(id: "t", period: Self.period, thresholds: Self.small, now: Self.start)
        do {
            let got = tracker.sweep(now: Self.at(2, plus: .milliseconds(-1)))
            #expect(got.isEmpty)
        }
        do {
            let got = tracker.sweep(now: Self.at(2))
            #expect(got.map(\.to) == [.degraded])
        }
    }

    @Test func anExplicitSettlePeriodDelaysTheFirstMiss() {
        var tracker = ExpectationTracker(settle: .seconds(300))
        tracker.expect(id: "t", period: Self.period, thresholds: Self.small, now: Self.start)
        do {
            let got = tracker.sweep(now: Self.at(5, plus: .seconds(59)))
            #expect(got.isEmpty)
        }
        do {
            let got = tracker.sweep(now: Self.at(6))
            #expect(got.map(\.to) == [.degraded])
        }
    }

    @Test func aSignalDuringTheSettlePeriodStartsItsClockAtOnce() {
        var tracker = ExpectationTracker(settle: .seconds(600))
        tracker.expect(id: "t", period: Self.period, thresholds: Self.small, now: Self.start)
        tracker.signal(id: "t", at: Self.at(0, plus: .seconds(10)))
        do {
            let got = tracker.sweep(now: Self.at(1, plus: .seconds(10)))
            #expect(got.map(\.to) == [.degraded])
        }
    }

    @Test func eachSignalHasItsOwnPeriodAndLadder() {
        var tracker = ExpectationTracker(settle: .zero)
        tracker.expect(id: "fast", period: .seconds(1), thresholds: LadderThresholds(degradedToFailed: 1, failedToAlertLow: 1, alertLowToAlertHigh: 1), now: Self.start)
        tracker.expect(id: "slow", period: .seconds(60), thresholds: .deepSentinel, now: Self.start)
        _ = tracker.sweep(now: Self.start + .seconds(4))
        #expect(tracker["fast"]?.rung == .alertHigh)
        #expect(tracker["slow"]?.rung == .normal)
        #expect(tracker.rungCounts == [.normal: 1, .degraded: 0, .failed: 0, .alertLow: 0, .alertHigh: 1])
    }

    @Test func expectingAgainUpdatesPeriodAndLadderButKeepsTheRung() {
        var tracker = Self.seen(Self.small)
        _ = tracker.sweep(now: Self.at(3))
        tracker.expect(id: "t", period: .seconds(10), thresholds: .deepSentinel, now: Self.at(3))
        #expect(tracker["t"]?.rung == .failed)
        #expect(tracker["t"]?.period == .seconds(10))
        // A larger ladder never moves the rung down before a signal.
        _ = tracker.sweep(now: Self.at(3, plus: .seconds(10)))
        #expect(tracker["t"]?.rung == .failed)
    }

    @Test func restoreKeepsTheRungAndDoesNotCountTheDowntime() {
        var before = Self.seen(Self.small)
        _ = before.sweep(now: Self.at(6))
        let saved = before.saved
        #expect(saved == [SavedLadder(id: "t", rung: .alertLow, misses: 6, lastSignal: Self.start)])

        var after = ExpectationTracker()
        after.expect(id: "t", period: Self.period, thresholds: Self.small, now: Self.at(100))
        do {
            let got = after.restore(saved[0], now: Self.at(100))
            #expect(got)
        }
        #expect(after["t"]?.rung == .alertLow)
        do {
            let got = after.sweep(now: Self.at(102, plus: .milliseconds(-1)))
            #expect(got.isEmpty)
        }
        // Settle (one period) then the misses go on from the saved count: 7 … 10 → alert-high.
        do {
            let got = after.sweep(now: Self.at(105))
            #expect(got.map(\.publication) == [.activeCritical])
        }
        do {
            let got = after.restore(SavedLadder(id: "unknown", rung: .failed, misses: 3, lastSignal: nil), now: Self.at(100))
            #expect(got == false)
        }
    }

    @Test func rungNamesRoundTrip() {
        #expect(AbsenceRung.allCases.map(\.name) == ["normal", "degraded", "failed", "alert-low", "alert-high"])
        for rung in AbsenceRung.allCases { #expect(AbsenceRung(name: rung.name) == rung) }
        #expect(AbsenceRung(name: "alertLow") == nil)
    }

    @Test func thresholdsBelowOneAreTakenAsOne() {
        #expect(LadderThresholds(degradedToFailed: 0, failedToAlertLow: -3, alertLowToAlertHigh: 1)
            == LadderThresholds(degradedToFailed: 1, failedToAlertLow: 1, alertLowToAlertHigh: 1))
    }
}
