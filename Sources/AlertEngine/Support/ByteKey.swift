/// UTF-8 bytes used as a byte-exact dictionary key (engine.md §3.6), hashed in one pass.
///
/// `[UInt8]` would do as a key, but it hashes element by element, one `Hasher` call per byte;
/// topics, element names and rule names are looked up for every metric, so this hashes the
/// whole buffer at once.
struct ByteKey: Hashable, Sendable {
    /// The key's bytes.
    let bytes: [UInt8]

    /// The key of `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The key of `text`'s UTF-8 bytes.
    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The key of a metric topic `<quantity>@<asset>`, built in one allocation.
    init(quantity: String, asset: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(quantity.utf8.count + 1 + asset.utf8.count)
        bytes.append(contentsOf: quantity.utf8)
        bytes.append(UInt8(ascii: "@"))
        bytes.append(contentsOf: asset.utf8)
        self.bytes = bytes
    }

    /// The bytes as text (they came from a `String`, so they are valid UTF-8).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        lhs.bytes.count == rhs.bytes.count
            && lhs.bytes.withUnsafeBufferPointer { a in
                rhs.bytes.withUnsafeBufferPointer { b in a.elementsEqual(b) }
            }
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
