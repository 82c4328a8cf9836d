/// Why a subject pattern is invalid (so it matches nothing), wire.md §2.5.8, decisions.md D7.
///
/// The first five kinds are the compile errors SLRE itself reports through `zrex_strerror`; the
/// other two are inputs on which the reference never gets a usable program (it loops for ever,
/// or reads past the end of the pattern), which we reject instead.
public struct SubjectPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable {
        /// The compiled program would exceed SLRE's 256-byte code array.
        case codeOverflow
        /// The literal bytes would exceed SLRE's 256-byte data array.
        case dataOverflow
        /// A jump inside the compiled program would be longer than 255 bytes.
        case jumpOffsetTooBig
        /// A `(` has no matching `)`.
        case missingClosingParenthesis
        /// A `[` has no matching `]`.
        case missingClosingSquareBracket
        /// A `)` has no matching `(`: the reference `zrex_new` loops for ever (vectors README 10).
        case unbalancedClosingParenthesis
        /// The pattern ends with a lone `\`: the reference reads past the end of the pattern.
        case danglingEscape
    }

    /// The kind of problem.
    public let kind: Kind
    /// Byte offset in the pattern where the compiler noticed the problem.
    public let offset: Int

    /// Creates an error of `kind` noticed at byte `offset` of the pattern.
    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The message `zrex_strerror` gives for this error, or nil where the reference reports none.
    public var referenceMessage: String? {
        switch kind {
        case .codeOverflow: "RE is too long (code overflow)"
        case .dataOverflow: "RE is too long (data overflow)"
        case .jumpOffsetTooBig: "Jump offset is too big"
        case .missingClosingParenthesis: "No closing bracket"
        case .missingClosingSquareBracket: "No closing ']' bracket"
        case .unbalancedClosingParenthesis, .danglingEscape: nil
        }
    }

    /// A human-readable explanation with the offset.
    public var description: String {
        let what: String
        switch kind {
        case .unbalancedClosingParenthesis: what = "unbalanced ')'"
        case .danglingEscape: what = "pattern ends with an unfinished '\\' escape"
        case .codeOverflow, .dataOverflow, .jumpOffsetTooBig, .missingClosingParenthesis,
            .missingClosingSquareBracket:
            what = referenceMessage ?? "invalid pattern"
        }
        return "invalid subject pattern: \(what) at byte \(offset)"
    }
}
