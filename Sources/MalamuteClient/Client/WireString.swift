/// Turns API strings into wire strings, refusing what cannot be encoded.
public enum WireString {
    /// The UTF-8 bytes of `text`, or ``MalamuteClientError/stringTooLong(field:byteCount:)`` when
    /// they exceed the 255 bytes a zproto string holds (wire.md §2.2 rule 1; refusing beats the
    /// reference's silent truncation for names and subjects).
    /// The most bytes a zproto string (a subject, a tracker) holds.
    public static let maxBytes = 255

    /// `text` cut to at most ``maxBytes`` UTF-8 bytes, for a caller that would rather send a
    /// shortened subject or tracker than have it refused. The cut backs up to a character start
    /// and also drops the multi-byte character that starts there.
    public static func cut(_ text: String) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var bytes = Array(text.utf8.prefix(maxBytes))
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func bytes(_ text: String, field: String) throws(MalamuteClientError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count <= 255 else { throw .stringTooLong(field: field, byteCount: bytes.count) }
        return bytes
    }

    /// `bytes` themselves, or ``MalamuteClientError/stringTooLong(field:byteCount:)`` past 255 bytes.
    static func checked(_ bytes: [UInt8], field: String) throws(MalamuteClientError) -> [UInt8] {
        guard bytes.count <= 255 else { throw .stringTooLong(field: field, byteCount: bytes.count) }
        return bytes
    }
}
