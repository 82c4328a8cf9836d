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
        Array(try stringSlice())
    }

    /// Reads a `string` without copying: the slice shares the frame's storage.
    public mutating func stringSlice() throws(TruncatedFrame) -> ArraySlice<UInt8> {
        let start = offset
        let length = Int(try number1())
        do {
            return try raw(length)
        } catch {
            offset = start
            throw error
        }
    }

    /// Reads a `longstr` without copying: the slice shares the frame's storage.
    public mutating func longStringSlice() throws(TruncatedFrame) -> ArraySlice<UInt8> {
        let start = offset
        let length = Int(try number4())
        do {
            return try raw(length)
        } catch {
            offset = start
            throw error
        }
    }

    /// Reads a `strings` list (4-byte count, then that many `longstr`) without copying the items.
    ///
    /// A count that cannot fit in the rest of the frame (each item takes at least 4 bytes) is
    /// refused at once, so a hostile count never makes the reader loop or reserve memory.
    public mutating func stringList() throws(TruncatedFrame) -> [ArraySlice<UInt8>] {
        let start = offset
        do {
            let count = try itemCount(minimumItemSize: 4)
            var items: [ArraySlice<UInt8>] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try longStringSlice()) }
            return items
        } catch {
            offset = start
            throw error
        }
    }

    /// Reads a `hash` (4-byte count, then that many `string` key + `longstr` value) without copying.
    ///
    /// Entries come back in wire order, duplicates included: what a duplicate key means is the
    /// caller's decision. A count that cannot fit in the rest of the frame (each entry takes at
    /// least 5 bytes) is refused at once.
    public mutating func hashEntries() throws(TruncatedFrame) -> [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
        let start = offset
        do {
            let count = try itemCount(minimumItemSize: 5)
            var entries: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try stringSlice()
                entries.append((key, try longStringSlice()))
            }
            return entries
        } catch {
            offset = start
            throw error
        }
    }

    /// Reads a 4-byte item count, refusing one whose items could not fit in the remaining bytes.
    private mutating func itemCount(minimumItemSize: Int) throws(TruncatedFrame) -> Int {
        let countOffset = offset
        let count = Int(try number4())
        guard count <= remaining / minimumItemSize else {
            throw TruncatedFrame(offset: countOffset, needed: 4 + count * minimumItemSize, available: remaining + 4)
        }
        return count
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
