/// One named numeric constant of a rule's `values` (engine.md §3.4).
///
/// Simple thresholds read `low_critical`, `low_warning`, `high_warning`, `high_critical`;
/// Lua kinds expose every value as a global of that name (engine.md §4).
public struct RuleValue: Sendable, Equatable {
    /// The variable name (the first member name of the `values` element).
    public var name: String
    /// The parsed value (`strtod` semantics: may be ±inf or nan).
    public var value: Double

    /// Creates a value.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }

    /// Equal names and values; two NaNs with the same bits are equal, so a rule equals itself.
    public static func == (lhs: RuleValue, rhs: RuleValue) -> Bool {
        lhs.name == rhs.name && (lhs.value == rhs.value || lhs.value.bitPattern == rhs.value.bitPattern)
    }
}
