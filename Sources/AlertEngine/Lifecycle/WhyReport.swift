import Foundation

/// What `why RULE [ELEMENT]` answers (issue 13 item 5): the rule's last evaluation, its inputs
/// as the metric cache holds them now, its alert and lifecycle state per element, and why
/// nothing was published if nothing was. Encoded as JSON on the `rfc-alert-why` mailbox subject.
public struct WhyReport: Sendable, Equatable, Codable {
    /// The rule name.
    public var rule: String
    /// Its kind (`threshold`, `single`, `pattern`, …).
    public var kind: String
    /// Its named values (thresholds, clear values), in document order.
    public var values: [NamedValue]
    /// The lifecycle fields, nil when the rule has none.
    public var lifecycle: PolicySummary?
    /// The rule's inputs now: every target (or the last triggering topic of a pattern rule).
    public var inputs: [Input]
    /// The last evaluation past the simple-threshold shortcut, nil if none yet.
    public var lastEvaluation: EvaluationRecord?
    /// When the simple-threshold shortcut last decided that nothing changed (UNIX seconds), when
    /// that is later than `lastEvaluation`.
    public var lastUnchangedAt: UInt64?
    /// The alert and lifecycle state of each element (only `element` when one was asked for).
    public var elements: [ElementState]
    /// One sentence: what the last evaluation did.
    public var explanation: String

    /// A named value of the rule.
    public struct NamedValue: Sendable, Equatable, Codable {
        public var name: String
        public var value: Double
    }

    /// The lifecycle fields of the rule.
    public struct PolicySummary: Sendable, Equatable, Codable {
        public var criticalFor: UInt64
        public var warningFor: UInt64
        public var damping: FlapDamping?
        public var hysteresis: Bool
        public var readsPreviousOutcome: Bool
    }

    /// One input metric as cached now.
    public struct Input: Sendable, Equatable, Codable {
        public var topic: String
        /// nil when the cache holds no value (the rule cannot be evaluated).
        public var value: Double?
        public var unit: String?
        /// The metric's timestamp, UNIX seconds.
        public var time: UInt64?
        public var ttl: UInt32?
    }

    /// The state of one element.
    public struct ElementState: Sendable, Equatable, Codable {
        public var element: String
        /// ACTIVE / RESOLVED of the cached alert, nil when none is cached.
        public var state: AlertState?
        public var severity: String?
        public var description: String?
        /// When the alert was last published, UNIX seconds.
        public var lastPublishedAt: UInt64?
        /// The lifecycle state (rules with lifecycle fields).
        public var lifecycle: AlertLifecycle?
    }

    /// The report's one encoding, on the mailbox and over HTTP: JSON with sorted keys.
    public static func json(_ report: WhyReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(report))
    }
}
