/// Which rule documents the engine accepts: the original's kinds only, or also the `expect`
/// kind of issue 12.
///
/// The original answers `BAD_JSON` to an `{"expect": …}` document and `INVALID_TYPE` to
/// `LIST expect`; an engine keeps those answers (every byte on the bus as before) until the
/// operator asks for the kind with `--expect-rules`.
public struct RuleDialect: Sendable, Equatable {
    /// Whether `{"expect": …}` documents parse (and `LIST expect` is a type).
    public var acceptsExpect: Bool

    /// A dialect; see ``original`` and ``withExpect``.
    public init(acceptsExpect: Bool) {
        self.acceptsExpect = acceptsExpect
    }

    /// The original's five kinds (engine.md §3.2): the default.
    public static let original = RuleDialect(acceptsExpect: false)
    /// The five kinds and `expect` (`--expect-rules`).
    public static let withExpect = RuleDialect(acceptsExpect: true)
}
