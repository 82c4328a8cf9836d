/// The five kinds of rule the engine knows (engine.md §3.2).
public enum RuleKind: Sendable, Equatable, Hashable, CaseIterable {
    /// `pattern`: one regular-expression target, Lua, alerts per matching asset (§6.4).
    case pattern
    /// `threshold` with a scalar target and a manual source: built-in comparisons (§6.1).
    case simpleThreshold
    /// `threshold` with a scalar target and a non-manual `rule_source`: never evaluated (§6.3).
    case deviceThreshold
    /// `threshold` with an array target: Lua (§6.2).
    case complexThreshold
    /// `single`: array target, Lua (§6.2).
    case single

    /// The type word LIST uses for this kind (engine.md §9.2): `threshold`, `single` or `pattern`.
    public var listType: String {
        switch self {
        case .pattern: return "pattern"
        case .simpleThreshold, .deviceThreshold, .complexThreshold: return "threshold"
        case .single: return "single"
        }
    }

    /// The top-level member name a document of this kind has.
    public var documentKey: String { listType }

    /// True for the kinds whose `evaluation` is Lua source that must compile (engine.md §3.3).
    public var usesLua: Bool {
        switch self {
        case .pattern, .complexThreshold, .single: return true
        case .simpleThreshold, .deviceThreshold: return false
        }
    }
}
