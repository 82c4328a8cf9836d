/// One rung of the absence ladder (issue 12 item 2, DeepSentinel's `monitoring.go` states).
///
/// An expected signal starts at ``normal``; each missed period climbs the ladder as
/// ``LadderThresholds`` says; any signal brings it back to ``normal``. Only ``alertLow`` and
/// ``alertHigh`` are published (ACTIVE WARNING and ACTIVE CRITICAL).
public enum AbsenceRung: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// The signal arrives in time.
    case normal = 0
    /// At least one period was missed.
    case degraded = 1
    /// `degraded-to-failed` more periods were missed.
    case failed = 2
    /// `failed-to-alert-low` more periods were missed: an ACTIVE WARNING is out.
    case alertLow = 3
    /// `alert-low-to-alert-high` more periods were missed: an ACTIVE CRITICAL is out.
    case alertHigh = 4

    /// The name used on the command line, in JSON and in self-metrics (`alert-low`, …).
    public var name: String {
        switch self {
        case .normal: "normal"
        case .degraded: "degraded"
        case .failed: "failed"
        case .alertLow: "alert-low"
        case .alertHigh: "alert-high"
        }
    }

    /// The rung called `name` (see ``name``), nil for anything else.
    public init?(name: String) {
        guard let rung = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = rung
    }

    /// Whether an ACTIVE alert is out for a signal at this rung.
    public var isAlerting: Bool { self >= .alertLow }

    public static func < (lhs: AbsenceRung, rhs: AbsenceRung) -> Bool { lhs.rawValue < rhs.rawValue }
}
