import Zproto

/// Writes the fields of one fty_proto frame into a buffer sized up front.
struct FtyFrameEncoder {
    static let maxStringLength = ByteWriter.maxStringLength

    private var writer: ByteWriter
    private let hashOrder: FtyHashOrder

    /// Starts a frame for `message`: reserves its exact size, writes the signature and id.
    init(message: FtyProtoMessage, hashOrder: FtyHashOrder) {
        writer = ByteWriter(capacity: Self.encodedSize(of: message))
        self.hashOrder = hashOrder
        writer.number1(FtyProtoCodec.signature.0)
        writer.number1(FtyProtoCodec.signature.1)
        writer.number1(message.id)
    }

    /// The frame written so far.
    var bytes: [UInt8] { writer.bytes }

    mutating func number4(_ value: UInt32) { writer.number4(value) }

    mutating func number8(_ value: UInt64) { writer.number8(value) }

    /// Writes a `string`, cut at the last UTF-8 boundary at or below 255 bytes.
    ///
    /// engine.md §16 Q29 / wire.md §4.2: the reference writes the length modulo 256 and every
    /// byte, a corrupt frame; the byte-wise cut of the MLM setters could split a character.
    mutating func string(_ value: String) {
        let utf8 = value.utf8
        guard utf8.count > Self.maxStringLength else {
            writer.string(value)
            return
        }
        var end = utf8.index(utf8.startIndex, offsetBy: Self.maxStringLength)
        // A Swift String is valid UTF-8: back up over continuation bytes (10xxxxxx) to a
        // character start, which is where the kept prefix ends.
        while utf8[end] & 0xC0 == 0x80 { utf8.formIndex(before: &end) }
        writer.string(String(value[..<end]))
    }

    /// Writes a `longstr`.
    mutating func longString(_ value: String, field: String) throws(FtyEncodeError) {
        let length = value.utf8.count
        guard length <= UInt32.max else { throw .valueTooLong(field: field, length: length) }
        writer.longString(value)
    }

    /// Writes a `strings` list.
    mutating func strings(_ values: [String], field: String) throws(FtyEncodeError) {
        writer.number4(UInt32(truncatingIfNeeded: values.count))
        for value in values { try longString(value, field: field) }
    }

    /// Writes a `hash` in the entry order of the configured reference path (wire.md §4.7).
    mutating func hash(_ hash: FtyHash, field: String) throws(FtyEncodeError) {
        let entries = hash.entries
        for entry in entries where entry.key.utf8.count > Self.maxStringLength {
            throw .hashKeyTooLong(field: field, key: entry.key, length: entry.key.utf8.count)
        }
        writer.number4(UInt32(truncatingIfNeeded: entries.count))
        switch entries.count {
        case 0:
            break
        case 1:
            try self.entry(entries[0], field: field)
        default:
            for index in ZhashOrder.encodingOrder(of: entries.map(\.key), hashOrder) {
                try self.entry(entries[index], field: field)
            }
        }
    }

    private mutating func entry(_ entry: (key: String, value: String), field: String) throws(FtyEncodeError) {
        writer.string(entry.key)
        try longString(entry.value, field: field)
    }

    /// Exact size of the encoded frame, so the buffer is allocated once.
    static func encodedSize(of message: FtyProtoMessage) -> Int {
        func string(_ s: String) -> Int { 1 + min(s.utf8.count, maxStringLength) }
        func hash(_ h: FtyHash) -> Int {
            h.entries.reduce(4) { $0 + 1 + min($1.key.utf8.count, maxStringLength) + 4 + $1.value.utf8.count }
        }
        switch message {
        case .metric(let m):
            return 3 + hash(m.aux) + 8 + 4 + string(m.type) + string(m.name) + string(m.value) + string(m.unit)
        case .alert(let a):
            return 3 + hash(a.aux) + 8 + 4 + string(a.rule) + string(a.name) + string(a.state)
                + string(a.severity) + string(a.description)
                + a.action.reduce(4) { $0 + 4 + $1.utf8.count } + 4 + a.metadata.utf8.count
        case .asset(let a):
            return 3 + hash(a.aux) + string(a.name) + string(a.operation) + hash(a.ext)
        }
    }
}
