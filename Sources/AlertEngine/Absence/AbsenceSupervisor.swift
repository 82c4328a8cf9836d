import AbsenceWatch
import MalamuteProtocol

/// The engine's side of issue 12: the expectations declared by rules' `expect` members, fed by
/// the metrics of their targets, swept on the engine loop, published as absence alerts.
///
/// Owned by the engine thread (no locks); it reads no clock: every call takes the instant.
/// An expected topic `quantity@asset` that misses enough periods raises, on `_ALERTS_SYS`, an
/// ACTIVE WARNING (`alert-low`) then an ACTIVE CRITICAL (`alert-high`) of the rule
/// ``ruleName(topic:)`` (`absence@<topic>`) on the element `asset`; the next metric of the topic
/// publishes one RESOLVED. METRIC_UNAVAILABLE stops the expectation without alerting (a
/// later metric of the topic starts it again).
///
/// A rule whose target is a regular expression (a pattern rule with `expect`, an `expect` rule
/// with `pattern`) cannot list its topics beforehand: a topic it matches is expected from its
/// first metric on, and stays expected while some pattern or rule still matches it.
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
    /// The expectations of the rules whose target is a regular expression.
    private var patterns: [(pattern: SubjectPattern, spec: Spec)] = []
    /// The topics in `specs` only because a pattern matched them at their first metric.
    private var patternTopics: Set<String> = []
    /// Topics seen that no pattern matches, so a metric costs one hash lookup, not a match per
    /// pattern; emptied when the rules change, and when it reaches ``unmatchedLimit``.
    private var unmatched: Set<String> = []
    /// The most topics `unmatched` holds (a bound on memory whatever the bus carries).
    static let unmatchedLimit = 100_000
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
        patterns = []
        for rule in rules {
            guard let expectation = rule.expectation else { continue }
            let spec = Spec(period: expectation.every, thresholds: expectation.thresholds(over: global))
            if expectation.pattern {
                patterns.append((SubjectPattern(rule.targets.first ?? ""), spec))
                continue
            }
            for topic in rule.targets {
                wanted[topic] = wanted[topic].map { Self.merge($0, spec) } ?? spec
            }
        }
        unmatched = []
        var stillMatched: Set<String> = []
        for topic in patternTopics {
            guard let spec = patternSpec(topic) else { continue }
            wanted[topic] = wanted[topic].map { Self.merge($0, spec) } ?? spec
            stillMatched.insert(topic)
        }
        patternTopics = stillMatched
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
        guard let spec = specs[topic] ?? matchPatterns(topic) else { return [] }
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
        for ladder in saved {
            if specs[ladder.id] == nil, let spec = matchPatterns(ladder.id) {
                tracker.expect(id: ladder.id, period: spec.period, thresholds: spec.thresholds, now: now)
            }
            tracker.restore(ladder, now: now)
        }
    }

    /// The spec of a topic not expected yet that some pattern matches; it is expected from now on.
    private func matchPatterns(_ topic: String) -> Spec? {
        guard !patterns.isEmpty, !unmatched.contains(topic) else { return nil }
        guard let spec = patternSpec(topic) else {
            if unmatched.count >= Self.unmatchedLimit { unmatched = [] }
            unmatched.insert(topic)
            return nil
        }
        specs[topic] = spec
        patternTopics.insert(topic)
        return spec
    }

    /// The merged spec of every pattern matching `topic`, nil when none does.
    private func patternSpec(_ topic: String) -> Spec? {
        let bytes = Array(topic.utf8)
        var found: Spec?
        for entry in patterns where entry.pattern.matches(bytes) {
            found = found.map { Self.merge($0, entry.spec) } ?? entry.spec
        }
        return found
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
