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
    public var bytes: [UInt8] { storage }

    // Inlinable so that codecs in other modules append straight into the buffer: encoding is on
    // the hot path of every publication.
    @usableFromInline var storage: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    @inlinable
    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// Writes one byte.
    @inlinable
    public mutating func number1(_ value: UInt8) {
        storage.append(value)
    }

    /// Writes a 2-byte big-endian number.
    @inlinable
    public mutating func number2(_ value: UInt16) {
        storage.append(UInt8(truncatingIfNeeded: value >> 8))
        storage.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes a 4-byte big-endian number.
    @inlinable
    public mutating func number4(_ value: UInt32) {
        storage.append(UInt8(truncatingIfNeeded: value >> 24))
        storage.append(UInt8(truncatingIfNeeded: value >> 16))
        storage.append(UInt8(truncatingIfNeeded: value >> 8))
        storage.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes an 8-byte big-endian number.
    @inlinable
    public mutating func number8(_ value: UInt64) {
        number4(UInt32(truncatingIfNeeded: value >> 32))
        number4(UInt32(truncatingIfNeeded: value))
    }

    /// Writes raw bytes with no length prefix.
    @inlinable
    public mutating func raw(_ value: some Collection<UInt8>) {
        storage.append(contentsOf: value)
    }

    /// Writes a `string`: one length byte, then the bytes, cut to 255 bytes if longer.
    @inlinable
    public mutating func string(_ value: some Collection<UInt8>) {
        let count = Swift.min(value.count, Self.maxStringLength)
        storage.append(UInt8(count))
        storage.append(contentsOf: value.prefix(count))
    }

    /// Writes a `string` from the UTF-8 bytes of `value`, cut to 255 bytes if longer.
    @inlinable
    public mutating func string(_ value: String) {
        let utf8 = value.utf8
        guard utf8.count <= Self.maxStringLength else {
            string(Array(utf8.prefix(Self.maxStringLength)))
            return
        }
        storage.append(UInt8(utf8.count))
        appendUTF8(value)
    }

    /// Writes a `longstr`: a 4-byte length, then the bytes.
    @inlinable
    public mutating func longString(_ value: some Collection<UInt8>) {
        number4(UInt32(truncatingIfNeeded: value.count))
        storage.append(contentsOf: value)
    }

    /// Writes a `longstr` from the UTF-8 bytes of `value`.
    @inlinable
    public mutating func longString(_ value: String) {
        number4(UInt32(truncatingIfNeeded: value.utf8.count))
        appendUTF8(value)
    }

    /// Appends the UTF-8 bytes of `value`, as one copy when the string is stored contiguously.
    @inlinable
    mutating func appendUTF8(_ value: String) {
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { storage.append(contentsOf: $0) }
        if copied == nil { storage.append(contentsOf: value.utf8) }
    }

    /// Writes a `strings` list: a 4-byte count, then each item as a `longstr`.
    @inlinable
    public mutating func strings(_ values: [String]) {
        number4(UInt32(truncatingIfNeeded: values.count))
        for value in values { longString(value) }
    }

    /// Writes a `hash`: a 4-byte count, then each entry as `string` key and `longstr` value, in the
    /// order given.
    @inlinable
    public mutating func hash(_ entries: [(key: String, value: String)]) {
        number4(UInt32(truncatingIfNeeded: entries.count))
        for entry in entries {
            string(entry.key)
            longString(entry.value)
        }
    }
}
