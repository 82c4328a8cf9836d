/// An fty_proto METRIC (id 1): one measured value of one quantity of one asset.
///
/// wire.md §4.3. `type`, `name`, `value` and `unit` are `string` fields on the wire (255 bytes
/// at most); the encoder cuts longer values at a UTF-8 boundary (engine.md §16 Q29).
public struct FtyMetric: Sendable, Equatable {
    /// Auxiliary attributes (`element-dest`, `port`, `sname`, `time`, …).
    public var aux: FtyHash
    /// Timestamp, Unix seconds.
    public var time: UInt64
    /// Validity in seconds.
    public var ttl: UInt32
    /// Quantity, e.g. `temperature`, `realpower.default`, `status.ups`.
    public var type: String
    /// Asset (element) name, e.g. `ups-1`.
    public var name: String
    /// Value as text, e.g. `25.3`.
    public var value: String
    /// Unit, e.g. `C`, `W`, `%`.
    public var unit: String

    /// Creates a metric.
    public init(
        aux: FtyHash = FtyHash(), time: UInt64, ttl: UInt32, type: String, name: String, value: String,
        unit: String
    ) {
        self.aux = aux
        self.time = time
        self.ttl = ttl
        self.type = type
        self.name = name
        self.value = value
        self.unit = unit
    }
}
