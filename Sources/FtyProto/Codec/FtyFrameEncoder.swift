import Zproto

/// Writes the fields of one fty_proto frame into a buffer sized up front.
struct FtyFrameEncoder {
    static let maxStringLength = ByteWriter.maxStringLength

    private var writer: ByteWriter
    private let hashOrder: FtyHashOrder

    /// Starts a frame of message `id` whose exact `size` is known: writes the signature and id.
    init(id: UInt8, size: Int, hashOrder: FtyHashOrder) {
        writer = ByteWriter(capacity: size)
        self.hashOrder = hashOrder
        writer.number1(FtyProtoCodec.signature.0)
        writer.number1(FtyProtoCodec.signature.1)
        writer.number1(id)
    }

    /// The frame written so far.
    var bytes: [UInt8] { writer.bytes }

    mutating func number4(_ value: UInt32) { writer.number4(value) }

    mutating func number8(_ value: UInt64) { writer.number8(value) }

    /// Writes a `string`, cut at the last UTF-8 boundary at or below 255 bytes.
    ///
    /// engine.md §16 Q29 / wire.md §4.2: the reference writes the length modulo 256 and every
    /// byte, a corrupt frame; a byte-wise cut (what ByteWriter does) could split a character.
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
            for index in ZhashOrder.encodingOrder(of: entries.lazy.map { $0.key }, hashOrder) {
                try self.entry(entries[index], field: field)
            }
        }
    }

    private mutating func entry(_ entry: (key: String, value: String), field: String) throws(FtyEncodeError) {
        writer.string(entry.key)
        try longString(entry.value, field: field)
    }

    // Exact sizes of encoded frames, so that the buffer is allocated once.

    static func encodedSize(of metric: FtyMetric) -> Int {
        3 + size(metric.aux) + 8 + 4 + size(metric.type) + size(metric.name) + size(metric.value) + size(metric.unit)
    }

    static func encodedSize(of alert: FtyAlert) -> Int {
        var total = 3 + size(alert.aux) + 8 + 4 + size(alert.rule) + size(alert.name) + size(alert.state)
        total += size(alert.severity) + size(alert.description) + 4 + 4 + alert.metadata.utf8.count
        for action in alert.action { total += 4 + action.utf8.count }
        return total
    }

    static func encodedSize(of asset: FtyAsset) -> Int {
        3 + size(asset.aux) + size(asset.name) + size(asset.operation) + size(asset.ext)
    }

    private static func size(_ string: String) -> Int { 1 + min(string.utf8.count, maxStringLength) }

    private static func size(_ hash: FtyHash) -> Int {
        var total = 4
        for entry in hash.entries { total += 1 + min(entry.key.utf8.count, maxStringLength) + 4 + entry.value.utf8.count }
        return total
    }
}
