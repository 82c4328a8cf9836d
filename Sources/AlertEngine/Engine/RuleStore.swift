/// The loaded rules: by exact name, in insertion order, with the metric→rule index (§5.3).
///
/// Each rule gets a slot id (an Int, never reused) which the `TopicIndex` lists; names are keyed
/// by their UTF-8 bytes because every store lookup is byte-exact (engine.md §3.6, Q21), which
/// Swift's `String ==` is not.
public struct RuleStore {
    /// Slot id → rule.
    private var slots: [Int: LoadedRule] = [:]
    /// Slot ids in insertion order (LIST order, DELETE_ELEMENT order).
    private var order: [Int] = []
    /// Name bytes → slot id.
    private var byName: [[UInt8]: Int] = [:]
    private var nextID = 0
    /// Which rules a metric topic evaluates.
    public private(set) var index = TopicIndex<Int>()

    /// Creates an empty store.
    public init() {}

    /// Number of rules.
    public var count: Int { order.count }

    /// Slot ids in insertion order.
    public var ids: [Int] { order }

    /// Calls `body` with every rule in insertion order (LIST order).
    ///
    /// Reads each rule in place: going through `self[id]` would copy every `LoadedRule` (its
    /// program, tracker and rule), which costs more than a LIST of 10,000 rules does otherwise.
    public func forEachRule(_ body: (Rule) -> Void) {
        for id in order {
            guard let position = slots.index(forKey: id) else { continue }
            body(slots.values[position].rule)
        }
    }

    /// The slot id of the rule named exactly `name`.
    public func id(named name: String) -> Int? { byName[name.exactBytes] }

    /// The slot id of the rule whose name is exactly the UTF-8 bytes `name` (none when they are
    /// not valid UTF-8: no rule name is).
    public func id(namedBytes name: [UInt8]) -> Int? { byName[name] }

    /// The rule in slot `id`, read in place (no copy of the whole `LoadedRule`).
    public func rule(_ id: Int) -> Rule? {
        guard let position = slots.index(forKey: id) else { return nil }
        return slots.values[position].rule
    }

    /// The slot id of the rule stored in `file`.
    public func id(storedIn file: RuleFileName) -> Int? {
        order.first { slots[$0]?.fileName == file }
    }

    /// The rule in slot `id`; mutable so its alert tracker can be fed.
    public subscript(id: Int) -> LoadedRule? {
        get { slots[id] }
        _modify { yield &slots[id] }
    }

    /// Inserts `rule` after every existing one and indexes it; returns its slot id.
    ///
    /// The caller has checked that no rule has this exact name.
    @discardableResult
    public mutating func insert(_ rule: LoadedRule) -> Int {
        let id = nextID
        nextID += 1
        slots[id] = rule
        order.append(id)
        byName[rule.rule.name.exactBytes] = id
        switch rule.rule.kind {
        case .pattern: index.addPattern(id, target: rule.rule.targets.first ?? "")
        case .deviceThreshold: break  // §6.3: never indexed, never evaluated
        case .simpleThreshold, .complexThreshold, .single: index.add(id, targets: rule.rule.indexKeys)
        }
        return id
    }

    /// Removes the rule in slot `id` from the store and the index; returns it.
    @discardableResult
    public mutating func remove(_ id: Int) -> LoadedRule? {
        guard let rule = slots.removeValue(forKey: id) else { return nil }
        order.removeAll { $0 == id }
        byName[rule.rule.name.exactBytes] = nil
        index.remove(id)
        return rule
    }
}
