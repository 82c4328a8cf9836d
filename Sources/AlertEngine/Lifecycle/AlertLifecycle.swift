/// The lifecycle decision of one (rule, element) with a `LifecyclePolicy` (issue 13 items 2–4):
/// pending (`for`), flap damping, and the outcome hysteresis reads.
///
/// A pure state machine: `decide` takes the raw candidate of one evaluation and the injected
/// time and says which candidate the `AlertTracker` gets (which then de-duplicates and
/// re-publishes per decisions.md D2 as for any rule). Order: the pending filter first (a
/// crossing must hold `for` seconds to be confirmed), then damping (confirmed changes add to
/// the flap score). While a crossing is pending, or while flapping, the tracker gets the
/// candidate it got last, so an ACTIVE alert is still refreshed and nothing new is published.
public struct AlertLifecycle: Sendable, Equatable, Codable {
    /// The last confirmed candidate (what the element really is, pending and damping aside).
    public private(set) var confirmed: AlertCandidate?
    /// The outcome code of `confirmed` (hysteresis, `previous_outcome`).
    public private(set) var confirmedOutcome: Int?
    /// The candidate last given to the tracker.
    public private(set) var offered: AlertCandidate?
    /// A crossing waiting for its `for` duration, and since when.
    public private(set) var pending: Pending?
    /// The flap score, when it was last updated, and whether changes are held back.
    public private(set) var flapScore: Double = 0
    /// When `flapScore` was last updated.
    public private(set) var flapScoreAt: UInt64 = 0
    /// Whether the element is flapping: changes are held back.
    public private(set) var isFlapping = false

    /// A crossing waiting to be confirmed.
    public struct Pending: Sendable, Equatable, Codable {
        /// The raw candidate (the latest of the crossing: descriptions may change while pending).
        public var candidate: AlertCandidate
        /// Its outcome code.
        public var outcome: Int
        /// When the crossing was first seen.
        public var since: UInt64
        /// When it will be confirmed if it holds.
        public var until: UInt64
    }

    /// What one decision did.
    public enum Status: Sendable, Equatable, Codable {
        /// The raw candidate went to the tracker.
        case passed
        /// The crossing is pending until the given time; nothing new was published.
        case pending(until: UInt64)
        /// The element is flapping (score given); the flapping alert stands.
        case flapping(score: Double)
    }

    /// The result of `decide`.
    public struct Decision: Sendable, Equatable {
        /// The candidate to apply to the tracker, nil for nothing.
        public var candidate: AlertCandidate?
        /// Why.
        public var status: Status
    }

    /// The description of the alert that stands for a flapping element.
    public static let flappingDescription = "Alert is flapping: state changes are held back until it settles"

    /// An element never evaluated.
    public init() {}

    /// Decides what the tracker gets for `raw` (outcome code `outcome`, −2…2) at `now`.
    public mutating func decide(
        _ raw: AlertCandidate, outcome: Int, policy: LifecyclePolicy, now: UInt64
    ) -> Decision {
        // Pending: a change from the confirmed state to an ACTIVE one with a duration waits.
        var candidate = raw
        var candidateOutcome = outcome
        let duration = raw.state == .active ? policy.pendingDuration(severity: raw.severity) : 0
        if let confirmed, Self.sameState(confirmed, raw) {
            pending = nil
        } else if duration > 0 {
            if var waiting = pending, Self.sameState(waiting.candidate, raw) {
                waiting.candidate = raw
                pending = waiting
            } else {
                pending = Pending(candidate: raw, outcome: outcome, since: now, until: now &+ duration)
            }
            guard let waiting = pending, now >= waiting.until || now < waiting.since else {
                return Decision(candidate: offered, status: .pending(until: pending?.until ?? now))
            }
            candidate = waiting.candidate
            candidateOutcome = waiting.outcome
            pending = nil
        } else {
            pending = nil
        }
        // Damping: every confirmed change of state or severity adds to the score.
        let changed = confirmed.map { !Self.sameState($0, candidate) } ?? false
        confirmed = candidate
        confirmedOutcome = candidateOutcome
        guard let damping = policy.damping else {
            offered = candidate
            return Decision(candidate: candidate, status: .passed)
        }
        flapScore = damping.decayed(flapScore, since: flapScoreAt, now: now)
        flapScoreAt = now
        if changed { flapScore += damping.penalty }
        if !isFlapping && flapScore >= damping.suppress {
            isFlapping = true
        } else if isFlapping && flapScore < damping.reuse {
            isFlapping = false
        }
        guard isFlapping else {
            offered = candidate
            return Decision(candidate: candidate, status: .passed)
        }
        let flapping = AlertCandidate(
            element: raw.element, state: .active, severity: Severity.warning.rawValue,
            description: Self.flappingDescription, actions: [])
        offered = flapping
        return Decision(candidate: flapping, status: .flapping(score: flapScore))
    }

    /// Forgets everything: the rule's alerts were cleared (TOUCH, delete, update).
    public mutating func reset() {
        self = AlertLifecycle()
    }

    /// Same state and severity: what pending and damping compare (a description change alone is
    /// not a crossing).
    static func sameState(_ a: AlertCandidate, _ b: AlertCandidate) -> Bool {
        a.state == b.state && a.severity.hasSameBytes(as: b.severity)
    }
}
