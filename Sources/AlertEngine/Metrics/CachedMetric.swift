/// The last reading of one metric topic, as the metric cache keeps it (engine.md §5.1).
public struct CachedMetric: Sendable, Hashable {
    /// The parsed value (may be NaN or infinite: `strtod` accepts them).
    public var value: Double
    /// The unit: stored, never used by evaluation.
    public var unit: String
    /// The metric time, UNIX seconds: aux `time` if it is an unsigned integer, else arrival time.
    public var timestamp: UInt64
    /// Validity in seconds.
    public var ttl: UInt32

    /// Creates an entry from already parsed parts.
    public init(value: Double, unit: String, timestamp: UInt64, ttl: UInt32) {
        self.value = value
        self.unit = unit
        self.timestamp = timestamp
        self.ttl = ttl
    }

    /// Builds the entry for an arriving metric (engine.md §5.2 steps 1–2).
    ///
    /// `valueText` is parsed by `MetricValueParser` (a refused value throws: ignore the metric).
    /// `auxTime` is the metric's aux `time` attribute if any: a decimal unsigned integer is the
    /// timestamp; absent or not a number → `now` (the original falls back to the read time;
    /// a malformed `time` is treated as absent rather than refusing the metric).
    public init(valueText: String, unit: String, ttl: UInt32, auxTime: String?, now: UInt64) throws(MetricValueError) {
        let value = try MetricValueParser.parse(valueText)
        self.init(value: value, unit: unit, timestamp: Self.timestamp(auxTime: auxTime, now: now), ttl: ttl)
    }

    /// The timestamp rule of engine.md §5.2 step 2 / Q15: aux `time` if an unsigned integer, else now.
    public static func timestamp(auxTime: String?, now: UInt64) -> UInt64 {
        guard let auxTime, auxTime.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let time = UInt64(auxTime)
        else { return now }
        return time
    }

    /// Whether the purge at `now` drops this entry: (now − timestamp) > ttl (engine.md §5.1 step 2).
    ///
    /// A timestamp in the future never expires until its time has come; ttl 0 expires one
    /// second after its timestamp (the rule is applied literally).
    public func isExpired(now: UInt64) -> Bool {
        now > timestamp && now - timestamp > UInt64(ttl)
    }
}
