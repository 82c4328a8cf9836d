/// The `aux` / `ext` dictionary of an fty_proto message: unique keys in insertion order.
///
/// The reference keeps these in a czmq `zhash`, so a key appears at most once and inserting an
/// existing key with ``insert(_:forKey:)`` keeps the first value (wire.md §4.6 rule 4). The
/// order is kept only because it decides the byte order of the encoded entries
/// (``FtyHashOrder``, wire.md §4.7); equality ignores it, as receivers must.
public struct FtyHash: Sendable, Equatable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The entries in the order their keys were first inserted.
    public private(set) var entries: [(key: String, value: String)]

    /// Creates an empty hash.
    public init() {
        entries = []
    }

    /// Creates a hash from pairs in insertion order; for a repeated key the first value wins.
    public init(_ pairs: some Sequence<(key: String, value: String)>) {
        self.init(keepingFirstOf: Array(pairs))
    }

    /// Creates a hash from pairs in insertion order, dropping every pair whose key came before.
    init(keepingFirstOf pairs: [(key: String, value: String)]) {
        if pairs.count <= 1 {
            entries = pairs
        } else if pairs.count <= Self.linearScanLimit {
            entries = []
            entries.reserveCapacity(pairs.count)
            for pair in pairs where !entries.contains(where: { $0.key == pair.key }) { entries.append(pair) }
        } else {
            var seen = Set<String>(minimumCapacity: pairs.count)
            entries = pairs.filter { seen.insert($0.key).inserted }
        }
    }

    /// Creates a hash from a literal; for a repeated key the first value wins.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(keepingFirstOf: elements.map { (key: $0.0, value: $0.1) })
    }

    /// Up to this many entries a key is looked up by scanning; hashes are usually a handful of keys.
    private static let linearScanLimit = 16

    /// Number of entries.
    public var count: Int { entries.count }

    /// True when the hash has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// The value of `key`; setting a value replaces it in place (keeping the key's position, as
    /// `zhash_update` does) or appends a new key; setting `nil` removes the key.
    public subscript(key: String) -> String? {
        get {
            entries.first { $0.key == key }?.value
        }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let i?, let value?): entries[i].value = value
            case (let i?, nil): entries.remove(at: i)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Adds `value` under `key` unless the key is present, like `zhash_insert`.
    ///
    /// - Returns: false (and leaves the hash unchanged) when the key was already present.
    @discardableResult
    public mutating func insert(_ value: String, forKey key: String) -> Bool {
        guard !entries.contains(where: { $0.key == key }) else { return false }
        entries.append((key, value))
        return true
    }

    /// The value of `key` read as an integer the way C `atol` reads it, or `defaultValue` when the
    /// key is absent.
    ///
    /// wire.md §4.6 rule 6 / engine.md §2.1: the reference accessor (`fty_proto_aux_number`)
    /// uses the default only for a missing key; a present value is parsed by `atol`: leading
    /// white space, an optional sign, then as many digits as there are. Anything else gives 0
    /// (`"P1"` → 0, `"12abc"` → 12); out-of-range values saturate as glibc's `strtol` does.
    public func integer(forKey key: String, default defaultValue: Int) -> Int {
        guard let text = self[key] else { return defaultValue }
        return Self.atol(text)
    }

    /// Parses `text` with C `atol` semantics (see ``integer(forKey:default:)``).
    static func atol(_ text: String) -> Int {
        var bytes = text.utf8.makeIterator()
        var byte = bytes.next()
        // C isspace in the C locale: space, \t, \n, \v, \f, \r.
        while let b = byte, b == 0x20 || (0x09...0x0D).contains(b) { byte = bytes.next() }
        var negative = false
        if let b = byte, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
            negative = b == UInt8(ascii: "-")
            byte = bytes.next()
        }
        // Accumulate towards the sign so Int.min is reachable; saturate on overflow.
        var value = 0
        var overflow = false
        while let b = byte, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
            if !overflow {
                let digit = Int(b - UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true } else { value = next }
            }
            byte = bytes.next()
        }
        if overflow { return negative ? Int.min : Int.max }
        return value
    }

    /// Two hashes are equal when they map the same keys to the same values, in any order.
    public static func == (lhs: FtyHash, rhs: FtyHash) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count <= linearScanLimit {
            return lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
        }
        let values = Dictionary(uniqueKeysWithValues: rhs.entries.lazy.map { ($0.key, $0.value) })
        return lhs.entries.allSatisfy { values[$0.key] == $0.value }
    }

    /// The entries as `[key: value, …]` in insertion order.
    public var description: String {
        "[" + entries.map { "\($0.key.debugDescription): \($0.value.debugDescription)" }.joined(separator: ", ") + "]"
    }
}
