/// Why a message could not be encoded without producing a corrupt frame.
///
/// Over-long `string` fields are not errors: the encoder cuts them (engine.md §16 Q29, see
/// ``FtyProtoCodec/overlongFields(in:)``). A hash key cannot be cut without changing what it
/// names, so it is refused instead.
public enum FtyEncodeError: Error, Equatable, Sendable {
    /// A key of `aux` or `ext` (`field`) is longer than the 255 bytes a `string` can carry.
    case hashKeyTooLong(field: String, key: String, length: Int)
    /// A `longstr` value (hash value, action item or metadata) is longer than a 4-byte length allows.
    case valueTooLong(field: String, length: Int)
}
