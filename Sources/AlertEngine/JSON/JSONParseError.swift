/// Why the lenient JSON parser refused a document, and where.
///
/// `offset` is the 0-based byte offset of the offending byte (the input length for a premature
/// end); `line` and `column` are 1-based and count bytes, for log lines.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The input ended inside a value (or was empty / only white space).
        case unexpectedEnd
        /// A byte that cannot start or continue the value being read.
        case unexpectedByte(UInt8)
        /// A backslash escape that JSON does not define, or a malformed `\u` escape.
        case invalidEscape
        /// A number literal that does not follow the JSON number grammar.
        case invalidNumber
        /// A string literal whose bytes are not valid UTF-8.
        case invalidUTF8
        /// Arrays/objects nested deeper than the parser's limit (protects the stack).
        case tooDeep
    }

    /// What went wrong.
    public var kind: Kind
    /// 0-based byte offset in the input.
    public var offset: Int
    /// 1-based line of `offset`.
    public var line: Int
    /// 1-based column (in bytes) of `offset`.
    public var column: Int

    /// Creates an error; line and column are given by the parser.
    public init(kind: Kind, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// A one-line explanation, e.g. `unexpected byte 0x7d at line 3, column 5 (offset 40)`.
    public var description: String {
        let what: String
        switch kind {
        case .unexpectedEnd: what = "unexpected end of input"
        case .unexpectedByte(let byte):
            let hex = String(byte, radix: 16)
            what = "unexpected byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        case .invalidEscape: what = "invalid escape sequence"
        case .invalidNumber: what = "invalid number"
        case .invalidUTF8: what = "invalid UTF-8 in string"
        case .tooDeep: what = "nesting too deep"
        }
        return "\(what) at line \(line), column \(column) (offset \(offset))"
    }
}
