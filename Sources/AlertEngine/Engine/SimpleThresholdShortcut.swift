/// What the engine remembers of one simple threshold rule to decide, without touching the rule
/// object or its tracker, that a metric publishes nothing (engine.md §6.1, decisions.md D2).
///
/// Kept in a contiguous array by rule id: most metrics of a busy bus leave a simple threshold's
/// alert as it is, and reaching the (scattered) rule object for that was most of the cost.
/// `publishedLevel` mirrors the tracker's entry for the rule's element; whatever changes the
/// tracker other than `apply` (TOUCH, unavailable metric, delete, update) must call `forget()`.
struct SimpleThresholdShortcut {
    /// Levels in check order (§6.1): high_critical, high_warning, low_critical, low_warning.
    /// NaN for a level that is absent or has no outcome (Q7: skipped), so it never breaches.
    private var highCritical = Double.nan
    private var highWarning = Double.nan
    private var lowCritical = Double.nan
    private var lowWarning = Double.nan
    /// Whether the levels above were read from the rule (false also for the `warranty` rule,
    /// whose description follows the metric value and so is never short-cut).
    private(set) var isUsable = false
    /// The level the tracker's cached alert was published for, `resolved`, or `unknown`.
    private var publishedLevel = unknown
    /// The metric TTL and time of that publication (only meaningful for an ACTIVE level).
    private var metricTTL: UInt32 = 0
    private var publishedAt: UInt64 = 0

    /// `publishedLevel` when the tracker's entry is not known.
    static let unknown: Int8 = -1
    /// The level index meaning "nothing breached": the candidate is RESOLVED.
    static let resolved: Int8 = 4

    /// An unusable shortcut (the slow path fills it).
    init() {}

    /// The shortcut of `loaded`, a simple threshold rule, with nothing known of its tracker.
    init(_ loaded: LoadedRule) {
        guard !loaded.rule.isWarranty else { return }
        func level(_ value: Double?, _ outcome: OutcomeLevel) -> Double {
            guard let value, loaded.outcomeTable[outcome] != nil else { return .nan }
            return value
        }
        highCritical = level(loaded.levels.highCritical, .highCritical)
        highWarning = level(loaded.levels.highWarning, .highWarning)
        lowCritical = level(loaded.levels.lowCritical, .lowCritical)
        lowWarning = level(loaded.levels.lowWarning, .lowWarning)
        isUsable = true
    }

    /// The index of the level `value` breaches, as `SimpleThresholdEvaluator` checks them, or
    /// `resolved`. NaN breaches nothing.
    func level(of value: Double) -> Int8 {
        if value > highCritical { return 0 }
        if value > highWarning { return 1 }
        if value < lowCritical { return 2 }
        if value < lowWarning { return 3 }
        return Self.resolved
    }

    /// Whether `AlertTracker.apply` is sure to publish nothing for a candidate of `level`:
    /// RESOLVED after RESOLVED, or the same ACTIVE outcome and ttl within the D2 spacing.
    func publishesNothing(level: Int8, metricTTL ttl: UInt32, now: UInt64) -> Bool {
        guard isUsable, level == publishedLevel else { return false }
        if level == Self.resolved { return true }
        return ttl == metricTTL && now >= publishedAt && now - publishedAt < UInt64(ttl)
    }

    /// Records what `AlertTracker.apply` did with a candidate of `level`.
    mutating func applied(level: Int8, published: Bool, metricTTL ttl: UInt32, now: UInt64) {
        if published {
            publishedLevel = level
            metricTTL = ttl
            publishedAt = now
        } else if level == Self.resolved {
            // Nothing published for RESOLVED: the tracker's entry was RESOLVED already.
            publishedLevel = level
        } else if level != publishedLevel {
            // Unchanged ACTIVE within the spacing, but its publication time is not known here.
            publishedLevel = Self.unknown
        }
    }

    /// Forgets the tracker's entry: it was cleared or replaced outside `apply`.
    mutating func forget() {
        publishedLevel = Self.unknown
    }
}
