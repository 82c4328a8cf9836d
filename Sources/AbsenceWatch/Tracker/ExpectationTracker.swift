/// The expected signals and their absence ladders: a pure state machine on an injected clock.
///
/// No threads, no timers, no clock reads: the owner calls ``signal(id:at:)`` when a signal
/// arrives and ``sweep(now:)`` periodically, and performs the returned transitions (publish,
/// persist). Missed periods are counted as DeepSentinel counts its timer expiries: the first
/// deadline is one period after the last signal, each expiry counts one miss and re-arms one
/// period later (``LadderThresholds`` maps misses to rungs). A sweep that comes late counts every
/// period that elapsed, so the rung depends on time, not on how often the sweep runs.
///
/// **Settle period**: a signal never seen since its expectation began (or since a restart
/// restored it) is first counted missing one period after the settle period ends, so a fresh
/// engine does not raise absence alerts for metrics it simply has not received yet.
public struct ExpectationTracker: Sendable {
    /// How long a never-seen (or just restored) signal is left alone before its first period
    /// starts counting.
    public var settle: Duration?

    private var entries: [Expectation] = []
    private var positions: [String: Int] = [:]

    /// An empty tracker. `settle` nil means one period of each expectation (the default of
    /// issue 12); `.zero` turns the settle period off.
    public init(settle: Duration? = nil) {
        self.settle = settle
    }

    /// How many signals are expected.
    public var count: Int { entries.count }

    /// Every expectation, in no particular order.
    public var expectations: [Expectation] { entries }

    /// The expectation `id`, nil when it is not expected.
    public subscript(id: String) -> Expectation? {
        positions[id].map { entries[$0] }
    }

    /// How many expectations stand at each rung (every rung present, zero included).
    public var rungCounts: [AbsenceRung: Int] {
        var counts = Dictionary(uniqueKeysWithValues: AbsenceRung.allCases.map { ($0, 0) })
        for entry in entries { counts[entry.rung, default: 0] += 1 }
        return counts
    }

    /// Starts expecting `id` every `period` with `thresholds`, or updates the period and
    /// thresholds of an existing expectation (keeping its rung, misses and deadline).
    ///
    /// A new expectation is first counted missing at `now + settle + period`.
    public mutating func expect(id: String, period: Duration, thresholds: LadderThresholds, now: AbsenceInstant) {
        if let position = positions[id] {
            entries[position].periodMilliseconds = max(1, period.wholeMilliseconds)
            entries[position].thresholds = thresholds
            return
        }
        let deadline = now + settleDuration(period) + period
        positions[id] = entries.count
        entries.append(Expectation(id: id, period: period, thresholds: thresholds, deadline: deadline))
    }

    /// Records a signal of `id` at `at`: back to `normal`, next deadline one period later.
    ///
    /// - Returns: the transition when the rung changes (with ``AbsencePublication/resolved``
    ///   when an alert was out), nil when it was already `normal` or `id` is not expected.
    @discardableResult
    public mutating func signal(id: String, at: AbsenceInstant) -> AbsenceTransition? {
        guard let position = positions[id] else { return nil }
        let old = entries[position].rung
        entries[position].lastSignal = at
        entries[position].misses = 0
        entries[position].rung = .normal
        entries[position].deadline = at + entries[position].period
        guard old != .normal else { return nil }
        return AbsenceTransition(id: id, from: old, to: .normal, publication: old.isAlerting ? .resolved : nil)
    }

    /// Stops expecting `id` (METRIC_UNAVAILABLE, rule removed): nothing is raised.
    ///
    /// - Returns: a transition to `normal` with ``AbsencePublication/resolved`` when an alert
    ///   was out (so that no ACTIVE alert is left behind), else nil.
    @discardableResult
    public mutating func stop(id: String) -> AbsenceTransition? {
        guard let position = positions.removeValue(forKey: id) else { return nil }
        let removed = entries[position]
        let last = entries.count - 1
        if position != last {
            entries[position] = entries[last]
            positions[entries[position].id] = position
        }
        entries.removeLast()
        guard removed.rung.isAlerting else { return nil }
        return AbsenceTransition(id: id, from: removed.rung, to: .normal, publication: .resolved)
    }

    /// Counts every period that ended by `now` without a signal and returns the rung changes.
    ///
    /// A change that reaches `alert-high` publishes ACTIVE CRITICAL, one that reaches `alert-low`
    /// ACTIVE WARNING (one sweep may climb several rungs; only the highest is published).
    public mutating func sweep(now: AbsenceInstant) -> [AbsenceTransition] {
        var transitions: [AbsenceTransition] = []
        let nowMilliseconds = now.milliseconds
        for position in entries.indices where entries[position].deadline.milliseconds <= nowMilliseconds {
            let period = entries[position].periodMilliseconds
            let elapsed = (nowMilliseconds - entries[position].deadline.milliseconds) / period + 1
            entries[position].deadline.milliseconds += elapsed * period
            let misses = entries[position].misses + Int(clamping: elapsed)
            entries[position].misses = misses
            let old = entries[position].rung
            let new = max(old, entries[position].thresholds.rung(afterMisses: misses))
            guard new != old else { continue }
            entries[position].rung = new
            let publication: AbsencePublication? =
                new == .alertHigh ? .activeCritical : (new == .alertLow ? .activeWarning : nil)
            transitions.append(AbsenceTransition(id: entries[position].id, from: old, to: new, publication: publication))
        }
        return transitions
    }

    /// Restores the persisted rung, misses and last arrival of an expectation already declared
    /// with ``expect(id:period:thresholds:now:)`` (a restart keeps the rung: no RESOLVED, no new
    /// ACTIVE). The time the engine was down is not counted: the next miss is due one period
    /// after the settle period from `now`.
    ///
    /// - Returns: false when `saved.id` is not expected (the saved state is dropped).
    @discardableResult
    public mutating func restore(_ saved: SavedLadder, now: AbsenceInstant) -> Bool {
        guard let position = positions[saved.id] else { return false }
        entries[position].rung = saved.rung
        entries[position].misses = max(0, saved.misses)
        entries[position].lastSignal = saved.lastSignal
        entries[position].deadline = now + settleDuration(entries[position].period) + entries[position].period
        return true
    }

    /// The saved part of every expectation that is not `normal` or has been seen.
    public var saved: [SavedLadder] {
        entries.filter { $0.rung != .normal || $0.lastSignal != nil }.map(SavedLadder.init)
    }

    private func settleDuration(_ period: Duration) -> Duration {
        settle ?? period
    }
}
