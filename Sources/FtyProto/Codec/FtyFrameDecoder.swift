import Zproto

/// Reads the fields of one fty_proto frame, naming the field in any truncation error.
struct FtyFrameDecoder {
    private var reader: ByteReader

    init(_ frame: [UInt8], offset: Int) {
        reader = ByteReader(frame, offset: offset)
    }

    var remaining: Int { reader.remaining }

    mutating func number4(_ field: String) throws(FtyDecodeError) -> UInt32 {
        do { return try reader.number4() } catch { throw .truncated(field: field, error) }
    }

    mutating func number8(_ field: String) throws(FtyDecodeError) -> UInt64 {
        do { return try reader.number8() } catch { throw .truncated(field: field, error) }
    }

    mutating func string(_ field: String) throws(FtyDecodeError) -> String {
        do { return Self.cString(try reader.stringSlice()) } catch { throw .truncated(field: field, error) }
    }

    mutating func longString(_ field: String) throws(FtyDecodeError) -> String {
        do { return Self.cString(try reader.longStringSlice()) } catch { throw .truncated(field: field, error) }
    }

    mutating func strings(_ field: String) throws(FtyDecodeError) -> [String] {
        do { return try reader.stringList().map(Self.cString) } catch { throw .truncated(field: field, error) }
    }

    /// Reads a hash; wire.md §4.6 rule 4: the reference inserts each entry with `zhash_insert`,
    /// so of duplicate keys (compared after the NUL cut) the first one wins.
    mutating func hash(_ field: String) throws(FtyDecodeError) -> FtyHash {
        let entries: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)]
        do { entries = try reader.hashEntries() } catch { throw .truncated(field: field, error) }
        if entries.isEmpty { return FtyHash() }
        return FtyHash(keepingFirstOf: entries.map { (key: Self.cString($0.key), value: Self.cString($0.value)) })
    }

    /// The text a C getter returns for these bytes: up to the first NUL (vectors/README.md
    /// item 9), decoded as UTF-8 with invalid sequences replaced by U+FFFD.
    static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
