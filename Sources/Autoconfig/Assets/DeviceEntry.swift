/// What autoconfig remembers of one asset (engine.md §11.2 step 4, §11.8).
public struct DeviceEntry: Sendable, Equatable, Codable {
    /// Aux `type`, e.g. `device`, `rack`.
    public var type: String
    /// Aux `subtype`, e.g. `ups`, `sensorgpio`; "" when absent.
    public var subtype: String
    /// The operation of the message that stored it: `create`, `update` or `retire`.
    public var operation: String
    /// Ext `update_ts`, "" when absent.
    public var updateTimestamp: String
    /// The complete ext map (the first of duplicate keys wins).
    public var attributes: [String: String]
    /// Whether its rules were generated (or none apply).
    public var configured: Bool
    /// Monotonic ms of the last generation attempt, 0 if none yet (the timer looks at it, §11.4).
    public var date: UInt64

    /// Creates an entry.
    public init(
        type: String, subtype: String = "", operation: String = "create", updateTimestamp: String = "",
        attributes: [String: String] = [:], configured: Bool = false, date: UInt64 = 0
    ) {
        self.type = type
        self.subtype = subtype
        self.operation = operation
        self.updateTimestamp = updateTimestamp
        self.attributes = attributes
        self.configured = configured
        self.date = date
    }

    /// The template type-name of this asset (§11.3).
    public var typeName: String { AssetTypeName.of(type: type, subtype: subtype) }
}
