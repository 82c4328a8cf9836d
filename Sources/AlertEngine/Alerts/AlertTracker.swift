/// The alert state machine of one rule: element → cached alert (engine.md §7, decisions.md D2).
///
/// A value type: the engine keeps one per rule, feeds it candidates and management operations,
/// and publishes what it returns. It knows nothing of the bus or the clock; `now` is passed in
/// (UNIX seconds, the `time` of the ALERT).
public struct AlertTracker: Sendable {
    /// Description of the RESOLVED alerts of TOUCH and METRICUNAVAILABLE (engine.md §7.5).
    public static let touchDescription = "Rule was changed implicitly"
    /// Description of the RESOLVED alerts of DELETE and DELETE_ELEMENT (engine.md §7.5).
    public static let deleteDescription = "Rule deleted"

    /// The plain name of the rule the alerts belong to.
    public let ruleName: String
    /// Cached alerts in the order their elements were first seen, so management publications
    /// come out in a stable order (the cache is only ever cleared as a whole: no removals).
    private var entries: [(element: String, alert: CachedAlert)] = []
    /// Element bytes → position in `entries` (byte-exact, engine.md §3.6); only kept once there
    /// are more than `scanLimit` entries: most rules have one element, which a scan finds faster
    /// and without a dictionary per rule.
    private var positions: [ByteKey: Int] = [:]
    /// Whether this is the rule named exactly `warranty` (its published description differs).
    private let isWarranty: Bool

    /// Up to this many entries an element is found by comparing bytes one entry after another.
    static let scanLimit = 8

    /// Creates an empty tracker: caches start empty at start-up and for added/updated rules.
    public init(ruleName: String) {
        self.ruleName = ruleName
        self.isWarranty = ruleName.hasSameBytes(as: WarrantyRule.name)
    }

    /// Whether no element has a cached alert.
    public var isEmpty: Bool { entries.isEmpty }

    /// The cached alert of `element`, if any.
    public func cachedAlert(forElement element: String) -> CachedAlert? {
        position(of: element).map { entries[$0].alert }
    }

    private func position(of element: String) -> Int? {
        if entries.count > Self.scanLimit { return positions[ByteKey(element)] }
        return entries.firstIndex { $0.element.hasSameBytes(as: element) }
    }

    private mutating func append(_ element: String, _ alert: CachedAlert) {
        entries.append((element, alert))
        if entries.count > Self.scanLimit {
            if positions.isEmpty {
                for (position, entry) in entries.enumerated() { positions[ByteKey(entry.element)] = position }
            } else {
                positions[ByteKey(element)] = entries.count - 1
            }
        }
    }

    /// Puts back the cached alert of `element` as a journal kept it (issue 13): the element must
    /// not be cached yet (trackers start empty; a restore runs right after loading).
    public mutating func restore(_ alert: CachedAlert, forElement element: String) {
        guard position(of: element) == nil else { return }
        append(element, alert)
    }

    /// The elements with a cached alert, in first-seen order, with their alerts.
    public var cachedAlerts: [(element: String, alert: CachedAlert)] { entries }

    /// Applies the candidate of a successful evaluation; returns what to publish, if anything.
    ///
    /// engine.md §7.2 as amended by decisions.md D2, with E the entry of the candidate's element:
    /// - no E → cache it, publish (ACTIVE or RESOLVED: the first OK seen also publishes);
    /// - E RESOLVED, candidate RESOLVED → nothing (the entry is left as it is);
    /// - otherwise, if any published field but `time` changes (state, severity, description —
    ///   including the warranty rewrite, which follows the metric value —, actions, or the ttl
    ///   that follows `metricTTL`) → cache it, publish at once;
    /// - E ACTIVE and unchanged → publish only if at least `metricTTL` seconds have passed since
    ///   the last publication for E (a minimum spacing, not a schedule: the first evaluation
    ///   once the spacing has passed publishes). If `now` is before the last publication (the
    ///   wall clock stepped back), it publishes too, so downstream never lets the alert expire.
    ///
    /// `metricTTL` is the triggering metric's TTL; the ALERT ttl is 3 × it. `metricValue` is the
    /// triggering metric's value; only the rule named `warranty` uses it (§6.5).
    public mutating func apply(
        _ candidate: AlertCandidate, metricTTL: UInt32, metricValue: Double? = nil, now: UInt64
    ) -> AlertPublication? {
        let ttl = AlertPublication.alertTTL(forMetricTTL: metricTTL)
        guard let position = position(of: candidate.element) else {
            let publication = publication(of: candidate, ttl: ttl, metricValue: metricValue, now: now)
            append(candidate.element, CachedAlert(publication))
            return publication
        }
        // Decided on the cached entry in place: the common outcome (nothing to publish) builds
        // nothing and copies nothing.
        switch (entries[position].alert.state, candidate.state) {
        case (.resolved, .resolved):
            return nil
        case (.active, .active):
            let description =
                isWarranty && metricValue != nil
                ? publication(of: candidate, ttl: ttl, metricValue: metricValue, now: now).publishedDescription
                : candidate.description
            if entries[position].alert.isRepeated(by: candidate, ttl: ttl, publishedDescription: description) {
                // decisions.md D2: unchanged ACTIVE is re-published at most once per metric TTL.
                let last = entries[position].alert.lastPublishedAt
                guard now < last || now - last >= UInt64(metricTTL) else { return nil }
            }
        default:
            break
        }
        var publication = publication(of: candidate, ttl: ttl, metricValue: metricValue, now: now)
        publication.previousState = entries[position].alert.state
        publication.previousSeverity = entries[position].alert.severity
        entries[position].alert = CachedAlert(publication)
        return publication
    }

    private func publication(
        of candidate: AlertCandidate, ttl: UInt32, metricValue: Double?, now: UInt64
    ) -> AlertPublication {
        AlertPublication(
            ruleName: ruleName, element: candidate.element, state: candidate.state,
            severity: candidate.severity, description: candidate.description, actions: candidate.actions,
            time: now, ttl: ttl, metricValue: metricValue)
    }

    /// TOUCH (engine.md §9.7) and METRICUNAVAILABLE (§5.5): every cached alert, already RESOLVED
    /// ones included (Q9), is published RESOLVED `Rule was changed implicitly`; the cache is cleared.
    public mutating func touch(now: UInt64) -> [AlertPublication] {
        resolveAll(description: Self.touchDescription, now: now)
    }

    /// DELETE / DELETE_ELEMENT (engine.md §9.8): every cached alert is published RESOLVED
    /// `Rule deleted`; the cache is cleared.
    public mutating func deleteAll(now: UInt64) -> [AlertPublication] {
        resolveAll(description: Self.deleteDescription, now: now)
    }

    /// Update of the rule (ADD with old name, engine.md §9.6): every cached alert is published
    /// RESOLVED with its last description; the cache is cleared.
    public mutating func resolveAllForUpdate(now: UInt64) -> [AlertPublication] {
        resolveAll(description: nil, now: now)
    }

    /// engine.md §7.5: severity and actions unchanged, ttl 0, time now, elements in first-seen
    /// order; no warranty description rewrite (there is no metric value on this path).
    private mutating func resolveAll(description: String?, now: UInt64) -> [AlertPublication] {
        let publications = entries.map { element, alert in
            AlertPublication(
                ruleName: ruleName, element: element, state: .resolved, severity: alert.severity,
                description: description ?? alert.description, actions: alert.actions, time: now, ttl: 0,
                previousState: alert.state, previousSeverity: alert.severity)
        }
        entries = []
        positions = [:]
        return publications
    }
}
