/// The metric cache of the stream actor: topic → last reading (engine.md §5.1, §5.4).
///
/// A value type: the owner replaces entries as metrics arrive, purges on its timer and reads
/// values for evaluation. Topics are compared byte for byte (`<quantity>@<asset>`).
public struct MetricCache: Sendable {
    /// Where a topic's reading was found, so that the next lookup of a rule's target can skip
    /// the hash table: valid while the slot keeps its generation (a purge bumps it).
    struct Handle: Sendable {
        var slot: Int
        var generation: UInt64
    }

    private struct Slot: Sendable {
        /// Never nil while a topic maps to the slot.
        var metric: CachedMetric?
        var generation: UInt64 = 0
    }

    /// Topic bytes → slot: topics compare byte for byte (engine.md §3.6).
    private var slotsByTopic: [ByteKey: Int] = [:]
    private var slots: [Slot] = []
    /// Slots freed by the purge, reused before the array grows.
    private var freeSlots: [Int] = []

    /// Creates an empty cache.
    public init() {}

    /// Number of cached topics.
    public var count: Int { slotsByTopic.count }

    /// The cached reading of `topic`, if any (NaN values included).
    public subscript(topic: String) -> CachedMetric? {
        slotsByTopic[ByteKey(topic)].flatMap { slots[$0].metric }
    }

    /// Replaces the reading of `topic` (engine.md §5.2 step 3).
    public mutating func store(_ metric: CachedMetric, topic: String) {
        store(metric, key: ByteKey(topic))
    }

    /// Replaces the reading of the topic whose bytes are `key`; returns where it is kept.
    @discardableResult
    mutating func store(_ metric: CachedMetric, key: ByteKey) -> Handle {
        if let slot = slotsByTopic[key] {
            slots[slot].metric = metric
            return Handle(slot: slot, generation: slots[slot].generation)
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot].metric = metric
        } else {
            slot = slots.count
            slots.append(Slot(metric: metric))
        }
        slotsByTopic[key] = slot
        return Handle(slot: slot, generation: slots[slot].generation)
    }

    /// Removes every entry with (now − timestamp) > ttl (engine.md §5.1 step 2).
    ///
    /// Returns the removed topics, sorted, so the owner can log them. Costs one pass over the
    /// cache; it runs on a timer, not per metric.
    @discardableResult
    public mutating func purge(now: UInt64) -> [String] {
        let expired = slotsByTopic.filter { slots[$0.value].metric?.isExpired(now: now) ?? true }
        for (key, slot) in expired {
            slotsByTopic[key] = nil
            slots[slot].metric = nil
            slots[slot].generation &+= 1
            freeSlots.append(slot)
        }
        return expired.keys.map(\.string).sorted()
    }

    /// The value of `topic` for evaluation: nil when missing or NaN (engine.md §5.4).
    public func value(of topic: String) -> Double? {
        value(of: ByteKey(topic))
    }

    /// The value of the topic whose bytes are `key`: nil when missing or NaN.
    func value(of key: ByteKey) -> Double? {
        guard let slot = slotsByTopic[key], let value = slots[slot].metric?.value, !value.isNaN else { return nil }
        return value
    }

    /// `value(of:)` through `handle`, which it checks first and updates after a hash lookup.
    func value(of key: ByteKey, handle: inout Handle?) -> Double? {
        let metric: CachedMetric?
        if let known = handle, slots[known.slot].generation == known.generation {
            metric = slots[known.slot].metric
        } else if let slot = slotsByTopic[key] {
            handle = Handle(slot: slot, generation: slots[slot].generation)
            metric = slots[slot].metric
        } else {
            handle = nil
            metric = nil
        }
        guard let value = metric?.value, !value.isNaN else { return nil }
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
        var handles = [Handle?](repeating: nil, count: keys.count)
        return values(ofKeys: keys, handles: &handles)
    }

    /// `values(ofKeys:)` through one handle per key (`handles.count == keys.count`).
    func values(ofKeys keys: [ByteKey], handles: inout [Handle?]) -> [Double]? {
        var values: [Double] = []
        values.reserveCapacity(keys.count)
        for index in keys.indices {
            guard let value = value(of: keys[index], handle: &handles[index]) else { return nil }
            values.append(value)
        }
        return values
    }
}
