/// The type argument of LIST (engine.md §9.2): which kinds a listing includes.
public enum RuleListFilter: String, Sendable, Equatable, CaseIterable {
    /// `all`: every rule.
    case all
    /// `threshold`: simple, device and complex thresholds.
    case threshold
    /// `single`.
    case single
    /// `pattern`.
    case pattern

    /// The filter for a LIST type frame; any other word is `RuleError.invalidType`.
    public init(wireType: String) throws(RuleError) {
        guard let filter = RuleListFilter(rawValue: wireType) else { throw .invalidType(wireType) }
        self = filter
    }

    /// True when a rule of `kind` belongs in the listing.
    public func includes(_ kind: RuleKind) -> Bool {
        self == .all || rawValue == kind.listType
    }
}
