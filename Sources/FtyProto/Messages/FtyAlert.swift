/// An fty_proto ALERT (id 2): the state of one rule for one asset.
///
/// wire.md §4.4. `rule`, `name`, `state`, `severity` and `description` are `string` fields on
/// the wire (255 bytes at most); the encoder cuts longer values at a UTF-8 boundary
/// (engine.md §16 Q29). `metadata` is always encoded; a frame without it decodes as "".
public struct FtyAlert: Sendable, Equatable {
    /// Auxiliary attributes (fty-alert-list adds `ctime`).
    public var aux: FtyHash
    /// Alert timestamp, Unix seconds.
    public var time: UInt64
    /// Validity in seconds: the alert expires at `time + ttl`.
    public var ttl: UInt32
    /// Name of the rule that produced the alert.
    public var rule: String
    /// Asset (element) the alert is about.
    public var name: String
    /// `ACTIVE`, `ACK-WIP`, `ACK-IGNORE`, `ACK-PAUSE`, `ACK-SILENCE` or `RESOLVED`.
    public var state: String
    /// `INFO`, `WARNING`, `CRITICAL` (the engine also sends `OK` or "" on resolution).
    public var severity: String
    /// Description, in 42ity usually a JSON translation object.
    public var description: String
    /// Actions in order, e.g. `EMAIL`, `SMS`; duplicates and empty items are kept as sent.
    public var action: [String]
    /// Opaque trailing string, usually empty.
    public var metadata: String

    /// Creates an alert.
    public init(
        aux: FtyHash = FtyHash(), time: UInt64, ttl: UInt32, rule: String, name: String, state: String,
        severity: String, description: String, action: [String] = [], metadata: String = ""
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
}
