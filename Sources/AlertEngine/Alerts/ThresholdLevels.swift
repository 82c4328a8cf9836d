/// The four levels of a simple threshold rule, each optional (engine.md §6.1).
///
/// Taken from the rule's `values` by name; any other value name has no meaning for this kind.
public struct ThresholdLevels: Sendable, Hashable {
    /// `low_critical`.
    public var lowCritical: Double?
    /// `low_warning`.
    public var lowWarning: Double?
    /// `high_warning`.
    public var highWarning: Double?
    /// `high_critical`.
    public var highCritical: Double?

    /// Creates levels; an absent level is never checked.
    public init(
        lowCritical: Double? = nil, lowWarning: Double? = nil, highWarning: Double? = nil,
        highCritical: Double? = nil
    ) {
        self.lowCritical = lowCritical
        self.lowWarning = lowWarning
        self.highWarning = highWarning
        self.highCritical = highCritical
    }

    /// Reads the four levels through `value`, which returns a rule value by name (or nil).
    public init(valueNamed value: (String) -> Double?) {
        self.init(
            lowCritical: value("low_critical"), lowWarning: value("low_warning"),
            highWarning: value("high_warning"), highCritical: value("high_critical"))
    }
}
