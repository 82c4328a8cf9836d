import Foundation

/// `why` (issue 13 item 5): a subject of its own on the engine's mailbox, so that
/// `rfc-evaluator-rules` stays exactly the original's protocol.
extension EngineCore {
    /// The mailbox subject of `why`: request `[RULE]` or `[RULE, ELEMENT]`, reply `["OK", JSON]`
    /// or `["ERROR", "NOT_FOUND"]`, same subject. The original engine ignores this subject (§9.1).
    public static let whySubject = "rfc-alert-why"

    /// The `why` report of rule `name` (optionally one element), nil when no such rule is loaded.
    ///
    /// Costs nothing until asked: evaluations keep only their last record; inputs are read from
    /// the metric cache now.
    public func whyReport(rule name: String, element: String? = nil) -> WhyReport? {
        guard let id = store.id(named: name), let loaded = store[id] else { return nil }
        let rule = loaded.rule
        var topics = rule.kind == .pattern ? [] : rule.targets
        if rule.kind == .pattern, let trigger = loaded.lastEvaluation?.trigger { topics = [trigger] }
        let inputs = topics.map { topic in
            let cached = metrics[topic]
            return WhyReport.Input(
                topic: topic, value: cached?.value, unit: cached?.unit, time: cached?.timestamp, ttl: cached?.ttl)
        }
        var elements: [WhyReport.ElementState] = loaded.tracker.cachedAlerts.map { element, alert in
            WhyReport.ElementState(
                element: element, state: alert.state, severity: alert.severity, description: alert.description,
                lastPublishedAt: alert.lastPublishedAt, lifecycle: loaded.lifecycles[ByteKey(element)])
        }
        for (key, lifecycle) in loaded.lifecycles where !elements.contains(where: { ByteKey($0.element) == key }) {
            elements.append(.init(element: key.string, lifecycle: lifecycle))
        }
        if let element { elements = elements.filter { $0.element.hasSameBytes(as: element) } }
        let shortcutAt = id < shortcutEvaluatedAt.count ? shortcutEvaluatedAt[id] : 0
        let record = loaded.lastEvaluation
        let unchangedAt = shortcutAt > (record?.time ?? 0) ? shortcutAt : nil
        return WhyReport(
            rule: rule.name, kind: "\(rule.kind)", values: rule.values.map { .init(name: $0.name, value: $0.value) },
            lifecycle: rule.lifecycle.map {
                .init(
                    criticalFor: $0.criticalFor, warningFor: $0.warningFor, damping: $0.damping,
                    hysteresis: $0.hasHysteresis, readsPreviousOutcome: $0.readsPreviousOutcome)
            },
            inputs: inputs, lastEvaluation: record, lastUnchangedAt: unchangedAt, elements: elements,
            explanation: Self.explanation(record, unchangedAt: unchangedAt, inputs: inputs))
    }

    private static func explanation(_ record: EvaluationRecord?, unchangedAt: UInt64?, inputs: [WhyReport.Input]) -> String {
        if let unchangedAt {
            return "last evaluated at \(unchangedAt): same outcome as the alert last published, nothing to publish"
        }
        guard let record else {
            if inputs.contains(where: { $0.value == nil }) { return "never evaluated: an input has no value" }
            return "never evaluated"
        }
        if let published = record.published {
            return "last evaluated at \(record.time): published \(published.rawValue) for \(record.element)"
        }
        return "last evaluated at \(record.time): nothing published: \(record.reason?.rawValue ?? "unknown")"
    }

    /// Answers a request on `whySubject`.
    func why(_ frames: [[UInt8]]) -> RequestOutcome {
        guard let first = frames.first else { return RequestOutcome(reply: [Command.error, Array("BAD_REQUEST".utf8)]) }
        let name = String(decoding: first, as: UTF8.self)
        let element = frames.count > 1 ? String(decoding: frames[1], as: UTF8.self) : nil
        guard let report = whyReport(rule: name, element: element) else {
            return RequestOutcome(reply: [Command.error, Array("NOT_FOUND".utf8)])
        }
        guard let json = try? WhyReport.json(report) else {
            return RequestOutcome(reply: [Command.error, Array("INTERNAL".utf8)])
        }
        return RequestOutcome(reply: [Array("OK".utf8), Array(json)])
    }
}
