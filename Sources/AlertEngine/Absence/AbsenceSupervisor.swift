import AbsenceWatch

/// The engine's side of issue 12: the expectations declared by rules' `expect` members, fed by
/// the metrics of their targets, swept on the engine loop, published as absence alerts.
///
/// Owned by the engine thread (no locks); it reads no clock: every call takes the instant.
/// An expected topic `quantity@asset` that misses enough periods raises, on `_ALERTS_SYS`, an
/// ACTIVE WARNING (`alert-low`) then an ACTIVE CRITICAL (`alert-high`) of the rule
/// ``ruleName(topic:)`` (`absence@<topic>`) on the element `asset`; the next metric of the topic
/// publishes one RESOLVED. METRIC_UNAVAILABLE stops the expectation without alerting (a
/// later metric of the topic starts it again).
public final class AbsenceSupervisor {
    /// What a topic is expected to do: its period and its ladder.
    struct Spec: Equatable {
        var period: Duration
        var thresholds: LadderThresholds
    }

    /// The ladder counts used where a rule's `expect` does not set them.
    public let global: LadderThresholds
    /// The pure ladder of every expected topic.
    public private(set) var tracker: ExpectationTracker
    /// Every topic some rule expects, with its spec (also the ones METRIC_UNAVAILABLE stopped).
    private(set) var specs: [String: Spec] = [:]
    /// Set when a rung changed since ``takeChanged()`` last ran (persistence writes then).
    public private(set) var changed = false

    /// A supervisor with no expectations.
    ///
    /// - Parameters:
    ///   - global: the ladder counts (`--absence-ladder`), DeepSentinel's 10/20/30 by default.
    ///   - settle: how long a never-seen topic is left alone after its expectation starts;
    ///     nil (default) means one period of that topic.
    public init(global: LadderThresholds = .deepSentinel, settle: Duration? = nil) {
        self.global = global
        tracker = ExpectationTracker(settle: settle)
    }

    /// The rule name of the absence alerts of `topic`: `absence@<topic>`.
    public static func ruleName(topic: String) -> String { "absence@\(topic)" }

    /// Whether some rule expects something.
    public var isEmpty: Bool { specs.isEmpty }

    /// Returns whether a rung changed since the last call, and clears the flag.
    public func takeChanged() -> Bool {
        defer { changed = false }
        return changed
    }

    /// Makes the expectations those of `rules` (every target of a rule with `expect`; a topic
    /// expected by several rules takes the shortest period and the smallest counts).
    ///
    /// New topics start expecting at `now` (settle period first); topics no rule expects any more
    /// stop, with a RESOLVED when their alert was out.
    public func sync(rules: [Rule], now: AbsenceInstant) -> [AlertPublication] {
        var wanted: [String: Spec] = [:]
        for rule in rules {
            guard let expectation = rule.expectation, rule.kind != .pattern else { continue }
            let spec = Spec(period: expectation.every, thresholds: expectation.thresholds(over: global))
            for topic in rule.targets {
                wanted[topic] = wanted[topic].map { Self.merge($0, spec) } ?? spec
            }
        }
        var publications: [AlertPublication] = []
        for topic in specs.keys where wanted[topic] == nil {
            if let transition = tracker.stop(id: topic) { publications += publish(transition, now: now) }
        }
        for (topic, spec) in wanted where specs[topic] != spec {
            tracker.expect(id: topic, period: spec.period, thresholds: spec.thresholds, now: now)
        }
        specs = wanted
        return publications
    }

    /// A metric of `topic` arrived at `at`: back to normal, RESOLVED if an alert was out.
    public func signal(topic: String, at: AbsenceInstant) -> [AlertPublication] {
        guard let spec = specs[topic] else { return [] }
        if tracker[topic] == nil {
            tracker.expect(id: topic, period: spec.period, thresholds: spec.thresholds, now: at)
        }
        guard let transition = tracker.signal(id: topic, at: at) else { return [] }
        return publish(transition, now: at)
    }

    /// METRIC_UNAVAILABLE for `topic`: its expectation stops, nothing is raised (an alert
    /// already out is resolved, so none is left behind).
    public func unavailable(topic: String, now: AbsenceInstant) -> [AlertPublication] {
        guard let transition = tracker.stop(id: topic) else { return [] }
        return publish(transition, now: now)
    }

    /// Counts the periods missed by `now` and returns the alerts to publish.
    public func sweep(now: AbsenceInstant) -> [AlertPublication] {
        tracker.sweep(now: now).flatMap { publish($0, now: now) }
    }

    /// Restores saved ladders (restart): a topic keeps its rung, no alert is published again.
    public func restore(_ saved: [SavedLadder], now: AbsenceInstant) {
        for ladder in saved { tracker.restore(ladder, now: now) }
    }

    private static func merge(_ a: Spec, _ b: Spec) -> Spec {
        Spec(
            period: min(a.period, b.period),
            thresholds: LadderThresholds(
                degradedToFailed: min(a.thresholds.degradedToFailed, b.thresholds.degradedToFailed),
                failedToAlertLow: min(a.thresholds.failedToAlertLow, b.thresholds.failedToAlertLow),
                alertLowToAlertHigh: min(a.thresholds.alertLowToAlertHigh, b.thresholds.alertLowToAlertHigh)))
    }

    private func publish(_ transition: AbsenceTransition, now: AbsenceInstant) -> [AlertPublication] {
        changed = true
        guard let publication = transition.publication else { return [] }
        let topic = transition.id
        let element = topic.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init) ?? topic
        let time = UInt64(max(0, now.milliseconds / 1000))
        let period = specs[topic].map { "\($0.period.wholeMilliseconds) ms" } ?? "its period"
        let misses = tracker[topic]?.misses ?? 0
        let fromSeverity = transition.from == .alertHigh ? "CRITICAL" : "WARNING"
        switch publication {
        case .activeWarning, .activeCritical:
            let severity = publication == .activeCritical ? "CRITICAL" : "WARNING"
            let wasOut = transition.from.isAlerting
            return [AlertPublication(
                ruleName: Self.ruleName(topic: topic), element: element, state: .active, severity: severity,
                description: "No \(topic) for \(misses) periods of \(period) (\(transition.to.name))",
                actions: [], time: time, ttl: 0,
                previousState: wasOut ? .active : nil, previousSeverity: wasOut ? fromSeverity : nil)]
        case .resolved:
            return [AlertPublication(
                ruleName: Self.ruleName(topic: topic), element: element, state: .resolved, severity: fromSeverity,
                description: "\(topic) is received again", actions: [], time: time, ttl: 0,
                previousState: .active, previousSeverity: fromSeverity)]
        }
    }
}
