/// Turns API strings into wire strings, refusing what cannot be encoded.
enum WireString {
    /// The UTF-8 bytes of `text`, or ``MalamuteClientError/stringTooLong(field:byteCount:)`` when
    /// they exceed the 255 bytes a zproto string holds (wire.md §2.2 rule 1; refusing beats the
    /// reference's silent truncation for names and subjects).
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
