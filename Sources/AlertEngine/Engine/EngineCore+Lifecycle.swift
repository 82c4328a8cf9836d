/// Rules with lifecycle fields (issue 13): evaluation with hysteresis and `previous_outcome`,
/// then the per-element `AlertLifecycle` decision, then the tracker as for every rule.
extension EngineCore {
    /// Evaluates `loaded` (which has `policy`) for one metric and applies the lifecycle decision;
    /// returns what to publish. Records the evaluation for `why` and stages a journal line when the
    /// lifecycle state changed and nothing is published (the caller journals publications).
    func applyLifecycle(
        _ loaded: LoadedRule, policy: LifecyclePolicy, topic: ByteKey, value: Double, asset: String, ttl: UInt32,
        now time: UInt64
    ) -> AlertPublication? {
        let element = loaded.rule.kind == .pattern ? asset : loaded.rule.element
        let key = ByteKey(element)
        var lifecycle = loaded.lifecycles[key] ?? AlertLifecycle()
        let previous = Double(lifecycle.confirmedOutcome ?? LuaOutcome.unknown.code)
        let wantsPrevious = policy.readsPreviousOutcome || policy.hasHysteresis
        guard
            let (raw, outcome) = evaluateWithOutcome(
                loaded, topic: topic, value: value, asset: asset, previousOutcome: wantsPrevious ? previous : nil)
        else {
            loaded.lastEvaluation = EvaluationRecord(
                time: time, element: element, trigger: topic.string, candidate: nil, published: nil,
                reason: .noResult, lifecycle: nil)
            return nil
        }
        let before = lifecycle
        let decision = lifecycle.decide(raw, outcome: outcome, policy: policy, now: time)
        loaded.lifecycles[key] = lifecycle
        let publication = decision.candidate.flatMap {
            loaded.tracker.apply($0, metricTTL: ttl, metricValue: value, now: time)
        }
        let reason: EvaluationRecord.Reason?
        switch decision.status {
        case _ where publication != nil: reason = nil
        case .pending: reason = .pending
        case .flapping: reason = .flapping
        case .passed: reason = Self.reason(candidate: raw)
        }
        loaded.lastEvaluation = EvaluationRecord(
            time: time, element: element, trigger: topic.string, candidate: raw, published: publication?.state,
            reason: reason, lifecycle: decision.status)
        if let alertObserver, case .pending = decision.status, let waiting = lifecycle.pending,
            before.pending.map({ $0.since != waiting.since || !AlertLifecycle.sameState($0.candidate, waiting.candidate) }) ?? true
        {
            // Issue 13 item 3: the history records a crossing that starts pending.
            alertObserver.pendingStarted(
                rule: loaded.rule.name, candidate: waiting.candidate, time: time,
                evidence: evidence(
                    of: loaded, state: waiting.candidate.state, severity: waiting.candidate.severity,
                    description: waiting.candidate.description, value: value))
        }
        if publication == nil, lifecycle != before {
            journalState(of: loaded, element: element)
        }
        return publication
    }

    /// Why a candidate published nothing, as `AlertTracker.apply` decides (decisions.md D2).
    static func reason(candidate: AlertCandidate?) -> EvaluationRecord.Reason {
        guard let candidate else { return .noResult }
        return candidate.state == .resolved ? .alreadyResolved : .unchangedWithinSpacing
    }
}
