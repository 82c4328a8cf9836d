/// Reads zproto field encodings (wire.md §2.2) from one frame, refusing any read past its end.
///
/// A read that would run past the end throws ``TruncatedFrame`` and leaves the reader where it
/// was; bytes left over after the last field are simply never read (decoders tolerate them).
public struct ByteReader: Sendable {
    /// The frame being read.
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var offset: Int

    /// Creates a reader positioned at `offset` of `bytes`.
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Number of bytes not yet read.
    public var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws(TruncatedFrame) -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw TruncatedFrame(offset: offset, needed: count, available: remaining)
        }
        let range = offset..<(offset + count)
        offset += count
        return range
    }

    /// Reads one byte.
    public mutating func number1() throws(TruncatedFrame) -> UInt8 {
        bytes[try take(1).lowerBound]
    }

    /// Reads a 2-byte big-endian number.
    public mutating func number2() throws(TruncatedFrame) -> UInt16 {
        let r = try take(2)
        return UInt16(bytes[r.lowerBound]) << 8 | UInt16(bytes[r.lowerBound + 1])
    }

    /// Reads a 4-byte big-endian number.
    public mutating func number4() throws(TruncatedFrame) -> UInt32 {
        let r = try take(4)
        var value: UInt32 = 0
        for i in r { value = value << 8 | UInt32(bytes[i]) }
        return value
    }

    /// Reads an 8-byte big-endian number.
    public mutating func number8() throws(TruncatedFrame) -> UInt64 {
        let r = try take(8)
        var value: UInt64 = 0
        for i in r { value = value << 8 | UInt64(bytes[i]) }
        return value
    }

    /// Reads raw bytes of a known length.
    public mutating func raw(_ count: Int) throws(TruncatedFrame) -> ArraySlice<UInt8> {
        bytes[try take(count)]
    }

    /// Reads a `string` (one length byte, then that many bytes) as raw bytes.
    public mutating func stringBytes() throws(TruncatedFrame) -> [UInt8] {
        let start = offset
        let length = Int(try number1())
        do {
            return Array(try raw(length))
        } catch {
            offset = start
            throw error
        }
    }

    /// Reads a `longstr` (4-byte length, then that many bytes) as raw bytes.
    public mutating func longStringBytes() throws(TruncatedFrame) -> [UInt8] {
        let start = offset
        let length = Int(try number4())
        do {
            return Array(try raw(length))
        } catch {
            offset = start
            throw error
        }
    }
}

/// A field of a zproto frame would read past the end of the frame.
public struct TruncatedFrame: Error, Equatable, Sendable {
    /// Offset at which the read started.
    public let offset: Int
    /// Bytes the field needed.
    public let needed: Int
    /// Bytes that were left.
    public let available: Int
}
