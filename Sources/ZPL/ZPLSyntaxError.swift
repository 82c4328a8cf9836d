/// Why a ZPL document could not be read, and on which line (1-based).
public struct ZPLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the line.
    public enum Reason: Sendable, Equatable {
        /// Leading spaces are not a multiple of 4 (ZPL indents by exactly 4 spaces per level).
        case indentationNotMultipleOfFour(spaces: Int)
        /// The line is indented more than one level deeper than the property before it.
        case indentedTooDeep
        /// A tab in the indentation: ZPL indents with spaces only.
        case tabInIndentation
        /// The line does not start with a property name.
        case missingName
        /// A character that may not appear in a property name.
        case invalidNameCharacter(Character)
        /// A quoted value without its closing quote.
        case unterminatedQuote(Character)
        /// Something other than a comment after the value (or after the name).
        case unexpectedText(String)
    }

    /// The 1-based line number.
    public var line: Int
    /// What is wrong with it.
    public var reason: Reason

    /// The error `reason` on `line`.
    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// The line and the reason, as the agent prints them (`line 3: …`).
    public var description: String {
        switch reason {
        case .indentationNotMultipleOfFour(let spaces):
            "line \(line): indentation of \(spaces) spaces is not a multiple of 4"
        case .indentedTooDeep:
            "line \(line): indented more than one level below the line before"
        case .tabInIndentation:
            "line \(line): tab in indentation (indent with 4 spaces per level)"
        case .missingName:
            "line \(line): expected a property name"
        case .invalidNameCharacter(let character):
            "line \(line): '\(character)' is not allowed in a property name"
        case .unterminatedQuote(let quote):
            "line \(line): value has no closing \(quote)"
        case .unexpectedText(let text):
            "line \(line): unexpected '\(text)' (only a # comment may follow a value)"
        }
    }
}
