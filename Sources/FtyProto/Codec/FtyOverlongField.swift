/// A `string` field longer than the 255 bytes the wire allows, which the encoder will cut.
///
/// engine.md §16 Q29: the reference would write a wrapped length and a corrupt frame; this
/// encoder cuts the value at the last UTF-8 character boundary at or below 255 bytes. Callers
/// use ``FtyProtoCodec/overlongFields(in:)`` to log what was cut.
public struct FtyOverlongField: Sendable, Equatable, CustomStringConvertible {
    /// The field name as in wire.md §4 (`rule`, `description`, `unit`, …).
    public let field: String
    /// The field's length in UTF-8 bytes before cutting.
    public let length: Int

    /// Creates a report for `field` of `length` bytes.
    public init(field: String, length: Int) {
        self.field = field
        self.length = length
    }

    /// For log lines: `description is 300 bytes, cut to 255`.
    public var description: String { "\(field) is \(length) bytes, cut to at most 255" }
}
