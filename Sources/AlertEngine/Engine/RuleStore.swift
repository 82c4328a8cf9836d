/// The loaded rules: by exact name, in insertion order, with the metric→rule index (§5.3).
///
/// Each rule gets a slot id (an Int, never reused) which the `TopicIndex` lists; names are keyed
/// by their UTF-8 bytes because every store lookup is byte-exact (engine.md §3.6, Q21), which
/// Swift's `String ==` is not.
public struct RuleStore {
    /// Slot id → rule (nil once removed). Ids are array positions: a metric reaches its rules
    /// without hashing; a removed rule leaves an 8-byte hole, since ids are never reused.
    private var slots: [LoadedRule?] = []
    /// Slot ids in insertion order (LIST order, DELETE_ELEMENT order).
    private var order: [Int] = []
    /// Name bytes → slot id.
    private var byName: [[UInt8]: Int] = [:]
    private var nextID = 0
    /// Which rules a metric topic evaluates.
    public private(set) var index = TopicIndex<Int>()
    /// Changes with every insert and remove, also of the rules the index leaves out (device
    /// thresholds, `expect` rules), so a caller may keep what it derived from the rules while it is equal.
    public private(set) var version: UInt64 = 0

    /// Creates an empty store.
    public init() {}

    /// Number of rules.
    public var count: Int { order.count }

    /// Slot ids in insertion order.
    public var ids: [Int] { order }

    /// Calls `body` with every rule in insertion order (LIST order).
    public func forEachRule(_ body: (Rule) -> Void) {
        for id in order {
            if let loaded = slots[id] { body(loaded.rule) }
        }
    }

    /// The slot id of the rule named exactly `name`.
    public func id(named name: String) -> Int? { byName[name.exactBytes] }

    /// The slot id of the rule whose name is exactly the UTF-8 bytes `name` (none when they are
    /// not valid UTF-8: no rule name is).
    public func id(namedBytes name: [UInt8]) -> Int? { byName[name] }

    /// The rule in slot `id`.
    public func rule(_ id: Int) -> Rule? { self[id]?.rule }

    /// The slot id of the rule stored in `file`.
    public func id(storedIn file: RuleFileName) -> Int? {
        order.first { slots[$0]?.fileName == file }
    }

    /// The rule in slot `id`; a reference, so its alert tracker can be fed in place.
    public subscript(id: Int) -> LoadedRule? {
        slots.indices.contains(id) ? slots[id] : nil
    }

    /// Inserts `rule` after every existing one and indexes it; returns its slot id.
    ///
    /// The caller has checked that no rule has this exact name.
    @discardableResult
    public mutating func insert(_ rule: LoadedRule) -> Int {
        let id = nextID
        nextID += 1
        slots.append(rule)
        order.append(id)
        byName[rule.rule.name.exactBytes] = id
        version &+= 1
        switch rule.rule.kind {
        case .pattern: index.addPattern(id, target: rule.rule.targets.first ?? "")
        case .deviceThreshold: break  // §6.3: never indexed, never evaluated
        case .expect: break  // issue 12: only the absence ladder reads it
        case .simpleThreshold, .complexThreshold, .single: index.add(id, targets: rule.rule.indexKeys)
        }
        return id
    }

    /// Removes the rule in slot `id` from the store and the index; returns it.
    @discardableResult
    public mutating func remove(_ id: Int) -> LoadedRule? {
        guard let rule = self[id] else { return nil }
        slots[id] = nil
        order.removeAll { $0 == id }
        byName[rule.rule.name.exactBytes] = nil
        version &+= 1
        index.remove(id)
        return rule
    }
}
