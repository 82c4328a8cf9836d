/// One expected signal as the tracker holds it: its period, its ladder and where it stands.
public struct Expectation: Sendable, Hashable {
    /// The signal's id (for bus metrics, the topic `quantity@asset`).
    public let id: String
    /// The expected interval between two signals (whole milliseconds, at least 1).
    public var period: Duration { .milliseconds(periodMilliseconds) }
    /// The ladder of this signal.
    public internal(set) var thresholds: LadderThresholds
    /// The last arrival, nil when none was seen.
    public internal(set) var lastSignal: AbsenceInstant?
    /// The current rung.
    public internal(set) var rung: AbsenceRung
    /// Consecutive missed periods counted since the last signal (or since the expectation began).
    public internal(set) var misses: Int
    /// When the next period is counted as missed unless a signal arrives first.
    public internal(set) var deadline: AbsenceInstant

    /// The period in milliseconds (at least 1): what the sweep counts in.
    var periodMilliseconds: Int64

    init(id: String, period: Duration, thresholds: LadderThresholds, deadline: AbsenceInstant) {
        self.id = id
        self.thresholds = thresholds
        self.lastSignal = nil
        self.rung = .normal
        self.misses = 0
        self.deadline = deadline
        self.periodMilliseconds = max(1, period.wholeMilliseconds)
    }
}

/// The persisted part of an expectation: enough for a restart to keep its rung.
public struct SavedLadder: Sendable, Hashable, Codable {
    /// The expectation's id.
    public var id: String
    /// The rung when saved.
    public var rung: AbsenceRung
    /// Missed periods counted when saved.
    public var misses: Int
    /// The last arrival, nil when none was seen.
    public var lastSignal: AbsenceInstant?

    /// Creates a saved ladder.
    public init(id: String, rung: AbsenceRung, misses: Int, lastSignal: AbsenceInstant?) {
        self.id = id
        self.rung = rung
        self.misses = misses
        self.lastSignal = lastSignal
    }

    /// The saved part of `expectation`.
    public init(_ expectation: Expectation) {
        self.init(id: expectation.id, rung: expectation.rung, misses: expectation.misses, lastSignal: expectation.lastSignal)
    }
}
