import AbsenceWatch

/// The optional `expect` member of a threshold, single or pattern rule, or the body of an
/// `expect` rule (issue 12 item 1): the rule's metrics are expected every `every`, and their
/// absence climbs the ladder.
///
/// ```json
/// "expect": {"every": "60s", "degraded_to_failed": 3, "failed_to_alert_low": 5,
///            "alert_low_to_alert_high": 10}
/// ```
/// `every` is required (``PeriodText``: `200ms`, `60s`, `5m`, `1h` or bare seconds); the three
/// counts are optional per-rule overrides of the global ladder (whole numbers ≥ 1). A rule
/// without `expect` has no expectation and is parsed, stored and evaluated exactly as before.
public struct RuleExpectation: Sendable, Equatable {
    /// The expected interval between two metrics of each target.
    public var every: Duration
    /// Per-rule `degraded_to_failed`, nil for the global value.
    public var degradedToFailed: Int?
    /// Per-rule `failed_to_alert_low`, nil for the global value.
    public var failedToAlertLow: Int?
    /// Per-rule `alert_low_to_alert_high`, nil for the global value.
    public var alertLowToAlertHigh: Int?
    /// True when the rule's target is a regular expression (a pattern rule, or an `expect` rule
    /// with `pattern`): a matching topic is expected from its first metric on, since no list of
    /// the topics exists beforehand.
    public var pattern: Bool

    /// The member names of the three ladder overrides, as written in a rule.
    public static let countNames = ["degraded_to_failed", "failed_to_alert_low", "alert_low_to_alert_high"]

    /// Creates an expectation.
    public init(
        every: Duration, degradedToFailed: Int? = nil, failedToAlertLow: Int? = nil, alertLowToAlertHigh: Int? = nil,
        pattern: Bool = false
    ) {
        self.every = every
        self.pattern = pattern
        self.degradedToFailed = degradedToFailed
        self.failedToAlertLow = failedToAlertLow
        self.alertLowToAlertHigh = alertLowToAlertHigh
    }

    /// The ladder of this rule: its overrides over `global`.
    public func thresholds(over global: LadderThresholds) -> LadderThresholds {
        LadderThresholds(
            degradedToFailed: degradedToFailed ?? global.degradedToFailed,
            failedToAlertLow: failedToAlertLow ?? global.failedToAlertLow,
            alertLowToAlertHigh: alertLowToAlertHigh ?? global.alertLowToAlertHigh)
    }

    /// The `expect` member of a rule body, nil when absent.
    static func parse(_ fields: RuleFieldReader, kind: RuleKind) throws(RuleError) -> RuleExpectation? {
        guard let member = fields.body[member: "expect"] else { return nil }
        let path = "\(fields.path).expect"
        guard case .object = member else { throw .badJSON(.wrongType(path: path, expected: "an object")) }
        return try parse(member, path: path, pattern: kind == .pattern)
    }

    /// `every` and the ladder counts of `member` (an `expect` member, or an `expect` rule's body).
    static func parse(_ member: JSONValue, path: String, pattern: Bool) throws(RuleError) -> RuleExpectation {
        guard let every = member[member: "every"] else { throw .badJSON(.missingField(path: "\(path).every")) }
        guard every.isScalar, let period = PeriodText.parse(every.text) else {
            throw .badJSON(.wrongType(path: "\(path).every", expected: "a period such as \"60s\" or \"200ms\" (1 ms to 30 days)"))
        }
        var counts: [Int?] = []
        for name in countNames {
            guard let value = member[member: name] else {
                counts.append(nil)
                continue
            }
            guard value.isScalar, let count = Int(value.text), count >= 1, count <= 1_000_000 else {
                throw .badJSON(.wrongType(path: "\(path).\(name)", expected: "a whole number from 1 to 1000000"))
            }
            counts.append(count)
        }
        return RuleExpectation(
            every: period, degradedToFailed: counts[0], failedToAlertLow: counts[1], alertLowToAlertHigh: counts[2],
            pattern: pattern)
    }
}
