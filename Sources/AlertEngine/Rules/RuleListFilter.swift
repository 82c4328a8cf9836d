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
    /// `expect` (issue 12): a type word only where the dialect has the `expect` kind.
    case expect

    /// The filter for a LIST type frame; any other word is `RuleError.invalidType`, and so is
    /// `expect` in the original's dialect (the bus answers as it always did).
    public init(wireType: String, dialect: RuleDialect = .original) throws(RuleError) {
        guard let filter = RuleListFilter(rawValue: wireType), filter != .expect || dialect.acceptsExpect else {
            throw .invalidType(wireType)
        }
        self = filter
    }

    /// True when a rule of `kind` belongs in the listing.
    public func includes(_ kind: RuleKind) -> Bool {
        self == .all || rawValue == kind.listType
    }
}
