import MalamuteProtocol

/// The metric → rule index: which rules a metric topic evaluates, in order (engine.md §5.2–§5.3).
///
/// Exact rules (simple threshold: its target; complex threshold and single: every target) are
/// found by a hash lookup of the topic, so the cost is proportional to the rules using that
/// topic, not to the rules loaded. Pattern rules are few (the shipped set has one, `warranty`):
/// their regular expression is matched against every looked-up topic (engine.md Q4, decisions.md
/// D3), which costs one `SubjectPattern` match per pattern rule per lookup. Device thresholds are
/// never added. There is no negative cache (Q3): a rule is found from the moment it is added.
///
/// Order: rules come out in the order they were added (§5.3), exact and pattern rules merged;
/// a rule listing a topic twice comes out twice (Q39, as the original).
public struct TopicIndex<RuleID: Hashable & Sendable>: Sendable {
    /// The quantity of warranty metrics (engine.md §5.2 step 5).
    public static var warrantyQuantity: String { "end_warranty_date" }
    /// The literal index key the original looks up for every warranty metric (§5.2 step 5).
    public static var warrantyKey: String { "^end_warranty_date@.+" }

    private struct Entry: Sendable {
        var sequence: UInt64
        var rule: RuleID
    }

    /// The rules of one exact key in add order, with their sequence numbers alongside, so that
    /// the common lookup (no pattern rule matches) hands out `rules` without building anything.
    private struct ExactList: Sendable {
        var sequences: [UInt64] = []
        var rules: [RuleID] = []

        var entries: [Entry] { zip(sequences, rules).map { Entry(sequence: $0, rule: $1) } }

        mutating func removeAll(_ rule: RuleID) {
            var index = rules.count
            while index > 0 {
                index -= 1
                if rules[index] == rule {
                    rules.remove(at: index)
                    sequences.remove(at: index)
                }
            }
        }
    }

    private struct PatternEntry: Sendable {
        var sequence: UInt64
        var rule: RuleID
        var target: String
        var pattern: SubjectPattern
    }

    private enum Registration: Sendable {
        /// The distinct keys; an array, not a set: a rule has one or two, and a set per rule
        /// costs a hash table per rule.
        case exact(keys: [ByteKey])
        case pattern
    }

    private var nextSequence: UInt64 = 0
    /// Changes with every add and remove, so a caller may keep a lookup's result while it is equal.
    public private(set) var version: UInt64 = 0
    /// Topic bytes → rules in add order (byte-exact keys, engine.md §3.6).
    private var exact: [ByteKey: ExactList] = [:]
    private var patterns: [PatternEntry] = []
    private var registrations: [RuleID: Registration] = [:]
    /// The literal warranty key, built once: every warranty metric looks it up.
    private let warrantyLookupKey = ByteKey(Self.warrantyKey)

    /// Creates an empty index.
    public init() {}

    /// Number of rules indexed (exact and pattern).
    public var ruleCount: Int { registrations.count }

    /// Whether `rule` is indexed.
    public func contains(_ rule: RuleID) -> Bool { registrations[rule] != nil }

    /// Indexes `rule` under each of `targets` (exact topics), after every rule already indexed.
    ///
    /// A target listed twice makes the rule come out twice for that topic (Q39). Adding a rule
    /// that is already indexed replaces it (as remove + add: it moves to the end of the order).
    public mutating func add(_ rule: RuleID, targets: [String]) {
        remove(rule)
        version &+= 1
        let sequence = takeSequence()
        let keys = targets.map(ByteKey.init)
        for key in keys {
            exact[key, default: ExactList()].sequences.append(sequence)
            exact[key]?.rules.append(rule)
        }
        var distinct: [ByteKey] = []
        for key in keys where !distinct.contains(key) { distinct.append(key) }
        registrations[rule] = .exact(keys: distinct)
    }

    /// Indexes the pattern rule `rule` whose `target` is a regular expression (engine.md §6.4).
    ///
    /// The expression is compiled once here with Malamute's SLRE matcher (search semantics); an
    /// invalid expression matches no topic, but the literal warranty key still works (see
    /// `rules(forQuantity:asset:)`). Re-adding replaces, as for `add(_:targets:)`.
    public mutating func addPattern(_ rule: RuleID, target: String) {
        remove(rule)
        version &+= 1
        let entry = PatternEntry(
            sequence: takeSequence(), rule: rule, target: target, pattern: SubjectPattern(target))
        patterns.append(entry)
        registrations[rule] = .pattern
    }

    /// Removes `rule` (delete, or update before the new rule is added); unknown rules are ignored.
    public mutating func remove(_ rule: RuleID) {
        version &+= 1
        switch registrations.removeValue(forKey: rule) {
        case .exact(let keys)?:
            for key in keys {
                exact[key]?.removeAll(rule)
                if exact[key]?.rules.isEmpty == true { exact[key] = nil }
            }
        case .pattern?:
            patterns.removeAll { $0.rule == rule }
        case nil:
            break
        }
    }

    /// The rules a metric `<quantity>@<asset>` evaluates, in index order (engine.md §5.2 steps 5–6).
    ///
    /// Exact rules: those indexed under the topic; for quantity `end_warranty_date` the key is the
    /// literal `^end_warranty_date@.+` instead, as in the original. Pattern rules: those whose
    /// expression matches the topic, plus — for a warranty metric — those whose target is that
    /// literal key, so the warranty rule is found exactly as the original finds it (even for an
    /// empty asset, which `.+` would not match) and never twice.
    public func rules(forQuantity quantity: String, asset: String) -> [RuleID] {
        rules(forTopic: ByteKey(quantity: quantity, asset: asset), quantity: quantity)
    }

    /// `rules(forQuantity:asset:)` with the topic's bytes already built (the engine keys the
    /// metric cache with the same bytes).
    func rules(forTopic topic: ByteKey, quantity: String) -> [RuleID] {
        lookup(topic: topic, isWarranty: quantity.hasSameBytes(as: Self.warrantyQuantity))
    }

    /// The rules a metric topic `<quantity>@<asset>` evaluates: as `rules(forQuantity:asset:)`
    /// with the quantity taken as the part before the first `@` (the whole topic if none).
    public func rules(forTopic topic: String) -> [RuleID] {
        lookup(topic: ByteKey(topic), isWarranty: topic.utf8.starts(with: (Self.warrantyQuantity + "@").utf8))
    }

    /// The rules indexed under exactly `key`, each once, in index order: the rules a
    /// METRICUNAVAILABLE for topic `key` touches (engine.md §5.5).
    ///
    /// As in the original, a pattern rule is indexed under its expression text, so it is found
    /// only when `key` is that text; no regular expression is matched here.
    public func rulesIndexed(under key: String) -> [RuleID] {
        let literalPatterns = patterns.filter { $0.target.hasSameBytes(as: key) }
            .map { Entry(sequence: $0.sequence, rule: $0.rule) }
        var seen = Set<RuleID>()
        return Self.merge(exact[ByteKey(key)]?.entries ?? [], literalPatterns).filter { seen.insert($0).inserted }
    }

    private func lookup(topic: ByteKey, isWarranty: Bool) -> [RuleID] {
        let exactList = exact[isWarranty ? warrantyLookupKey : topic]
        guard !patterns.isEmpty else { return exactList?.rules ?? [] }
        var matched: [Entry] = []
        for entry in patterns
        where (isWarranty && entry.target.hasSameBytes(as: Self.warrantyKey)) || entry.pattern.matches(topic.bytes) {
            matched.append(Entry(sequence: entry.sequence, rule: entry.rule))
        }
        if matched.isEmpty { return exactList?.rules ?? [] }
        return Self.merge(exactList?.entries ?? [], matched)
    }

    private mutating func takeSequence() -> UInt64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    /// Merges two lists already in add order (both sorted by sequence) into one.
    private static func merge(_ first: [Entry], _ second: [Entry]) -> [RuleID] {
        if second.isEmpty { return first.map(\.rule) }
        if first.isEmpty { return second.map(\.rule) }
        var result: [RuleID] = []
        result.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && first[i].sequence <= second[j].sequence) {
                result.append(first[i].rule)
                i += 1
            } else {
                result.append(second[j].rule)
                j += 1
            }
        }
        return result
    }
}
