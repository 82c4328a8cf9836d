/// The metric cache of the stream actor: topic → last reading (engine.md §5.1, §5.4).
///
/// A value type: the owner replaces entries as metrics arrive, purges on its timer and reads
/// values for evaluation. Topics are compared byte for byte (`<quantity>@<asset>`).
public struct MetricCache: Sendable {
    /// Keyed by the topic's bytes: topics compare byte for byte (engine.md §3.6).
    private var entries: [ByteKey: CachedMetric] = [:]

    /// Creates an empty cache.
    public init() {}

    /// Number of cached topics.
    public var count: Int { entries.count }

    /// The cached reading of `topic`, if any (NaN values included).
    public subscript(topic: String) -> CachedMetric? { entries[ByteKey(topic)] }

    /// Replaces the reading of `topic` (engine.md §5.2 step 3).
    public mutating func store(_ metric: CachedMetric, topic: String) {
        store(metric, key: ByteKey(topic))
    }

    /// Replaces the reading of the topic whose bytes are `key`.
    mutating func store(_ metric: CachedMetric, key: ByteKey) {
        entries[key] = metric
    }

    /// Removes every entry with (now − timestamp) > ttl (engine.md §5.1 step 2).
    ///
    /// Returns the removed topics, sorted, so the owner can log them. Costs one pass over the
    /// cache; it runs on a timer, not per metric.
    @discardableResult
    public mutating func purge(now: UInt64) -> [String] {
        let expired = entries.filter { $0.value.isExpired(now: now) }.keys
        for key in expired { entries[key] = nil }
        return expired.map(\.string).sorted()
    }

    /// The value of `topic` for evaluation: nil when missing or NaN (engine.md §5.4).
    public func value(of topic: String) -> Double? {
        value(of: ByteKey(topic))
    }

    /// The value of the topic whose bytes are `key`: nil when missing or NaN.
    func value(of key: ByteKey) -> Double? {
        guard let value = entries[key]?.value, !value.isNaN else { return nil }
        return value
    }

    /// The values of `topics` in order, for a multi-target Lua rule; nil if any is missing or NaN.
    ///
    /// engine.md §5.4: no age check beyond the purge, so a fresh value may be combined with an
    /// older one.
    public func values(of topics: [String]) -> [Double]? {
        values(ofKeys: topics.map(ByteKey.init))
    }

    /// `values(of:)` for topics already turned into keys (a rule's targets, keyed once).
    func values(ofKeys keys: [ByteKey]) -> [Double]? {
        var values: [Double] = []
        values.reserveCapacity(keys.count)
        for key in keys {
            guard let value = value(of: key) else { return nil }
            values.append(value)
        }
        return values
    }
}
