import FtyProto

/// One alert the engine publishes on `_ALERTS_SYS`, with what it needs to build the message.
///
/// Produced by `AlertTracker`. `ftyAlert` gives the ALERT of engine.md §7.3 and `subject`
/// the stream subject of §7.4; both apply the special handling of the rule named `warranty`
/// (§6.5). `description` is the cached description; the warranty rewrite only appears in
/// `ftyAlert`.
public struct AlertPublication: Sendable, Hashable {
    /// The plain rule name.
    public var ruleName: String
    /// The element the alert is about.
    public var element: String
    /// ACTIVE or RESOLVED.
    public var state: AlertState
    /// The severity as sent.
    public var severity: String
    /// The description as cached (before any warranty rewrite).
    public var description: String
    /// The actions as sent.
    public var actions: [String]
    /// Publication time, UNIX seconds.
    public var time: UInt64
    /// The ALERT ttl: `alertTTL(forMetricTTL:)` on the evaluation path, 0 for management.
    public var ttl: UInt32
    /// The triggering metric's value on the evaluation path (nil for management alerts); only
    /// the warranty rewrite reads it.
    public var metricValue: Double?
    /// The state the element's cached alert had before this publication; nil when the element
    /// had none (the audit log's transition line, engine.md §13).
    public var previousState: AlertState?
    /// The severity the element's cached alert had before this publication; nil when none.
    public var previousSeverity: String?

    /// Creates a publication.
    public init(
        ruleName: String, element: String, state: AlertState, severity: String, description: String,
        actions: [String], time: UInt64, ttl: UInt32, metricValue: Double? = nil,
        previousState: AlertState? = nil, previousSeverity: String? = nil
    ) {
        self.ruleName = ruleName
        self.element = element
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
        self.time = time
        self.ttl = ttl
        self.metricValue = metricValue
        self.previousState = previousState
        self.previousSeverity = previousSeverity
    }

    /// Whether this publication changes the element's state or severity (or is its first):
    /// an alert transition, as opposed to the periodic re-publication of an unchanged alert or a
    /// change of description or actions only.
    public var isTransition: Bool {
        guard let previousState, let previousSeverity else { return true }
        return previousState != state || !previousSeverity.hasSameBytes(as: severity)
    }

    /// The ALERT ttl of an evaluation alert: 3 × the metric TTL (engine.md §7.3).
    ///
    /// Saturates at `UInt32.max` because the field is 4 bytes on the wire.
    public static func alertTTL(forMetricTTL metricTTL: UInt32) -> UInt32 {
        let (product, overflow) = metricTTL.multipliedReportingOverflow(by: 3)
        return overflow ? .max : product
    }

    /// Whether this is the rule named exactly `warranty`.
    public var isWarranty: Bool { ruleName.hasSameBytes(as: WarrantyRule.name) }

    /// The `rule` field: `warranty@<element>` for the warranty rule, else the plain name.
    public var ruleField: String { isWarranty ? "\(ruleName)@\(element)" : ruleName }

    /// The description as published: the warranty rewrite (engine.md §6.5) when this is the
    /// warranty rule on the evaluation path, else `description`.
    public var publishedDescription: String {
        guard isWarranty, let metricValue else { return description }
        return WarrantyDescription.rewrite(description, asset: element, value: metricValue).text
    }

    /// The fty_proto ALERT to send on `_ALERTS_SYS` with subject `subject` (engine.md §7.3,
    /// §7.4): empty aux and metadata.
    ///
    /// The shell sends `FtyProtoCodec.encode(alert)`; fields over 255 bytes are cut by the codec
    /// (Q29), see `ftyAlert(logger:)` for the log line.
    public var ftyAlert: FtyAlert {
        FtyAlert(
            time: time, ttl: ttl, rule: ruleField, name: element, state: state.rawValue,
            severity: severity, description: publishedDescription, action: actions)
    }

    /// The stream subject `<rule name>/<severity>@<element>` (engine.md §7.4).
    ///
    /// Uses the plain rule name even for warranty, and the severity actually sent, so a resolved
    /// simple threshold gives `simplethreshold/@fff`.
    public var subject: String { "\(ruleName)/\(severity)@\(element)" }
}
