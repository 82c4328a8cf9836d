/// The fields of one fty_proto ALERT as the engine publishes it (engine.md §2.1, §7.3).
///
/// A plain value: the bus layer converts it to the codec's ALERT type. Field names follow the
/// fty_proto field names. Strings are not truncated here; the codec owns the 255-byte limit of
/// `string` fields (engine.md Q29).
public struct AlertMessage: Sendable, Hashable {
    /// Auxiliary attributes: always empty from the engine.
    public var aux: [String: String]
    /// Publication time, UNIX seconds (engine.md Q31: not the metric time).
    public var time: UInt64
    /// Validity in seconds: 3 × the triggering metric's TTL, or 0 for rule-management alerts.
    public var ttl: UInt32
    /// The rule name, or `warranty@<element>` for the rule named `warranty`.
    public var rule: String
    /// The element (asset) the alert is about.
    public var name: String
    /// `ACTIVE` or `RESOLVED`.
    public var state: String
    /// `CRITICAL`, `WARNING`, or on resolution "" (simple threshold) / `OK` (Lua).
    public var severity: String
    /// The description (warranty rewrite already applied, engine.md §6.5).
    public var description: String
    /// The action strings in order.
    public var action: [String]
    /// Always empty from the engine.
    public var metadata: String

    /// Creates a message; `aux` and `metadata` default to empty, as the engine sends them.
    public init(
        aux: [String: String] = [:], time: UInt64, ttl: UInt32, rule: String, name: String, state: String,
        severity: String, description: String, action: [String], metadata: String = ""
    ) {
        self.aux = aux
        self.time = time
        self.ttl = ttl
        self.rule = rule
        self.name = name
        self.state = state
        self.severity = severity
        self.description = description
        self.action = action
        self.metadata = metadata
    }

    /// Whether every field except `time` has the same bytes: what decisions.md D2 calls "unchanged".
    ///
    /// Text is compared byte for byte, so a change of Unicode normalisation counts as a change.
    public func equalsIgnoringTime(_ other: AlertMessage) -> Bool {
        ttl == other.ttl && rule.hasSameBytes(as: other.rule) && name.hasSameBytes(as: other.name)
            && state.hasSameBytes(as: other.state) && severity.hasSameBytes(as: other.severity)
            && description.hasSameBytes(as: other.description) && metadata.hasSameBytes(as: other.metadata)
            && action.count == other.action.count
            && zip(action, other.action).allSatisfy { $0.hasSameBytes(as: $1) }
            && aux == other.aux
    }
}
