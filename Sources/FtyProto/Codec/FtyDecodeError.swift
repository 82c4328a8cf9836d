import Zproto

/// Why content is not a decodable fty_proto message (wire.md §4.6).
public enum FtyDecodeError: Error, Equatable, Sendable {
    /// The content has no frame at all.
    case noFrame
    /// The first frame is shorter than the signature and id (3 bytes).
    case frameTooShort(length: Int)
    /// The first frame does not start with `AA A1`.
    case badSignature(UInt8, UInt8)
    /// The id byte is not 1 (METRIC), 2 (ALERT) or 3 (ASSET).
    case unknownMessageID(UInt8)
    /// A field runs past the end of the frame; the whole message is rejected, as the reference does.
    case truncated(field: String, TruncatedFrame)
}
