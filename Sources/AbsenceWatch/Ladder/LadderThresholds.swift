/// How many missed periods separate the rungs of the absence ladder.
///
/// DeepSentinel's semantics (`monitoring/monitoring.go`, `timerIncrement`): the first missed
/// period moves `normal → degraded`; then the counter restarts at each rung, so `degraded → failed`
/// takes ``degradedToFailed`` more misses, `failed → alert-low` ``failedToAlertLow`` more and
/// `alert-low → alert-high` ``alertLowToAlertHigh`` more. With the defaults (10 / 20 / 30, as
/// DeepSentinel) a signal is `failed` at its 11th missed period, `alert-low` at its 31st and
/// `alert-high` at its 61st.
public struct LadderThresholds: Sendable, Hashable, Codable {
    /// Missed periods from `degraded` to `failed` (at least 1).
    public var degradedToFailed: Int
    /// Missed periods from `failed` to `alert-low` (at least 1).
    public var failedToAlertLow: Int
    /// Missed periods from `alert-low` to `alert-high` (at least 1).
    public var alertLowToAlertHigh: Int

    /// DeepSentinel's defaults: 10, 20, 30.
    public static let deepSentinel = LadderThresholds(degradedToFailed: 10, failedToAlertLow: 20, alertLowToAlertHigh: 30)

    /// Creates thresholds. A count below 1 is taken as 1, as DeepSentinel's counter, incremented
    /// before it is compared, behaves; rule parsing refuses such counts with a clear error.
    public init(degradedToFailed: Int = 10, failedToAlertLow: Int = 20, alertLowToAlertHigh: Int = 30) {
        self.degradedToFailed = max(1, degradedToFailed)
        self.failedToAlertLow = max(1, failedToAlertLow)
        self.alertLowToAlertHigh = max(1, alertLowToAlertHigh)
    }

    /// The cumulative count of missed periods at which a signal reaches `rung`.
    public func misses(toReach rung: AbsenceRung) -> Int {
        switch rung {
        case .normal: 0
        case .degraded: 1
        case .failed: 1 + degradedToFailed
        case .alertLow: 1 + degradedToFailed + failedToAlertLow
        case .alertHigh: 1 + degradedToFailed + failedToAlertLow + alertLowToAlertHigh
        }
    }

    /// The rung of a signal that has missed `misses` consecutive periods.
    public func rung(afterMisses misses: Int) -> AbsenceRung {
        if misses >= self.misses(toReach: .alertHigh) { return .alertHigh }
        if misses >= self.misses(toReach: .alertLow) { return .alertLow }
        if misses >= self.misses(toReach: .failed) { return .failed }
        if misses >= 1 { return .degraded }
        return .normal
    }
}
