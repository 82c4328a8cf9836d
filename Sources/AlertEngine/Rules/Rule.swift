/// A parsed alert rule: what the engine stores, lists, indexes and evaluates (engine.md §3).
///
/// Built by `RuleParser`; it holds no Lua state. For the Lua kinds (`kind.usesLua`) the caller
/// compiles `evaluation` with `values` as globals before accepting the rule (engine.md §4, §9.4).
public struct Rule: Sendable, Equatable {
    /// The unique key of the rule (`rule_name`); never empty. Compared byte for byte (§3.6).
    public var name: String
    /// The detected kind (§3.2).
    public var kind: RuleKind
    /// Metric topics (`quantity@asset`): one for simple/device thresholds, the array for complex
    /// thresholds and single rules, the regular expression text for pattern rules.
    public var targets: [String]
    /// The asset alerts are raised on; "" for pattern rules (they do not read it, §3.3).
    public var element: String
    /// `rule_class` ("" when absent), used by the LIST class filter.
    public var ruleClass: String
    /// `rule_source` as written, nil when absent (the `Manual user input` default is not stored).
    public var ruleSource: String?
    /// The named constants, in document order, first occurrence of each name only (§3.4).
    public var values: [RuleValue]
    /// The outcomes, in document order, first occurrence of each level only (§3.5).
    public var outcomes: [Outcome]
    /// The Lua source of the Lua kinds; nil for simple and device thresholds (theirs is ignored).
    public var evaluation: String?
    /// The stored form, pretty-printed JSON in UTF-8: an object with the single kept top-level
    /// member (§3.1 step 2, §3.7). Serialised once at parse time; it is the rule file's contents
    /// and the frame GET / LIST return, byte for byte.
    public var storedBytes: [UInt8]
    /// The lifecycle fields (hysteresis, `for`, flap damping; issue 13), nil when the rule sets
    /// none of them: such a rule is evaluated and published exactly as before.
    public var lifecycle: LifecyclePolicy?
    /// The `expect` member (issue 12): the rule's metrics are expected periodically; nil when
    /// absent, and such a rule is handled exactly as before.
    public var expectation: RuleExpectation?

    /// Creates a rule; use `RuleParser` to build one from a document.
    public init(
        name: String, kind: RuleKind, targets: [String], element: String, ruleClass: String,
        ruleSource: String?, values: [RuleValue], outcomes: [Outcome], evaluation: String?,
        storedBytes: [UInt8], lifecycle: LifecyclePolicy? = nil, expectation: RuleExpectation? = nil
    ) {
        self.name = name
        self.kind = kind
        self.targets = targets
        self.element = element
        self.ruleClass = ruleClass
        self.ruleSource = ruleSource
        self.values = values
        self.outcomes = outcomes
        self.evaluation = evaluation
        self.storedBytes = storedBytes
        self.lifecycle = lifecycle
        self.expectation = expectation
    }

    /// The stored form as text (`storedBytes` decoded): what GET/LIST return and what is written to disk.
    public var storedJSON: String { String(decoding: storedBytes, as: UTF8.self) }

    /// The value named exactly `name` (byte comparison), or nil.
    public func value(named name: String) -> Double? {
        values.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }

    /// `values` as the (name, value) pairs `LuaRuleProgram(evaluation:values:)` takes.
    public var namedValues: [(name: String, value: Double)] {
        values.map { ($0.name, $0.value) }
    }

    /// The outcome of `level`, or nil when `results` has none.
    public func outcome(_ level: OutcomeLevel) -> Outcome? {
        outcomes.first { $0.level == level }
    }

    /// The keys under which the metric→rule index lists this rule (engine.md §5.3).
    ///
    /// Simple threshold: its target; complex threshold and single: every target, duplicates
    /// kept (Q39); pattern: its regular-expression text; device threshold: none.
    public var indexKeys: [String] {
        kind == .deviceThreshold ? [] : targets
    }

    /// True for the rule named exactly `warranty`, which gets the special handling of §6.5.
    public var isWarranty: Bool { name.utf8.elementsEqual(WarrantyRule.name.utf8) }
}

extension Rule: AlertOutcomeLookup {
    /// The first outcome named `name` (`low_critical`, …), as the evaluators need it (§3.5).
    public func alertOutcome(named name: String) -> AlertOutcome? {
        guard let outcome = outcomes.first(where: { $0.level.rawValue == name }) else { return nil }
        return AlertOutcome(
            severity: outcome.severity.rawValue, description: outcome.description, actions: outcome.actions)
    }
}
