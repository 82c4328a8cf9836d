/// Told of what the engine publishes and of crossings that start pending, with the evidence:
/// the alert history's hook (issue 10 item 2, issue 13 item 3).
///
/// Called on the engine thread (after a successful send for `published`), so an implementation
/// must not block: enqueue and return. Only when an observer is configured does the engine build
/// evidence; without one nothing changes on the metric path.
public protocol AlertObserver: Sendable {
    /// `publication` was sent by the client named `producer`; `evidence` is what the rule saw.
    func published(_ publication: AlertPublication, evidence: EvaluationEvidence, producer: String)

    /// A crossing of rule `rule` for `element` started waiting for its `for` duration at `time`
    /// (UNIX seconds): `candidate` is what will be published if it holds. Nothing goes on the bus.
    func pendingStarted(rule: String, candidate: AlertCandidate, time: UInt64, evidence: EvaluationEvidence)
}
