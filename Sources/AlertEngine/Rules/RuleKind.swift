/// The kinds of rule the engine knows: the five of engine.md §3.2, and `expect` (issue 12), which
/// the engine accepts only when asked to (`--expect-rules`).
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
    /// `expect`: topics or a topic pattern expected every period; no evaluation, only the
    /// absence ladder (issue 12). Parsed only in the `RuleDialect.withExpect` dialect.
    case expect

    /// The type word LIST uses for this kind (engine.md §9.2): `threshold`, `single`, `pattern`
    /// or `expect`.
    public var listType: String {
        switch self {
        case .pattern: return "pattern"
        case .simpleThreshold, .deviceThreshold, .complexThreshold: return "threshold"
        case .single: return "single"
        case .expect: return "expect"
        }
    }

    /// The top-level member name a document of this kind has.
    public var documentKey: String { listType }

    /// True for the kinds whose `evaluation` is Lua source that must compile (engine.md §3.3).
    public var usesLua: Bool {
        switch self {
        case .pattern, .complexThreshold, .single: return true
        case .simpleThreshold, .deviceThreshold, .expect: return false
        }
    }
}
