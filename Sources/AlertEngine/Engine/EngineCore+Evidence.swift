/// The evidence of an alert (issue 10 item 2): built from what `why` already keeps — the rule's
/// last ``EvaluationRecord`` (its trigger, its candidate), the metric cache and the rule's
/// values — and only when an ``AlertObserver`` asks for it, never on the metric path otherwise.
extension EngineCore {
    /// What rule `publication.ruleName` saw for `publication`: its inputs from the metric cache
    /// (for a pattern rule the topic that triggered it), its values, and the result.
    public func evidence(for publication: AlertPublication) -> EvaluationEvidence {
        guard let id = store.id(named: publication.ruleName), let loaded = store[id] else {
            return EvaluationEvidence(inputs: [], thresholds: [], result: Self.resultName(publication.state, level: nil))
        }
        return evidence(
            of: loaded, state: publication.state, severity: publication.severity,
            description: publication.description, value: publication.metricValue)
    }

    /// The evidence of `loaded` for a candidate with `state`, `severity` and `description`,
    /// `value` being the triggering metric's (nil for management alerts).
    func evidence(
        of loaded: LoadedRule, state: AlertState, severity: String, description: String, value: Double?
    ) -> EvaluationEvidence {
        let rule = loaded.rule
        var topics = rule.kind == .pattern ? [] : rule.targets
        if rule.kind == .pattern, let trigger = loaded.lastEvaluation?.trigger { topics = [trigger] }
        let inputs = topics.compactMap { topic in
            metrics[topic].map { EvaluationEvidence.Input(topic: topic, value: $0.value, unit: $0.unit, time: $0.timestamp) }
        }
        let thresholds = rule.values.map { EvaluationEvidence.Threshold(name: $0.name, value: Self.text($0.value)) }
        guard state == .active else {
            return EvaluationEvidence(inputs: inputs, thresholds: thresholds, result: Self.resultName(state, level: nil))
        }
        if rule.kind == .simpleThreshold, let value = value ?? inputs.first?.value,
            let (level, threshold) = Self.crossed(value, levels: loaded.levels, rule: rule)
        {
            return EvaluationEvidence(
                inputs: inputs, thresholds: thresholds, result: level.rawValue,
                crossed: .init(name: level.rawValue, value: Self.text(threshold)))
        }
        // The Lua kinds: the outcome whose severity and description were published.
        let outcome = rule.outcomes.first {
            $0.severity.rawValue.hasSameBytes(as: severity) && $0.description.hasSameBytes(as: description)
        }
        return EvaluationEvidence(
            inputs: inputs, thresholds: thresholds, result: outcome?.level.rawValue ?? severity.lowercased())
    }

    /// The level a simple threshold's value crossed, in the evaluator's order (engine.md §6.1).
    private static func crossed(_ value: Double, levels: ThresholdLevels, rule: Rule) -> (OutcomeLevel, Double)? {
        let checks: [(OutcomeLevel, Double?, Bool)] = [
            (.highCritical, levels.highCritical, true), (.highWarning, levels.highWarning, true),
            (.lowCritical, levels.lowCritical, false), (.lowWarning, levels.lowWarning, false),
        ]
        for (level, threshold, above) in checks {
            guard let threshold, rule.outcomes.contains(where: { $0.level == level }) else { continue }
            if above ? value > threshold : value < threshold { return (level, threshold) }
        }
        return nil
    }

    private static func resultName(_ state: AlertState, level: OutcomeLevel?) -> String {
        level?.rawValue ?? (state == .resolved ? "ok" : "active")
    }

    /// `40` rather than `40.0` for whole numbers, as rule files write them (evidence, `history`).
    public static func text(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
