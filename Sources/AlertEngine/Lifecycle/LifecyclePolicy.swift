/// The lifecycle fields of one rule (issue 13 items 2–4): hysteresis clear values, pending
/// (`for`) durations and flap damping. A rule has a policy only when it sets one of them; a rule
/// without goes through exactly the engine's code path of before (decisions.md D2).
///
/// In the rule body (next to `values`, see README "Alert lifecycle"):
/// - `values` named `high_critical_clear`, `high_warning_clear`, `low_warning_clear`,
///   `low_critical_clear` (simple thresholds): once at a level, the alert stays there until the
///   value is back past the clear value;
/// - `"for": {"critical": "60", "warning": "30"}`: seconds a crossing must hold before it is
///   published;
/// - `"flap_damping": {}` (defaults) or with any of `penalty`, `suppress`, `reuse`, `half_life`.
/// A Lua rule whose evaluation names `previous_outcome` gets that global (the outcome code last
/// confirmed for the element, `UNKNOWN` before the first) before every call.
public struct LifecyclePolicy: Sendable, Equatable {
    /// The clear value of each simple-threshold level (absent: that level has no hysteresis).
    public var clear: ThresholdLevels
    /// Seconds a CRITICAL crossing must hold before it is published (0: at once).
    public var criticalFor: UInt64
    /// Seconds a WARNING crossing must hold before it is published (0: at once).
    public var warningFor: UInt64
    /// Flap damping, nil when off.
    public var damping: FlapDamping?
    /// Whether the Lua evaluation reads the `previous_outcome` global.
    public var readsPreviousOutcome: Bool

    /// The name of the Lua global holding the previous outcome code.
    public static let previousOutcomeGlobal = "previous_outcome"

    /// Creates a policy.
    public init(
        clear: ThresholdLevels = ThresholdLevels(), criticalFor: UInt64 = 0, warningFor: UInt64 = 0,
        damping: FlapDamping? = nil, readsPreviousOutcome: Bool = false
    ) {
        self.clear = clear
        self.criticalFor = criticalFor
        self.warningFor = warningFor
        self.damping = damping
        self.readsPreviousOutcome = readsPreviousOutcome
    }

    /// Seconds an ACTIVE crossing of `severity` must hold (0 for any other severity).
    public func pendingDuration(severity: String) -> UInt64 {
        if severity.hasSameBytes(as: Severity.critical.rawValue) { return criticalFor }
        if severity.hasSameBytes(as: Severity.warning.rawValue) { return warningFor }
        return 0
    }

    /// Whether any clear value is set.
    public var hasHysteresis: Bool {
        clear.highCritical != nil || clear.highWarning != nil || clear.lowCritical != nil || clear.lowWarning != nil
    }

    /// The policy of a rule body, nil when it sets none of the lifecycle fields.
    static func parse(
        _ fields: RuleFieldReader, kind: RuleKind, values: [RuleValue], evaluation: String?
    ) throws(RuleError) -> LifecyclePolicy? {
        let body = fields.body
        guard body[member: "for"] != nil || body[member: "flap_damping"] != nil
            || values.contains(where: { $0.name.hasSuffix("_clear") })
            || (evaluation?.contains(previousOutcomeGlobal) ?? false)
        else { return nil }
        func value(_ name: String) -> Double? {
            values.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
        }
        var policy = LifecyclePolicy()
        if kind == .simpleThreshold {
            policy.clear = ThresholdLevels(
                lowCritical: value("low_critical_clear"), lowWarning: value("low_warning_clear"),
                highWarning: value("high_warning_clear"), highCritical: value("high_critical_clear"))
        }
        policy.readsPreviousOutcome = kind.usesLua && (evaluation?.contains(previousOutcomeGlobal) ?? false)
        if let durations = body[member: "for"] {
            let path = "\(fields.path).for"
            guard case .object = durations else { throw .badJSON(.wrongType(path: path, expected: "an object")) }
            policy.criticalFor = try seconds(durations[member: "critical"], path: "\(path).critical")
            policy.warningFor = try seconds(durations[member: "warning"], path: "\(path).warning")
        }
        if let damping = body[member: "flap_damping"] {
            let path = "\(fields.path).flap_damping"
            guard case .object = damping else { throw .badJSON(.wrongType(path: path, expected: "an object")) }
            var parameters = FlapDamping.defaults
            for (name, keyPath) in [
                ("penalty", \FlapDamping.penalty), ("suppress", \.suppress), ("reuse", \.reuse),
                ("half_life", \.halfLife),
            ] {
                if let member = damping[member: name] {
                    parameters[keyPath: keyPath] = try number(member, path: "\(path).\(name)")
                }
            }
            guard parameters.reuse < parameters.suppress, parameters.penalty > 0, parameters.halfLife > 0 else {
                throw .badJSON(.wrongType(path: path, expected: "penalty > 0, half_life > 0 and reuse < suppress"))
            }
            policy.damping = parameters
        }
        return policy
    }

    private static func number(_ value: JSONValue, path: String) throws(RuleError) -> Double {
        guard value.isScalar, let number = try? MetricValueParser.parse(value.text), number.isFinite, number >= 0
        else { throw .badJSON(.invalidNumber(path: path, text: value.text)) }
        return number
    }

    private static func seconds(_ value: JSONValue?, path: String) throws(RuleError) -> UInt64 {
        guard let value else { return 0 }
        let number = try number(value, path: path)
        guard number < 1e12 else { throw .badJSON(.invalidNumber(path: path, text: value.text)) }
        return UInt64(number.rounded(.up))
    }
}
