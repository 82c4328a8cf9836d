import AlertEngine

/// One alert as seen on the bus or published by our engine: what the recorder hands the store,
/// which decides whether it is a transition.
public struct ObservedAlert: Sendable, Equatable {
    /// Milliseconds since the epoch (the ALERT's `time`).
    public var time: Int64
    public var rule: String
    public var element: String
    /// `ACTIVE`, `RESOLVED`, an `ACK-*` state, or ``pendingState``.
    public var state: String
    public var severity: String
    public var description: String
    public var actions: [String]
    /// The client that published it (`fty-alert-engine-stream`, `fty-alert-flexible`, …).
    public var producer: String
    /// What our engine saw when it raised the alert; nil for other producers.
    public var evidence: EvaluationEvidence?

    /// The state of a crossing that waits for its `for` duration (issue 13 item 3): recorded as
    /// a `pending` transition, it changes nothing of the alert's current state.
    public static let pendingState = "PENDING"

    /// Creates an observation.
    public init(
        time: Int64, rule: String, element: String, state: String, severity: String, description: String,
        actions: [String], producer: String, evidence: EvaluationEvidence? = nil
    ) {
        self.time = time
        self.rule = rule
        self.element = element
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
        self.producer = producer
        self.evidence = evidence
    }
}
