/// A repeating timer as a value: the engine loop asks it whether it is due (decisions.md D1).
///
/// The first firing is one period after `start`, as the original's poll (engine.md §5.1).
/// A late check fires once and schedules the next firing one period after that check, so a
/// stalled loop does not fire a burst of catch-up ticks.
struct PeriodicTimer {
    /// The time between firings.
    let period: Duration
    /// When the timer fires next.
    private(set) var deadline: ContinuousClock.Instant

    init(period: Duration, start: ContinuousClock.Instant) {
        self.period = period
        self.deadline = start + period
    }

    /// True when the timer is due at `now`; the next deadline is then set.
    mutating func fire(now: ContinuousClock.Instant) -> Bool {
        guard now >= deadline else { return false }
        deadline = now + period
        return true
    }
}
