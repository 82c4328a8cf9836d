/// Appends zproto field encodings (wire.md §2.2) to a growing byte buffer.
///
/// Numbers are unsigned big-endian. A `string` is a one-byte length and at most 255 bytes; the
/// writer truncates longer input to 255 bytes so the length byte always equals the byte count
/// (wire.md §2.2 encoder rule 1, decisions.md D3 / Q29). Callers that must refuse over-long values
/// check ``ByteWriter/maxStringLength`` themselves before writing.
public struct ByteWriter: Sendable {
    /// Largest number of bytes a zproto `string` field can carry.
    public static let maxStringLength = 255

    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes one byte.
    public mutating func number1(_ value: UInt8) {
        bytes.append(value)
    }

    /// Writes a 2-byte big-endian number.
    public mutating func number2(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes a 4-byte big-endian number.
    public mutating func number4(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes an 8-byte big-endian number.
    public mutating func number8(_ value: UInt64) {
        number4(UInt32(truncatingIfNeeded: value >> 32))
        number4(UInt32(truncatingIfNeeded: value))
    }

    /// Writes raw bytes with no length prefix.
    public mutating func raw(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
    }

    /// Writes a `string`: one length byte, then the bytes, cut to 255 bytes if longer.
    public mutating func string(_ value: some Collection<UInt8>) {
        let count = Swift.min(value.count, Self.maxStringLength)
        bytes.append(UInt8(count))
        bytes.append(contentsOf: value.prefix(count))
    }

    /// Writes a `string` from the UTF-8 bytes of `value`, cut to 255 bytes if longer.
    public mutating func string(_ value: String) {
        string(value.utf8)
    }

    /// Writes a `longstr`: a 4-byte length, then the bytes.
    public mutating func longString(_ value: some Collection<UInt8>) {
        number4(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a `longstr` from the UTF-8 bytes of `value`.
    public mutating func longString(_ value: String) {
        longString(value.utf8)
    }

    /// Writes a `strings` list: a 4-byte count, then each item as a `longstr`.
    public mutating func strings(_ values: [String]) {
        number4(UInt32(truncatingIfNeeded: values.count))
        for value in values { longString(value) }
    }

    /// Writes a `hash`: a 4-byte count, then each entry as `string` key and `longstr` value, in the
    /// order given.
    public mutating func hash(_ entries: [(key: String, value: String)]) {
        number4(UInt32(truncatingIfNeeded: entries.count))
        for entry in entries {
            string(entry.key)
            longString(entry.value)
        }
    }
}
