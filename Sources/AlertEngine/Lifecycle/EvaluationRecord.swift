/// The last evaluation of a rule that went past the simple-threshold shortcut, kept so that
/// `why` can answer (issue 13 item 5). Only this minimum is kept per rule; the input values are
/// read from the metric cache when `why` asks.
public struct EvaluationRecord: Sendable, Equatable, Codable {
    /// When it ran, UNIX seconds.
    public var time: UInt64
    /// The element it was about.
    public var element: String
    /// The metric topic that triggered it.
    public var trigger: String
    /// The candidate it yielded (after hysteresis), nil when it yielded none (missing input,
    /// Lua failure or unmapped result).
    public var candidate: AlertCandidate?
    /// What it published, if anything: nil otherwise, see `reason`.
    public var published: AlertState?
    /// Why nothing was published (nil when something was).
    public var reason: Reason?
    /// The pending / flapping status of a rule with lifecycle fields.
    public var lifecycle: AlertLifecycle.Status?

    /// Why an evaluation published nothing.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// No candidate: an input is missing or NaN, or Lua failed or gave no known outcome.
        case noResult = "no result (input missing, Lua error or unknown outcome)"
        /// RESOLVED again after RESOLVED (decisions.md D2).
        case alreadyResolved = "already RESOLVED"
        /// The same ACTIVE alert was published less than a metric TTL ago (decisions.md D2).
        case unchangedWithinSpacing = "unchanged ACTIVE alert re-published less than one metric TTL ago"
        /// A crossing is waiting for its `for` duration.
        case pending = "the crossing is pending (for)"
        /// The element is flapping; the flapping alert stands.
        case flapping = "flapping: state changes are held back"
    }
}
