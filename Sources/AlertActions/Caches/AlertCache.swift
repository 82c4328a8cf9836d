/// The alerts the actor remembers, keyed by rule name only (engine.md §12.2, Q11), with an
/// index by related asset so that an asset change does not scan every alert.
public struct AlertCache: Sendable {
    private var alerts: [String: CachedAlert] = [:]
    private var rulesByAsset: [String: Set<String>] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The entry of `rule`.
    public subscript(rule: String) -> CachedAlert? { alerts[rule] }

    /// Number of cached alerts.
    public var count: Int { alerts.count }

    /// Every cached rule name, sorted (so periodic work runs in a stable order).
    public var rules: [String] { alerts.keys.sorted() }

    /// The rules whose related asset is `asset`, sorted.
    public func rules(relatedTo asset: String) -> [String] {
        (rulesByAsset[asset] ?? []).sorted()
    }

    /// Stores `entry` under `rule`, replacing any previous one.
    public mutating func store(_ entry: CachedAlert, rule: String) {
        if let old = alerts[rule]?.relatedAsset, old != entry.relatedAsset { unindex(rule, from: old) }
        alerts[rule] = entry
        if let asset = entry.relatedAsset { rulesByAsset[asset, default: []].insert(rule) }
    }

    /// Changes the entry of `rule` in place, if there is one (the related asset must not change).
    mutating func update(_ rule: String, _ change: (inout CachedAlert) -> Void) {
        guard var entry = alerts[rule] else { return }
        alerts[rule] = nil  // keeps the entry uniquely referenced while it changes
        change(&entry)
        alerts[rule] = entry
    }

    /// Removes and returns the entry of `rule`.
    @discardableResult
    public mutating func remove(_ rule: String) -> CachedAlert? {
        guard let entry = alerts.removeValue(forKey: rule) else { return nil }
        if let asset = entry.relatedAsset { unindex(rule, from: asset) }
        return entry
    }

    private mutating func unindex(_ rule: String, from asset: String) {
        rulesByAsset[asset]?.remove(rule)
        if rulesByAsset[asset]?.isEmpty == true { rulesByAsset[asset] = nil }
    }
}
